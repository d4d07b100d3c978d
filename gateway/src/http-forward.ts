import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { REQUEST_ID_HEADER, requestIdFrom, type UserTokenVerifier, VIEWER_HEADER, type Viewer } from '@b3/kit';
import { bearerToken } from './plugins/auth';
import { sendRejection } from './security/error-response';

/**
 * Plain HTTP routes the gateway serves from its origin for a subgraph, beside GraphQL: the Telegram
 * webhook, the ideas export, document uploads and downloads. Bodies and answers are streamed both ways
 * with a size cap; only listed headers pass, so credentials meant for the GraphQL API never reach a route
 * that does not need them.
 */
export interface ForwardedRoute {
  readonly method: 'GET' | 'POST';
  /** A literal path, served under the same path by the subgraph. */
  readonly path: string;
  /** Also every path below `path` (which then ends with "/"), e.g. /docs/files/<id>. */
  readonly prefix?: boolean;
  readonly subgraph: string;
  /**
   * `header`: the caller proves itself with this header (Telegram's secret), checked by the subgraph;
   * a call without it is refused here. `viewer`: an optional user token is verified here and passed on as
   * the signed viewer header, like GraphQL requests; a bad token is 401, none is anonymous.
   */
  readonly auth: { readonly kind: 'header'; readonly header: string } | { readonly kind: 'viewer' };
  readonly maxBodyBytes: number;
  /** Request headers passed on besides content-type/-length and user-agent. */
  readonly requestHeaders?: readonly string[];
  /** Response headers passed back besides content-type/-length. */
  readonly responseHeaders?: readonly string[];
  readonly timeoutMs?: number;
}

const BASE_REQUEST_HEADERS = ['content-type', 'content-length', 'user-agent'];
const BASE_RESPONSE_HEADERS = ['content-type', 'content-length'];

/** The platform's forwarded routes; the subgraph named must be part of the supergraph for a route to exist. */
export const FORWARDED_ROUTES: readonly ForwardedRoute[] = [
  { method: 'POST', path: '/telegram/webhook', subgraph: 'signals', auth: { kind: 'header', header: 'x-telegram-bot-api-secret-token' }, maxBodyBytes: 1024 * 1024, responseHeaders: ['retry-after'] },
  { method: 'GET', path: '/ideas/export', subgraph: 'ideas', auth: { kind: 'viewer' }, maxBodyBytes: 0, responseHeaders: ['content-disposition', 'cache-control', 'x-content-type-options'], timeoutMs: 120_000 },
  { method: 'POST', path: '/docs/uploads', subgraph: 'docs', auth: { kind: 'viewer' }, maxBodyBytes: 55 * 1024 * 1024, timeoutMs: 120_000 },
  {
    method: 'GET',
    path: '/docs/files/',
    prefix: true,
    subgraph: 'docs',
    auth: { kind: 'viewer' },
    maxBodyBytes: 0,
    requestHeaders: ['range', 'if-none-match'],
    responseHeaders: ['content-disposition', 'cache-control', 'etag', 'accept-ranges', 'content-range', 'x-content-type-options', 'x-checksum-sha256', 'content-security-policy'],
    timeoutMs: 120_000,
  },
];

/** A subgraph's URL for `path`: its GraphQL URL with `/graphql` replaced, keeping any prefix in front of it. */
export function subgraphRouteUrl(subgraphGraphqlUrl: string, path: string): string {
  const url = new URL(subgraphGraphqlUrl);
  url.pathname = `${url.pathname.replace(/\/graphql\/?$/, '').replace(/\/+$/, '')}${path}`;
  url.search = '';
  return url.toString();
}

export interface HttpForwardOptions {
  route: ForwardedRoute;
  /** The subgraph's GraphQL URL; the route's URL is derived from it. */
  subgraphUrl: string;
  verify: UserTokenVerifier;
  signViewer: (viewer: Viewer) => Promise<string>;
  onError: (error: unknown, requestId: string) => void;
}

export interface HttpForward {
  readonly route: ForwardedRoute;
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Closes kept-alive connections to the subgraph. */
  close(): void;
}

/** Whether the request is for this route (method and path; the query string is ignored). */
export function routeMatches(route: ForwardedRoute, method: string | undefined, rawUrl: string | undefined): boolean {
  if (method !== route.method) return false;
  const path = (rawUrl ?? '/').split('?')[0];
  return route.prefix ? path.startsWith(route.path) && path.length > route.path.length : path === route.path;
}

