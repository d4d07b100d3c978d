import { runService } from '@b3/kit';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway';

runService('gateway', (logger) => startGateway(loadGatewayConfig(), logger));
