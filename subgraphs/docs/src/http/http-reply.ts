import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRefusal } from '../errors';

/**
 * A refusal in the shape GraphQL errors and the gateway's own rejections have, so clients handle all of
 * them alike: `{ errors: [{ message, extensions: { code, field?, requestId } }] }`.
 */
export function replyRefusal(req: IncomingMessage, res: ServerResponse, refusal: HttpRefusal, requestId: string): void {
  const extensions = { code: refusal.code, ...(refusal.field ? { field: refusal.field, fields: [{ field: refusal.field, message: refusal.message }] } : {}), requestId };
  replyJson(req, res, refusal.status, { errors: [{ message: refusal.message, extensions }] });
}

export function replyJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  // an unread body is not drained: closing the connection is cheaper than reading it
  if (!req.complete) res.setHeader('connection', 'close');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}
