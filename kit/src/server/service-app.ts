import { randomUUID } from 'node:crypto';
import express, { type Express, type Request } from 'express';
import { REQUEST_ID_HEADER } from '../auth/internal-viewer';
import type { Logger } from '../logging/logger';
import { type HealthCheck, runHealthChecks } from './health';
import type { ServiceMetrics } from './metrics';

const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id a request carries through the platform: taken from the caller when well-formed, else new. */
export function requestIdFrom(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export function requestIdOf(req: Pick<Request, 'header'>): string {
  return requestIdFrom(req.header(REQUEST_ID_HEADER));
}

/**
 * Express app with what every process exposes: request ids, `/health` (liveness),
 * `/health?detailed=true` (dependencies with latency) and `/metrics` (Prometheus).
 */
export function createServiceApp(options: { service: string; logger: Logger; metrics: ServiceMetrics; healthChecks: readonly HealthCheck[] }): Express {
  const startedAt = Date.now();
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const id = requestIdOf(req);
    res.locals.requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    next();
  });
  app.get('/health', async (req, res) => {
    if (req.query.detailed !== 'true') {
      res.json({ service: options.service, status: 'OK' });
      return;
    }
    const report = await runHealthChecks(options.service, options.healthChecks, startedAt);
    res.status(report.status === 'DOWN' ? 503 : 200).json(report);
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', options.metrics.registry.contentType);
    res.send(await options.metrics.registry.metrics());
  });
  return app;
}
