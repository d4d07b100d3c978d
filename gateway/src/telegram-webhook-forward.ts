import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { REQUEST_ID_HEADER, requestIdFrom } from '@b3/kit';
import { sendRejection } from './security/error-response';

/** Where Telegram calls (the gateway's origin) and where the signals subgraph serves it: the same path. */
export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** The signals subgraph's own limit; refusing here too keeps an oversized body off the internal network. */
export const TELEGRAM_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

/** Only what the subgraph needs; Authorization, cookies and any internal viewer header stay behind. */
const FORWARDED_REQUEST_HEADERS = ['content-type', 'content-length', 'user-agent', TELEGRAM_SECRET_HEADER] as const;
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'retry-after'] as const;

/** The signals GraphQL URL with `/graphql` replaced, keeping any path prefix in front of it. */
export function telegramWebhookUrl(signalsGraphqlUrl: string): string {
  const url = new URL(signalsGraphqlUrl);
  url.pathname = `${url.pathname.replace(/\/graphql\/?$/, '').replace(/\/+$/, '')}${TELEGRAM_WEBHOOK_PATH}`;
  url.search = '';
  return url.toString();
}

export interface TelegramWebhookForwardOptions {
  /** The subgraph's webhook URL (see telegramWebhookUrl). */
  upstreamUrl: string;
  maxBodyBytes?: number;
  timeoutMs?: number;
  onError: (error: unknown, requestId: string) => void;
}

export interface TelegramWebhookForward {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Closes kept-alive connections to the subgraph. */
  close(): void;
}

/**
 * `POST /telegram/webhook` at the gateway, streamed to the signals subgraph. Telegram authenticates with
 * its secret header, not a user token, so this route skips the GraphQL edge; the subgraph checks the
 * secret. A call without the header is refused here, so no body reaches the subgraph unauthenticated.
 */
export function createTelegramWebhookForward(options: TelegramWebhookForwardOptions): TelegramWebhookForward {
  const upstream = new URL(options.upstreamUrl);
  const transport = upstream.protocol === 'https:' ? https : http;
  const agent = new transport.Agent({ keepAlive: true });
  const maxBodyBytes = options.maxBodyBytes ?? TELEGRAM_WEBHOOK_MAX_BODY_BYTES;
  const timeoutMs = options.timeoutMs ?? 10_000;

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

    if (typeof req.headers[TELEGRAM_SECRET_HEADER] !== 'string') return refuse(401, 'Missing the Telegram secret token header', 'UNAUTHENTICATED');
    const declared = Number(req.headers['content-length']);
    if (declared > maxBodyBytes) return refuse(413, `Request body exceeds the limit of ${maxBodyBytes} bytes`, 'PAYLOAD_TOO_LARGE');

    const headers: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    if (req.socket.remoteAddress) headers['x-forwarded-for'] = req.socket.remoteAddress;

    const proxied = transport.request(upstream, { method: 'POST', headers, agent, timeout: timeoutMs });
    proxied.on('response', (upstreamRes) => {
      if (answered) return void upstreamRes.resume();
      answered = true;
      for (const name of FORWARDED_RESPONSE_HEADERS) {
        const value = upstreamRes.headers[name];
        if (value !== undefined) res.setHeader(name, value);
      }
      if (!req.complete) res.setHeader('connection', 'close'); // the subgraph answered without reading it all (401, 503)
      res.statusCode = upstreamRes.statusCode ?? 502;
      upstreamRes.pipe(res);
      upstreamRes.on('error', () => res.destroy());
    });
    proxied.on('timeout', () => proxied.destroy(Object.assign(new Error(`no answer from ${upstream.host} within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    proxied.on('error', (error: NodeJS.ErrnoException) => {
      if (answered) return;
      options.onError(error, requestId);
      if (error.code === 'ETIMEDOUT') refuse(504, 'The signals service did not answer in time', 'UPSTREAM_TIMEOUT');
      else refuse(502, 'The signals service is unavailable', 'UPSTREAM_UNAVAILABLE');
    });

    // streamed by hand rather than piped: a pipeline error would destroy the client's socket before the 413
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        req.removeAllListeners('data');
        req.resume();
        refuse(413, `Request body exceeds the limit of ${maxBodyBytes} bytes`, 'PAYLOAD_TOO_LARGE');
        proxied.destroy();
        return;
      }
      if (!proxied.write(chunk)) {
        req.pause();
        proxied.once('drain', () => req.resume());
      }
    });
    req.on('end', () => {
      if (size <= maxBodyBytes) proxied.end();
    });
    // the client went away mid-upload: do not leave the subgraph waiting for the rest
    req.on('close', () => {
      if (!req.complete) proxied.destroy();
    });
  };

  return { handle, close: () => agent.destroy() };
}
