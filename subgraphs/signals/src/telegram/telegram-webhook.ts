import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyReadError, type HttpRoute, type Logger, type ManagedResource, readJsonBody } from '@b3/kit';
import type { InboundMessage, MessageSink } from '../domain/inbound-message';
import { createSerialQueue } from './serial-queue';
import { mapTelegramUpdate } from './telegram-update';

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';
/** Telegram sends the `secret_token` given to setWebhook in this header on every call. */
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';
export const TELEGRAM_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;
export const TELEGRAM_WEBHOOK_QUEUE_LIMIT = 1000;
/** Shutdown waits this long for accepted messages: Telegram was already told 200 and will not resend them. */
const DRAIN_TIMEOUT_MS = 3000;

export interface TelegramWebhookOptions {
  /** TELEGRAM_WEBHOOK_SECRET; null leaves the endpoint answering 503 and storing nothing. */
  secret: string | null;
  sink: MessageSink;
  logger: Logger;
  maxBodyBytes?: number;
  /** Accepted messages waiting for the sink; beyond it the webhook answers 503 and Telegram retries later. */
  queueLimit?: number;
}

/** The webhook's route plus its queue as a resource, so shutdown drains the queue before the database closes. */
export interface TelegramWebhook extends ManagedResource {
  readonly route: HttpRoute;
  /** Resolves once every accepted message has been through the sink. */
  idle(): Promise<void>;
}

interface Queued {
  updateId: number;
  message: InboundMessage;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Hashing first makes both sides the same length, so the comparison time says nothing about the secret. */
function secretMatches(header: string | string[] | undefined, expected: Buffer): boolean {
  return typeof header === 'string' && timingSafeEqual(digest(header), expected);
}

function reply(req: IncomingMessage, res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  // an unread body is not drained: closing the connection is cheaper than reading up to the limit
  if (!req.complete) res.setHeader('connection', 'close');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

/**
 * `POST /telegram/webhook`: checks Telegram's secret header, answers at once and hands the message to the
 * sink through a bounded in-order queue. Integration, in the signals app:
 * `httpRoutes: [telegram.route]` and `resources: [..., telegram]` (after the database, so it closes first).
 */
export function createTelegramWebhook(options: TelegramWebhookOptions): TelegramWebhook {
  const { sink, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? TELEGRAM_WEBHOOK_MAX_BODY_BYTES;
  const expected = options.secret ? digest(options.secret) : null;
  const queue = createSerialQueue<Queued>({
    limit: options.queueLimit ?? TELEGRAM_WEBHOOK_QUEUE_LIMIT,
    deliver: async ({ updateId, message }) => {
      const outcome = await sink.receive(message);
      logger.debug({ updateId, chatId: message.chatId, messageId: message.messageId, outcome }, 'telegram message received');
    },
    onError: (err, { updateId, message }) =>
      logger.error({ err, updateId, chatId: message.chatId, messageId: message.messageId }, 'telegram message could not be stored; it is lost (already acknowledged)'),
  });

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!expected) return reply(req, res, 503, { ok: false, error: 'webhook not configured' });
    if (!secretMatches(req.headers[TELEGRAM_SECRET_HEADER], expected)) {
      logger.warn({ remote: req.socket.remoteAddress }, 'telegram webhook call without the right secret header');
      return reply(req, res, 401, { ok: false, error: 'unauthorized' });
    }
    let body: unknown;
    try {
      body = await readJsonBody(req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyReadError)) throw error;
      return error.status === 413
        ? reply(req, res, 413, { ok: false, error: `body exceeds ${maxBodyBytes} bytes` })
        : reply(req, res, 400, { ok: false, error: 'body is not valid JSON' });
    }
    if (body === undefined) return reply(req, res, 400, { ok: false, error: 'expected a JSON body' });

    const mapped = mapTelegramUpdate(body);
    if (!mapped.ok) {
      // 200 all the same: Telegram would resend a refused update forever, and resending cannot fix it
      const level = mapped.reason === 'MALFORMED' ? 'warn' : 'debug';
      logger[level]({ updateId: mapped.updateId, reason: mapped.reason, detail: mapped.detail }, 'telegram update skipped');
      return reply(req, res, 200, { ok: true, skipped: mapped.reason });
    }
    if (!queue.offer({ updateId: mapped.updateId, message: mapped.message })) {
      logger.warn({ updateId: mapped.updateId, waiting: queue.size }, 'telegram webhook queue full; asking Telegram to retry');
      return reply(req, res, 503, { ok: false, error: 'busy, retry later' }, { 'retry-after': '5' });
    }
    reply(req, res, 200, { ok: true });
  };

  return {
    name: 'telegram-webhook',
    route: { method: 'POST', path: TELEGRAM_WEBHOOK_PATH, handler },
    idle: () => queue.idle(),
    async close() {
      const dropped = await queue.close(DRAIN_TIMEOUT_MS);
      if (dropped.length > 0) {
        logger.error({ dropped: dropped.length, updateIds: dropped.map((item) => item.updateId) }, 'telegram messages dropped at shutdown');
      }
    },
  };
}
