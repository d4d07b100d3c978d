import type { ServerResponse } from 'node:http';

/** A request refused before Apollo sees it. */
export interface Rejection {
  status: number;
  message: string;
  extensions: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * Rejections made before Apollo sees the request still answer in GraphQL's shape, so clients handle
 * them like any other error: `{ errors: [{ message, extensions: { code, requestId, ... } }] }`.
 */
export function sendRejection(res: ServerResponse, rejection: Rejection, requestId: string): void {
  for (const [key, value] of Object.entries(rejection.headers ?? {})) res.setHeader(key, value);
  res.statusCode = rejection.status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message: rejection.message, extensions: { ...rejection.extensions, requestId } }] }));
}
