import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

/**
 * Only the dashboard's origins may call the API from a browser; other origins get no CORS headers,
 * so browsers refuse to hand them responses. Returns true when it answered a preflight itself.
 */
export function corsHeaders(allowed: readonly string[]): (req: IncomingMessage, res: ServerResponse) => boolean {
  const origins = new Set(allowed);
  return (req, res) => {
    const origin = req.headers.origin;
    if (origin && origins.has(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'origin');
      res.setHeader('access-control-allow-headers', 'content-type, authorization, x-request-id, apollo-require-preflight');
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader('access-control-max-age', '600');
    }
    if (req.method !== 'OPTIONS') return false;
    res.statusCode = 204;
    res.end();
    return true;
  };
}

/** The same rules for the routes Express serves (health, metrics, SSE, the IDE). */
export function corsFor(allowed: readonly string[]): RequestHandler {
  const apply = corsHeaders(allowed);
  return (req, res, next) => {
    if (!apply(req, res)) next();
  };
}
