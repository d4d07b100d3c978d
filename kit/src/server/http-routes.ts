import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import { VIEWER_HEADER, verifyInternalViewer } from '../auth/internal-viewer';
import type { Viewer } from '../auth/roles';
import type { Logger } from '../logging/logger';

/** Who is calling (from the gateway's signed header, like GraphQL requests; null when anonymous) and the request's id. */
export interface HttpRouteContext {
  readonly viewer: Viewer | null;
  readonly requestId: string;
  readonly logger: Logger;
}

/**
 * A route a service serves beside GraphQL (a webhook, say). Handlers get the raw Node request and
 * response, so they read the body themselves (with their own limits) and do not depend on Express.
 */
export interface HttpRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A literal path such as `/telegram/webhook`; patterns are refused so a route never shadows another by accident. */
  readonly path: string;
  /** Also serve every path below `path` (which must then end with "/"), e.g. `/docs/files/<id>`. */
  readonly prefix?: boolean;
  readonly handler: (req: IncomingMessage, res: ServerResponse, ctx: HttpRouteContext) => void | Promise<void>;
}

const LITERAL_PATH = /^\/[A-Za-z0-9._~/-]*$/;
/** Paths every service answers the same way: an extra route must not change them. */
const RESERVED = [/^\/graphql(\/|$)/, /^\/health\/?$/, /^\/metrics\/?$/];

/**
 * Mounts extra routes; an invalid or reserved path is a programming error and stops start-up. A request
 * whose viewer header does not verify is refused with 401 before the handler runs.
 */
export function mountHttpRoutes(app: Express, routes: readonly HttpRoute[], logger: Logger, secret: string): void {
  const seen = new Set<string>();
  for (const route of routes) {
    if (!LITERAL_PATH.test(route.path)) throw new Error(`HTTP route path must be a literal path like /telegram/webhook, got "${route.path}"`);
    if (RESERVED.some((pattern) => pattern.test(route.path))) throw new Error(`HTTP route ${route.path} is reserved by the kit`);
    if (route.prefix && !route.path.endsWith('/')) throw new Error(`HTTP prefix route ${route.path} must end with "/"`);
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) throw new Error(`HTTP route ${key} is mounted twice`);
    seen.add(key);
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    app[method](route.prefix ? `${route.path}*rest` : route.path, async (req, res) => {
      const requestId = String(res.locals.requestId ?? 'http');
      const header = req.headers[VIEWER_HEADER];
      let viewer: Viewer | null = null;
      if (typeof header === 'string' && header !== '') {
        try {
          viewer = await verifyInternalViewer(header, secret);
        } catch {
          res.status(401).json({ error: 'Untrusted caller identity', code: 'UNAUTHENTICATED', requestId });
          return;
        }
      }
      try {
        await route.handler(req, res, { viewer, requestId, logger: logger.child({ requestId, route: key }) });
      } catch (error) {
        // Express's default error page would show the stack trace outside production
        logger.error({ err: error, route: key, requestId: res.locals.requestId }, 'http route failed');
        if (res.headersSent) res.destroy();
        else res.status(500).json({ error: 'Internal server error', requestId: res.locals.requestId });
      }
    });
  }
}
