import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';

/** `/graphql` (or `/graphql/`), with or without a query string. */
export function isGraphQLPath(url: string | undefined): boolean {
  const value = url ?? '';
  const end = value.indexOf('?');
  const path = end < 0 ? value : value.slice(0, end);
  return path === '/graphql' || path === '/graphql/';
}

/** Why a body could not be read: too large (413) or not JSON (400). */
export class BodyReadError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a JSON body of at most `maxBytes`, refusing early on a declared or streamed size over the limit
 * (the rest is not buffered). A non-JSON content type yields `undefined`, so Apollo gives its own answer
 * (CSRF prevention, missing body) exactly as with a framework.
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('json')) {
    req.resume();
    return Promise.resolve(undefined);
  }
  const declared = Number(req.headers['content-length']);
  if (declared > maxBytes) return Promise.reject(new BodyReadError(413, `declared ${declared} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        req.off('end', onEnd);
        reject(new BodyReadError(413, `over ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
      if (text.length === 0) return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new BodyReadError(400, 'not valid JSON'));
      }
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

/**
 * One HTTP request through Apollo Server, answered on the raw response: what a framework integration
 * does, without a router and middleware stack in the hot path.
 */
export async function respondWithApollo<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  request: { body: unknown; search: string; context: () => Promise<TContext> },
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers, search: request.search, body: request.body },
    context: request.context,
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
