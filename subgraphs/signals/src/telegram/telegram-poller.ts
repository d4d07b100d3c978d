import type { Logger, ManagedResource } from '@b3/kit';
import type { MessageSink } from '../domain/inbound-message';
import { createBotApiClient, TelegramApiError } from './telegram-bot-api';
import { mapTelegramUpdate, TELEGRAM_MESSAGE_UPDATE_KINDS } from './telegram-update';

/**
 * Where the poller keeps its place: the next update_id to ask for. The signals app backs it with the
 * database, so a restart neither replays nor loses updates.
 */
export interface TelegramOffsetStore {
  load(): Promise<number | null>;
  save(offset: number): Promise<void>;
}

export function createMemoryOffsetStore(initial: number | null = null): TelegramOffsetStore & { readonly current: number | null } {
  let current = initial;
  return {
    get current() {
      return current;
    },
    load: async () => current,
    save: async (offset) => {
      current = offset;
    },
  };
}

export interface TelegramPollerOptions {
  apiUrl: string;
  token: string;
  sink: MessageSink;
  offsets: TelegramOffsetStore;
  logger: Logger;
  /** Long-poll seconds per getUpdates call. */
  timeoutSeconds?: number;
  /** Updates per page (Telegram allows 1-100). */
  limit?: number;
  /** Wait after a failure, doubling up to `maxMs` while failures continue. */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Tries per message before it is logged and skipped, so one message the sink always refuses cannot stall the chat. */
  maxDeliveryAttempts?: number;
}

export interface TelegramPoller extends ManagedResource {
  /** Starts the loop; stop with `close()`, which waits for the message in hand and saves the offset. */
  start(): void;
}

/** The sink refused a message: retry the same offset after a pause. */
class DeliveryFailed extends Error {}

/** Resolves after `ms`, or at once when `signal` aborts; leaves no timer behind either way. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

const updateIdOf = (raw: unknown): number => {
  const id = typeof raw === 'object' && raw !== null ? (raw as { update_id?: unknown }).update_id : undefined;
  return typeof id === 'number' ? id : Number.NaN;
};

/**
 * Long-polls getUpdates (for when no public webhook URL is available). Messages reach the sink one at a
 * time in update order; the offset is saved after each update, so a restart resumes after the last one
 * handled.
 */
export function createTelegramPoller(options: TelegramPollerOptions): TelegramPoller {
  const { sink, offsets, logger } = options;
  const api = createBotApiClient(options);
  const timeoutSeconds = options.timeoutSeconds ?? 25;
  const limit = options.limit ?? 100;
  const initialMs = options.backoff?.initialMs ?? 1000;
  const maxMs = options.backoff?.maxMs ?? 60_000;
  const maxAttempts = options.maxDeliveryAttempts ?? 5;
  const controller = new AbortController();
  let running: Promise<void> | null = null;
  let failing: { updateId: number; attempts: number } | null = null;

  /** Hands one update to the sink; throws DeliveryFailed when it should be tried again. */
  const handle = async (raw: unknown): Promise<void> => {
    const mapped = mapTelegramUpdate(raw);
    if (!mapped.ok) {
      const level = mapped.reason === 'MALFORMED' ? 'warn' : 'debug';
      logger[level]({ updateId: mapped.updateId, reason: mapped.reason, detail: mapped.detail }, 'telegram update skipped');
      return;
    }
    const { updateId, message } = mapped;
    try {
      const outcome = await sink.receive(message);
      logger.debug({ updateId, chatId: message.chatId, messageId: message.messageId, outcome }, 'telegram message received');
      failing = null;
    } catch (err) {
      const attempts = failing?.updateId === updateId ? failing.attempts + 1 : 1;
      if (attempts < maxAttempts) {
        failing = { updateId, attempts };
        throw new DeliveryFailed(`the sink refused update ${updateId} (attempt ${attempts} of ${maxAttempts})`, { cause: err });
      }
      failing = null;
      logger.error({ err, updateId, chatId: message.chatId, messageId: message.messageId, attempts }, 'telegram message skipped after repeated failures');
    }
  };

  const loop = async (): Promise<void> => {
    const signal = controller.signal;
    let delay = initialMs;
    // undefined: not loaded yet; null: the store has none, so Telegram starts from its oldest unconfirmed update
    let offset: number | null | undefined;
    while (!signal.aborted) {
      try {
        if (offset === undefined) offset = await offsets.load();
        const updates = await api.getUpdates(
          { ...(offset !== null ? { offset } : {}), limit, timeout: timeoutSeconds, allowed_updates: TELEGRAM_MESSAGE_UPDATE_KINDS },
          signal,
        );
        delay = initialMs;
        const ordered = updates
          .map((raw) => ({ raw, id: updateIdOf(raw) }))
          // an update without a usable id cannot move the offset; the next valid one confirms it
          .filter(({ id }) => {
            if (Number.isSafeInteger(id) && id >= 0) return true;
            logger.warn({ updateId: id }, 'telegram update without a usable update_id ignored');
            return false;
          })
          .sort((a, b) => a.id - b.id);
        for (const { raw, id } of ordered) {
          if (signal.aborted) break;
          if (offset !== null && id < offset) continue; // handled before: a server that resent it
          await handle(raw);
          offset = id + 1;
          await offsets.save(offset);
        }
      } catch (error) {
        if (signal.aborted) break;
        const wait = error instanceof TelegramApiError && error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : delay;
        const hint = error instanceof TelegramApiError && error.status === 409 ? 'another poller or a webhook holds this bot (deleteWebhook, or stop the other poller)' : undefined;
        logger.warn({ err: error, retryInMs: wait, hint }, 'telegram polling failed; retrying');
        await pause(wait, signal);
        delay = Math.min(delay * 2, maxMs);
        // a failed save leaves the store behind memory: reload so a retry starts where the store says
        offset = undefined;
      }
    }
  };

  return {
    name: 'telegram-poller',
    start() {
      if (running || controller.signal.aborted) return;
      logger.info({ limit, timeoutSeconds }, 'telegram polling started');
      running = loop().catch((error: unknown) => logger.error({ err: error }, 'telegram polling stopped unexpectedly'));
    },
    async close() {
      controller.abort();
      await running;
      api.close();
    },
  };
}
