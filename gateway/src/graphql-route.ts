import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { isGraphQLPath, REQUEST_ID_HEADER, requestIdFrom, respondWithApollo, type UserTokenVerifier, type Viewer } from '@b3/kit';
import { bearerToken, type GatewayContext, viewerFromToken } from './plugins/auth';
import { readGraphQLBody } from './security/body-limit';
import { type Rejection, sendRejection } from './security/error-response';
import type { GraphQLRequestFields } from './security/persisted-documents';

export interface GraphQLRouteOptions {
  apollo: ApolloServer<GatewayContext>;
  verify: UserTokenVerifier;
  /** Sets CORS headers; true when it answered a preflight itself. */
  cors: (req: IncomingMessage, res: ServerResponse) => boolean;
  rateLimit: (ip: string, viewer: Viewer | null) => Promise<Rejection | null>;
  maxBodyBytes: number;
  resolvePersisted: (fields: GraphQLRequestFields, write: (query: string, extensions: Record<string, unknown> | undefined) => void) => Rejection | null;
  tokenLimit: (query: unknown) => Rejection | null;
  onError: (error: unknown, requestId: string) => void;
}

/** `/graphql` requests this route serves: everything but a browser opening the IDE. */
export function isGraphQLRequest(req: IncomingMessage): boolean {
  if (!isGraphQLPath(req.url)) return false;
  const url = req.url ?? '';
  const opensIde = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html') && !/[?&]query=/.test(url);
  return !opensIde;
}

/**
 * The gateway's HTTP GraphQL edge on the raw request, in order: request id, CORS, rate limit (before the
 * body is read), body size and JSON, persisted documents, token count, then Apollo Server. It is the
 * hot path, so it runs without a router or middleware stack; Express serves the other routes.
 */
export function createGraphQLRoute(options: GraphQLRouteOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = async (req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> => {
    res.setHeader(REQUEST_ID_HEADER, requestId);
    if (options.cors(req, res)) return;
    // verified once: the rate limiter keys on the user, the context carries it, a bad token fails in Apollo
    const viewer = viewerFromToken(bearerToken(req.headers.authorization), options.verify);
    viewer.catch(() => undefined);

    const refused = await options.rateLimit(req.socket.remoteAddress ?? 'unknown', await viewer.catch(() => null));
    if (refused) return refuse(req, res, refused, requestId);

    const url = req.url ?? '';
    let search = url.includes('?') ? url.slice(url.indexOf('?')) : '';
    let body: unknown;
    let fields: GraphQLRequestFields | undefined;
    let write: (query: string, extensions: Record<string, unknown> | undefined) => void = () => undefined;
    if (req.method === 'POST') {
      const read = await readGraphQLBody(req, options.maxBodyBytes);
      if ('rejection' in read) return refuse(req, res, read.rejection, requestId);
      body = read.body;
      if (isObject(body)) {
        const fieldsOfBody = body as GraphQLRequestFields & Record<string, unknown>;
        fields = fieldsOfBody;
        write = (query, extensions) => {
          fieldsOfBody.query = query;
          delete fieldsOfBody.documentId;
          if (extensions) fieldsOfBody.extensions = extensions;
          else delete fieldsOfBody.extensions;
        };
      }
    } else if (req.method === 'GET') {
      const params = new URLSearchParams(search);
      fields = { query: params.get('query') ?? undefined, documentId: params.get('documentId') ?? undefined, extensions: jsonParam(params.get('extensions')) };
      write = (query, extensions) => {
        params.set('query', query);
        params.delete('documentId');
        if (extensions) params.set('extensions', JSON.stringify(extensions));
        else params.delete('extensions');
        search = `?${params.toString()}`;
        if (fields) fields.query = query;
      };
    }
    if (fields) {
      const rejection = options.resolvePersisted(fields, write) ?? options.tokenLimit(fields.query);
      if (rejection) return refuse(req, res, rejection, requestId);
    }
    await respondWithApollo(options.apollo, req, res, { body, search, context: async () => ({ viewer: await viewer, requestId }) });
  };

  return (req, res) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    handle(req, res, requestId).catch((error: unknown) => {
      options.onError(error, requestId);
      if (res.headersSent) res.destroy();
      else sendRejection(res, { status: 500, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, requestId);
    });
  };
}

/** A refused request may have an unread body: answer, then close the connection instead of reading it. */
function refuse(req: IncomingMessage, res: ServerResponse, rejection: Rejection, requestId: string): void {
  if (!req.complete) res.setHeader('connection', 'close');
  sendRejection(res, rejection, requestId);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonParam(value: string | null): GraphQLRequestFields['extensions'] {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
