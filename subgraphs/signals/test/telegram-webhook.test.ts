import { request } from 'node:http';
import { type RunningSubgraph, type SubgraphContext, startSubgraph } from '@b3/kit';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { createTelegramWebhook, type TelegramWebhook, type TelegramWebhookOptions } from '../src/telegram/telegram-webhook';
import { captureLogger, createRecordingSink, PINO_ERROR, type RecordingSink } from './telegram-fakes';

const SECRET = 'webhook-secret_123';
const HEADER = 'x-telegram-bot-api-secret-token';
const schema = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { ping: { type: GraphQLString, resolve: () => 'pong' } } }) });

const update = (id: number, text = `COMPRA PETR4 ${id}`) => ({
  update_id: id,
  channel_post: { message_id: id, date: 1761650100, chat: { id: -1001234567890, type: 'channel', title: 'Sinais' }, text },
});

interface Served {
  subgraph: RunningSubgraph;
  webhook: TelegramWebhook;
  url: string;
  sink: RecordingSink;
  lines: ReturnType<typeof captureLogger>['lines'];
}

/** The webhook on a real subgraph server, wired the way the signals app does it. */
async function serve(options: Partial<TelegramWebhookOptions> = {}): Promise<Served> {
  const sink = createRecordingSink();
  const { logger, lines } = captureLogger();
  const webhook = createTelegramWebhook({ secret: SECRET, sink, logger, ...options });
  const subgraph = await startSubgraph<SubgraphContext>({
    name: 'signals',
    port: 0,
    host: '127.0.0.1',
    schema,
    logger,
    context: (base) => base,
    httpRoutes: [webhook.route],
    resources: [webhook],
  });
  return { subgraph, webhook, sink, lines, url: subgraph.url.replace(/\/graphql$/, '/telegram/webhook') };
}

function post(url: string, body: unknown, headers: Record<string, string> = { [HEADER]: SECRET }): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

describe('POST /telegram/webhook', () => {
  let served: Served;
  beforeEach(async () => {
    served = await serve();
  });
  afterEach(() => served.subgraph.stop());

  it('answers 200 at once and hands the message to the sink', async () => {
    const res = await post(served.url, update(1));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    await served.webhook.idle();
    expect(served.sink.received).toEqual([expect.objectContaining({ chatId: '-1001234567890', chatTitle: 'Sinais', messageId: 1, text: 'COMPRA PETR4 1' })]);
  });

  it.each([
    ['no secret header', {}],
    ['a wrong secret', { [HEADER]: 'webhook-secret_124' }],
    ['a longer secret with the right prefix', { [HEADER]: `${SECRET}x` }],
    ['an empty secret', { [HEADER]: '' }],
  ])('refuses %s with 401 and stores nothing', async (_name, headers) => {
    const res = await post(served.url, update(2), headers);
    expect(res.status).toBe(401);
    await res.arrayBuffer();
    await served.webhook.idle();
    expect(served.sink.calls).toHaveLength(0);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await post(served.url, '{"update_id": 1,');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false });
  });

  it('answers 400 to a body that is not sent as JSON', async () => {
    const res = await fetch(served.url, { method: 'POST', headers: { [HEADER]: SECRET, 'content-type': 'text/plain' }, body: 'hi' });
    expect(res.status).toBe(400);
    await res.arrayBuffer();
  });

  it('answers 413 to a body over the limit, declared or streamed', async () => {
    const big = JSON.stringify({ ...update(3), padding: 'x'.repeat(1024 * 1024) });
    const declared = await post(served.url, big);
    expect(declared.status).toBe(413);
    await declared.arrayBuffer();

    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(served.url, { method: 'POST', headers: { 'content-type': 'application/json', [HEADER]: SECRET } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(big.slice(0, 600 * 1024));
      req.write(big.slice(600 * 1024), () => req.end());
    });
    expect(streamed).toBe(413);
    expect(served.sink.calls).toHaveLength(0);
  });

  it('answers 200 to updates it skips, so Telegram does not resend them', async () => {
    for (const skipped of [{ update_id: 4, callback_query: { id: 'q' } }, { update_id: 5, channel_post: { message_id: 5, date: 1761650100, chat: { id: -1 }, photo: [] } }, { update_id: 6, message: 'x' }]) {
      const res = await post(served.url, skipped);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { skipped: string }).skipped).toMatch(/UNSUPPORTED_UPDATE|NO_TEXT|MALFORMED/);
    }
    await served.webhook.idle();
    expect(served.sink.calls).toHaveLength(0);
  });

  it('delivers in arrival order, one at a time', async () => {
    served.sink.hold();
    for (let id = 1; id <= 5; id++) expect((await post(served.url, update(id))).status).toBe(200);
    expect(served.sink.calls).toHaveLength(1); // the rest wait their turn
    served.sink.release();
    await served.webhook.idle();
    expect(served.sink.received.map((m) => m.messageId)).toEqual([1, 2, 3, 4, 5]);
  });

  it('logs a sink failure and carries on with the next message', async () => {
    served.sink.fail = (message) => message.messageId === 2;
    for (let id = 1; id <= 3; id++) await post(served.url, update(id));
    await served.webhook.idle();
    expect(served.sink.received.map((m) => m.messageId)).toEqual([1, 3]);
    expect(served.lines.find((line) => line.level === PINO_ERROR && line.messageId === 2)).toBeTruthy();
    expect((await fetch(served.subgraph.url.replace(/\/graphql$/, '/health'))).status).toBe(200);
  });
});

describe('POST /telegram/webhook limits and configuration', () => {
  it('answers 503 when its queue is full, so Telegram retries later', async () => {
    const served = await serve({ queueLimit: 2 });
    try {
      served.sink.hold();
      const statuses: number[] = [];
      for (let id = 1; id <= 4; id++) {
        const res = await post(served.url, update(id));
        statuses.push(res.status);
        if (res.status === 503) expect(res.headers.get('retry-after')).toBe('5');
        await res.arrayBuffer();
      }
      // one in the sink, two waiting, the fourth refused
      expect(statuses).toEqual([200, 200, 200, 503]);
      served.sink.release();
      await served.webhook.idle();
      expect(served.sink.received.map((m) => m.messageId)).toEqual([1, 2, 3]);
    } finally {
      await served.subgraph.stop();
    }
  });

  it('answers 503 "webhook not configured" without a secret, whatever the header says', async () => {
    const served = await serve({ secret: null });
    try {
      const res = await post(served.url, update(1), { [HEADER]: '' });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ok: false, error: 'webhook not configured' });
      await served.webhook.idle();
      expect(served.sink.calls).toHaveLength(0);
    } finally {
      await served.subgraph.stop();
    }
  });

  it('drains accepted messages when the subgraph stops', async () => {
    const served = await serve();
    served.sink.hold();
    for (let id = 1; id <= 3; id++) await post(served.url, update(id));
    const stopping = served.subgraph.stop();
    served.sink.release();
    await stopping;
    expect(served.sink.received.map((m) => m.messageId)).toEqual([1, 2, 3]);
  });
});
