import type { Response } from 'express';

/**
 * Rejections made before Apollo sees the request still answer in GraphQL's shape, so clients handle
 * them like any other error: `{ errors: [{ message, extensions: { code, requestId, ... } }] }`.
 */
export function sendGraphQLError(res: Response, status: number, message: string, extensions: Record<string, unknown>): void {
  const requestId = res.locals.requestId as string | undefined;
  res.status(status).json({ errors: [{ message, extensions: { ...extensions, requestId } }] });
}
