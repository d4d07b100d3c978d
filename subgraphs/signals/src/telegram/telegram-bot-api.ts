import http from 'node:http';
import https from 'node:https';

/** A Bot API call that got an answer other than `ok: true`; `retryAfterSeconds` comes with 429 Too Many Requests. */
export class TelegramApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
    this.name = 'TelegramApiError';
  }
}

export interface GetUpdatesParams {
  offset?: number;
  limit: number;
  /** Long-poll seconds: Telegram holds the request open until an update arrives or this passes. */
  timeout: number;
  allowed_updates: readonly string[];
}

export interface BotApiClient {
  /** The raw updates (untrusted JSON, mapped by the caller). */
  getUpdates(params: GetUpdatesParams, signal: AbortSignal): Promise<unknown[]>;
  /** Closes the kept-alive connection; calls after this fail. */
  close(): void;
}

/** A page of 100 updates is far below this; the cap only bounds what a broken server can make us buffer. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Beyond the long-poll timeout, how long a silent server gets before the call is abandoned. */
const RESPONSE_GRACE_MS = 15_000;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The one Bot API method polling needs, over node:http with its own keep-alive agent so `close()` leaves
 * no socket behind. The token is part of the URL path and never appears in errors.
 */
export function createBotApiClient(options: { apiUrl: string; token: string }): BotApiClient {
  const base = new URL(options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`);
  const transport = base.protocol === 'https:' ? https : http;
  const agent = new transport.Agent({ keepAlive: true, maxSockets: 1 });
  let closed = false;

  const call = (method: string, params: object, signal: AbortSignal, timeoutMs: number): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (closed) return reject(new Error('the Bot API client is closed'));
      const body = JSON.stringify(params);
      const req = transport.request(
        // './' keeps `bot<id>:` from being read as a URL scheme
        new URL(`./bot${options.token}/${method}`, base),
        {
          method: 'POST',
          agent,
          signal,
          timeout: timeoutMs,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) res.destroy(new Error(`${method} answer exceeds ${MAX_RESPONSE_BYTES} bytes`));
            else chunks.push(chunk);
          });
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            let answer: unknown;
            try {
              answer = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              return reject(new TelegramApiError(`${method} answered HTTP ${status} without JSON`, status, null));
            }
            if (isObject(answer) && answer.ok === true) return resolve(answer.result);
            const description = isObject(answer) && typeof answer.description === 'string' ? answer.description : 'no description';
            const parameters = isObject(answer) && isObject(answer.parameters) ? answer.parameters : {};
            const retryAfter = typeof parameters.retry_after === 'number' && parameters.retry_after >= 0 ? parameters.retry_after : null;
            reject(new TelegramApiError(`${method} failed with HTTP ${status}: ${description}`, status, retryAfter));
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} got no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });

  return {
    async getUpdates(params, signal) {
      const result = await call('getUpdates', params, signal, params.timeout * 1000 + RESPONSE_GRACE_MS);
      if (!Array.isArray(result)) throw new TelegramApiError('getUpdates answered ok without a list of updates', 200, null);
      return result;
    },
    close() {
      closed = true;
      agent.destroy();
    },
  };
}