export function createHttpForward(options: HttpForwardOptions): HttpForward {
  const { route } = options;
  const base = new URL(subgraphRouteUrl(options.subgraphUrl, route.path));
  const transport = base.protocol === 'https:' ? https : http;
  const agent = new transport.Agent({ keepAlive: true });
  const timeoutMs = route.timeoutMs ?? 10_000;
  const requestHeaders = [...BASE_REQUEST_HEADERS, ...(route.requestHeaders ?? []), ...(route.auth.kind === 'header' ? [route.auth.header] : [])];
  const responseHeaders = [...BASE_RESPONSE_HEADERS, ...(route.responseHeaders ?? [])];
  const service = route.subgraph;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    // the service app's middleware has usually assigned one already
    const assigned = res.getHeader(REQUEST_ID_HEADER);
    const requestId = typeof assigned === 'string' ? assigned : requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    let answered = false;
    const refuse = (status: number, message: string, code: string): void => {
      if (answered) return;
      answered = true;
      // the rest of the body is not read: closing is cheaper, and the client learns the answer at once
      if (!req.complete) res.setHeader('connection', 'close');
      sendRejection(res, { status, message, extensions: { code } }, requestId);
    };

    if (route.auth.kind === 'header' && typeof req.headers[route.auth.header] !== 'string') {
      return refuse(401, `Missing the ${route.auth.header} header`, 'UNAUTHENTICATED');
    }
    const declared = Number(req.headers['content-length']);
    if (declared > route.maxBodyBytes) return refuse(413, `Request body exceeds the limit of ${route.maxBodyBytes} bytes`, 'PAYLOAD_TOO_LARGE');

    const forward = (viewerHeader: string | null): void => {
      const headers: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
      for (const name of requestHeaders) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      if (viewerHeader) headers[VIEWER_HEADER] = viewerHeader;
      if (req.socket.remoteAddress) headers['x-forwarded-for'] = req.socket.remoteAddress;
      const target = new URL(base);
      const [path, query] = (req.url ?? '/').split('?', 2);
      if (route.prefix) target.pathname = `${base.pathname}${encodeURI(decodeURI(path.slice(route.path.length)))}`;
      target.search = query ? `?${query}` : '';

      const proxied = transport.request(target, { method: route.method, headers, agent, timeout: timeoutMs });
      // the client went away (a cancelled download or export): stop the subgraph's work too
      res.on('close', () => {
        if (!res.writableFinished) proxied.destroy();
      });
      proxied.on('response', (upstreamRes) => {
        if (answered) return void upstreamRes.resume();
        answered = true;
        for (const name of responseHeaders) {
          const value = upstreamRes.headers[name];
          if (value !== undefined) res.setHeader(name, value);
        }
        if (!req.complete) res.setHeader('connection', 'close'); // the subgraph answered without reading it all
        res.statusCode = upstreamRes.statusCode ?? 502;
        upstreamRes.pipe(res);
        upstreamRes.on('error', () => res.destroy());
      });
      proxied.on('timeout', () => proxied.destroy(Object.assign(new Error(`no answer from ${target.host} within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      proxied.on('error', (error: NodeJS.ErrnoException) => {
        if (answered) return;
        options.onError(error, requestId);
        if (error.code === 'ETIMEDOUT') refuse(504, `The ${service} service did not answer in time`, 'UPSTREAM_TIMEOUT');
        else refuse(502, `The ${service} service is unavailable`, 'UPSTREAM_UNAVAILABLE');
      });

      if (route.method === 'GET') {
        proxied.end();
        return;
      }
      // streamed by hand rather than piped: a pipeline error would destroy the client's socket before the 413
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > route.maxBodyBytes) {
          req.removeAllListeners('data');
          req.resume();
          refuse(413, `Request body exceeds the limit of ${route.maxBodyBytes} bytes`, 'PAYLOAD_TOO_LARGE');
          proxied.destroy();
          return;
        }
        if (!proxied.write(chunk)) {
          req.pause();
          proxied.once('drain', () => req.resume());
        }
      });
      req.on('end', () => {
        if (size <= route.maxBodyBytes) proxied.end();
      });
      // the client went away mid-upload: do not leave the subgraph waiting for the rest
      req.on('close', () => {
        if (!req.complete) proxied.destroy();
      });
    };

    if (route.auth.kind === 'header') return forward(null);
    // body events are only attached once the token is checked, so nothing is lost: the stream waits paused
    req.pause();
    const token = bearerToken(req.headers.authorization);
    if (!token) return forward(null);
    options
      .verify(token)
      .then((viewer) => options.signViewer(viewer))
      .then(
        (header) => {
          forward(header);
          req.resume();
        },
        () => refuse(401, 'Invalid or expired token', 'UNAUTHENTICATED'),
      );
  };

  return { route, handle, close: () => agent.destroy() };
}
