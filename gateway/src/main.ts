import cluster from 'node:cluster';
import { envInt, runService } from '@b3/kit';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway';
import { superviseWorkers } from './workers';

// GATEWAY_WORKERS > 1: node:cluster workers share the port (each with its own upstream subscriptions and,
// unless RATE_LIMIT_REDIS_URL is set, its own rate-limit buckets).
const workers = envInt('GATEWAY_WORKERS', 1);
if (workers > 1 && cluster.isPrimary) superviseWorkers(workers);
else runService('gateway', (logger) => startGateway(loadGatewayConfig(), logger));
