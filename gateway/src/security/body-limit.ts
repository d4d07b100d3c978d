import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { sendGraphQLError } from './error-response';

/**
 * JSON body parsing capped at `maxBytes`; an oversized body is refused with 413 while it streams in
 * (the rest is never buffered), and a malformed one with 400, both as GraphQL errors.
 */
export function jsonBody(maxBytes: number): [RequestHandler, ErrorRequestHandler] {
  const parse = express.json({ limit: maxBytes });
  const onError: ErrorRequestHandler = (error: { type?: string; status?: number }, _req, res, next) => {
    if (error.type === 'entity.too.large') {
      sendGraphQLError(res, 413, `Request body exceeds the limit of ${maxBytes} bytes`, { code: 'PAYLOAD_TOO_LARGE', limit: maxBytes });
      return;
    }
    if (error.status === 400 && typeof error.type === 'string') {
      sendGraphQLError(res, 400, 'Request body is not valid JSON', { code: 'BAD_REQUEST' });
      return;
    }
    next(error);
  };
  return [parse, onError];
}
