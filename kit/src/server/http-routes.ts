import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { Logger } from '../logging/logger';

/**
 * A route a service serves beside GraphQL (a webhook, say). Handlers get the raw Node request and
 * response, so they read the body themselves (with their own limits) and do not depend on Express.
 */
export interface HttpRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A literal path such as `/telegram/webhook`; patterns are refused so a route never shadows another by accident. */
  readonly path: string;
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

const LITERAL_PATH = /^\/[A-Za-z0-9._~/-]*$/;
/** Paths every service answers the same way: an extra route must not change them. */
const RESERVED = [/^\/graphql(\/|$)/, /^\/health\/?$/, /^\/metrics\/?$/];

/** Mounts extra routes; an invalid or reserved path is a programming error and stops start-up. */
export function mountHttpRoutes(app: Express, routes: readonly HttpRoute[], logger: Logger): void {
  const seen = new Set<string>();
  for (const route of routes) {
    if (!LITERAL_PATH.test(route.path)) throw new Error(`HTTP route path must be a literal path like /telegram/webhook, got "${route.path}"`);
    if (RESERVED.some((pattern) => pattern.test(route.path))) throw new Error(`HTTP route ${route.path} is reserved by the kit`);
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) throw new Error(`HTTP route ${key} is mounted twice`);
    seen.add(key);
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    app[method](route.path, async (req, res) => {
      try {
        await route.handler(req, res);
      } catch (error) {
        // Express's default error page would show the stack trace outside production
        logger.error({ err: error, route: key, requestId: res.locals.requestId }, 'http route failed');
        if (res.headersSent) res.destroy();
        else res.status(500).json({ error: 'Internal server error', requestId: res.locals.requestId });
      }
    });
  }
}
