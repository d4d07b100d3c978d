import type { IncomingMessage } from 'node:http';
import { BodyReadError, readJsonBody } from '@b3/kit';
import type { Rejection } from './error-response';

/**
 * JSON body capped at `maxBytes`: an oversized body is refused with 413 while it streams in (the rest is
 * never buffered), a malformed one with 400, both as GraphQL errors.
 */
export async function readGraphQLBody(req: IncomingMessage, maxBytes: number): Promise<{ body: unknown } | { rejection: Rejection }> {
  try {
    return { body: await readJsonBody(req, maxBytes) };
  } catch (error) {
    if (!(error instanceof BodyReadError)) throw error;
    if (error.status === 413) {
      return { rejection: { status: 413, message: `Request body exceeds the limit of ${maxBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE', limit: maxBytes } } };
    }
    return { rejection: { status: 400, message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } } };
  }
}
