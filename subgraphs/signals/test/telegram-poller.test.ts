import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryOffsetStore, createTelegramPoller, type TelegramPoller, type TelegramPollerOptions } from '../src/telegram/telegram-poller';
import { TELEGRAM_MESSAGE_UPDATE_KINDS } from '../src/telegram/telegram-update';
import { captureLogger, createRecordingSink, PINO_ERROR, PINO_WARN, type RecordingSink } from './telegram-fakes';

const TOKEN = '123456:test-token_ABC';

interface GetUpdatesCall {
  offset?: number;
  limit?: number;
  timeout?: number;
  allowed_updates?: string[];
}

interface Held {
  call: GetUpdatesCall;
  res: ServerResponse;
  timer: NodeJS.Timeout;
}

/**
 * A Bot API on loopback serving getUpdates from a list. Unlike Telegram it never forgets confirmed
 * updates, so only the poller's own saved offset keeps it from seeing them twice.
 */
async function startFakeBotApi() {
  const updates: Array<Record<string, unknown>> = [];
  const calls: GetUpdatesCall[] = [];
  const held = new Set<Held>();
  const failures: Array<{ status: number; body: string }> = [];
  const callWaiters: Array<{ test: (call: GetUpdatesCall) => boolean; resolve: () => void }> = [];

  const pending = (call: GetUpdatesCall) => updates.filter((u) => call.offset === undefined || (u.update_id as number) >= call.offset).slice(0, call.limit ?? 100);
  const answer = (res: ServerResponse, result: unknown[]) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url !== `/bot${TOKEN}/getUpdates`) {
        return void res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
      }
      const call = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GetUpdatesCall;
      calls.push(call);
      for (const waiter of callWaiters.filter((w) => w.test(call))) {
        callWaiters.splice(callWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const failure = failures.shift();
      if (failure) return void res.writeHead(failure.status, { 'content-type': 'application/json' }).end(failure.body);
      const page = pending(call);
      if (page.length > 0) return answer(res, page);
      // long poll: answer when an update arrives or the timeout passes
      const entry: Held = { call, res, timer: setTimeout(() => release(entry, []), (call.timeout ?? 0) * 1000) };
      held.add(entry);
      res.on('close', () => {
        clearTimeout(entry.timer);
        held.delete(entry);
      });
    });
  });
  const release = (entry: Held, result: unknown[]) => {
    clearTimeout(entry.timer);
    held.delete(entry);
    answer(entry.res, result);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    held,
    push(...more: Array<Record<string, unknown>>) {
      updates.push(...more);
      for (const entry of [...held]) {
        const page = pending(entry.call);
        if (page.length > 0) release(entry, page);
      }
    },
    fail(status: number, body: unknown) {
      failures.push({ status, body: typeof body === 'string' ? body : JSON.stringify(body) });
    },
    /** Resolves when a getUpdates call matching `test` arrives (or already has). */
    waitForCall(test: (call: GetUpdatesCall) => boolean): Promise<void> {
      if (calls.some(test)) return Promise.resolve();
      return new Promise((resolve) => callWaiters.push({ test, resolve }));
    },
    async close() {
      for (const entry of held) clearTimeout(entry.timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type FakeBotApi = Awaited<ReturnType<typeof startFakeBotApi>>;

const post = (id: number, text: string | null = `COMPRA PETR4 ${id}`) => ({
  update_id: id,
  channel_post: { message_id: id - 99, date: 1761650100 + id, chat: { id: -1001234567890, type: 'channel', title: 'Sinais' }, ...(text === null ? { sticker: {} } : { text }) },
});

describe('Telegram getUpdates poller', () => {
  let api: FakeBotApi;
  let sink: RecordingSink;
  let log: ReturnType<typeof captureLogger>;
  const pollers: TelegramPoller[] = [];

  const startPoller = (offsets = createMemoryOffsetStore(), options: Partial<TelegramPollerOptions> = {}) => {
    const poller = createTelegramPoller({
      apiUrl: api.apiUrl,
      token: TOKEN,
      sink,
      offsets,
      logger: log.logger,
      timeoutSeconds: 5,
      backoff: { initialMs: 5, maxMs: 20 },
      ...options,
    });
    pollers.push(poller);
    poller.start();
    return poller;
  };

  beforeEach(async () => {
    api = await startFakeBotApi();
    sink = createRecordingSink();
    log = captureLogger();
  });
  afterEach(async () => {
    await Promise.all(pollers.splice(0).map((poller) => poller.close()));
    await api.close();
  });

  it('pages through updates, asking each time from the last update_id + 1', async () => {
    api.push(post(100), post(101), post(102, null), post(103), post(104));
    const offsets = createMemoryOffsetStore();
    startPoller(offsets, { limit: 2 });
    await api.waitForCall((call) => call.offset === 105);

    expect(sink.received.map((m) => m.messageId)).toEqual([1, 2, 4, 5]); // update 102 was a sticker
    expect(api.calls.map((call) => call.offset)).toEqual([undefined, 102, 104, 105]);
    expect(api.calls[0]).toEqual({ limit: 2, timeout: 5, allowed_updates: [...TELEGRAM_MESSAGE_UPDATE_KINDS] });
    expect(offsets.current).toBe(105);
  });

  it('wakes from a long poll when an update arrives', async () => {
    startPoller();
    await api.waitForCall(() => true);
    expect(api.held.size).toBe(1);
    api.push(post(100));
    await sink.waitFor(1);
    expect(sink.received[0]).toMatchObject({ chatId: '-1001234567890', messageId: 1, text: 'COMPRA PETR4 100' });
  });

  it('resumes from the saved offset after a restart, delivering nothing twice', async () => {
    api.push(post(100), post(101), post(102));
    const offsets = createMemoryOffsetStore();
    sink.hold();
    const first = startPoller(offsets);
    await api.waitForCall(() => true);
    while (sink.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    // stopped while the sink is busy with update 100: that one finishes and is saved, the rest wait
    const stopping = first.close();
    sink.release();
    await stopping;
    expect(sink.received.map((m) => m.messageId)).toEqual([1]);
    expect(offsets.current).toBe(101);

    api.push(post(103));
    startPoller(offsets);
    await api.waitForCall((call) => call.offset === 104);
    expect(api.calls.map((call) => call.offset)).toEqual([undefined, 101, 104]);
    expect(sink.received.map((m) => m.messageId)).toEqual([1, 2, 3, 4]);
  });

  it('backs off and retries after failures, and hints at a webhook on 409', async () => {
    api.fail(500, 'Internal Server Error');
    api.fail(429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 0', parameters: { retry_after: 0 } });
    api.fail(409, { ok: false, error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active" });
    api.push(post(100));
    startPoller();
    await sink.waitFor(1);
    expect(api.calls.length).toBeGreaterThanOrEqual(4);
    const warnings = log.lines.filter((line) => line.level === PINO_WARN && line.msg === 'telegram polling failed; retrying');
    expect(warnings).toHaveLength(3);
    expect(warnings[2].hint).toMatch(/webhook/);
    expect(JSON.stringify(log.lines)).not.toContain(TOKEN);
  });

  it('retries a message the sink refused, in order, from the same offset', async () => {
    api.push(post(100), post(101), post(102));
    sink.fail = (message) => message.messageId === 2 && sink.calls.filter((m) => m.messageId === 2).length <= 2;
    startPoller();
    await api.waitForCall((call) => call.offset === 103);
    expect(sink.received.map((m) => m.messageId)).toEqual([1, 2, 3]);
    expect(api.calls.map((call) => call.offset)).toEqual([undefined, 101, 101, 103]);
  });

  it('skips a message the sink keeps refusing after maxDeliveryAttempts, and says so', async () => {
    api.push(post(100), post(101), post(102));
    sink.fail = (message) => message.messageId === 2;
    startPoller(createMemoryOffsetStore(), { maxDeliveryAttempts: 3 });
    await sink.waitFor(2);
    expect(sink.received.map((m) => m.messageId)).toEqual([1, 3]);
    expect(sink.calls.filter((m) => m.messageId === 2)).toHaveLength(3);
    expect(log.lines.find((line) => line.level === PINO_ERROR && line.updateId === 101)).toMatchObject({ attempts: 3 });
  });

  it('stops promptly in the middle of a long poll, closing the connection', async () => {
    const poller = startPoller(createMemoryOffsetStore(), { timeoutSeconds: 30 });
    await api.waitForCall(() => true);
    expect(api.held.size).toBe(1);
    const started = Date.now();
    await poller.close();
    expect(Date.now() - started).toBeLessThan(1000);
    while (api.held.size > 0) await new Promise((resolve) => setImmediate(resolve));
  });
});
