import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually, gql, type Platform, startPlatform } from '../harness/platform';

/**
 * A Telegram channel post arriving at the gateway's webhook becomes a signal: on the `newSignals`
 * subscription, in `signals(asset:)` with its ticker's last trade from market; a wrong secret stores nothing.
 */
const update = (updateId: number, messageId: number, text: string, extra: Record<string, unknown> = {}) => ({
  update_id: updateId,
  channel_post: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: -1001999888777, type: 'channel', title: 'Sinais E2E', username: 'sinais_e2e' }, text, ...extra },
});

describe('Telegram signals through the gateway', () => {
  let platform: Platform;
  let ws: Client;

  beforeAll(async () => {
    platform = await startPlatform();
    ws = createClient({ url: platform.gatewayWsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
  }, 180_000);

  afterAll(async () => {
    await ws?.dispose();
    await platform?.stop();
  }, 30_000);

  const post = (body: unknown, secret: string | null = platform.telegramWebhookSecret) =>
    fetch(`${platform.gatewayOrigin}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('turns a posted channel message into a signal on newSignals and in signals(asset:), with the live last trade', async () => {
    const received: Array<{ asset: string; entryMin: string }> = [];
    const iterator = ws.iterate<{ newSignals: { asset: string; entryMin: string } }>({ query: 'subscription { newSignals(asset: "PETR4") { asset entryMin } }' });
    const first = iterator.next();
    // the upstream subscription is open once the gateway has planned it; post until the event comes
    let n = 0;
    const done = first.then((r) => received.push(r.value.data!.newSignals));
    while (received.length === 0 && n < 20) {
      n++;
      const response = await post(update(1000 + n, 500 + n, `🟢 COMPRA PETR4\nEntrada: 38,${String(10 + n)}\nAlvo 1: 40,00\nStop: 36,00`));
      expect(response.status).toBe(200);
      await Promise.race([done, new Promise((r) => setTimeout(r, 500))]);
    }
    await iterator.return?.();
    expect(received[0].asset).toBe('PETR4');

    const listed = await eventually(async () => {
      const r = await gql<{ signals: { edges: Array<{ node: { asset: string; side: string; status: string; messageLink: string; ticker: { lastTrade: { price: string } | null } } }> } }>(
        platform.gatewayUrl,
        '{ signals(asset: "PETR4", first: 5) { edges { node { asset side status messageLink ticker { lastTrade { price } } } } } }',
      );
      const node = r.data?.signals.edges[0]?.node;
      return node?.ticker.lastTrade ? node : undefined;
    }, 20_000, 'a PETR4 signal with a last trade');
    expect(listed).toMatchObject({ asset: 'PETR4', side: 'BUY', status: 'OPEN' });
    expect(listed.messageLink).toMatch(/^https:\/\/t\.me\/sinais_e2e\/\d+$/);
    expect(Number(listed.ticker.lastTrade!.price)).toBeGreaterThan(0);
  });

  it('refuses a wrong or missing secret and malformed bodies, storing nothing', async () => {
    const count = async () => (await gql<{ signals: { totalCount: number } }>(platform.gatewayUrl, '{ signals { totalCount } }')).data!.signals.totalCount;
    const before = await count();
    expect((await post(update(9001, 9001, 'COMPRA VALE3 entrada 60,00 stop 58,00'), 'wrong')).status).toBe(401);
    expect((await post(update(9002, 9002, 'COMPRA VALE3 entrada 60,00 stop 58,00'), null)).status).toBe(401);
    expect((await post('{"update_id": 1, ')).status).toBe(400);
    expect((await post(JSON.stringify({ update_id: 5, x: 'y'.repeat(1_100_000) }))).status).toBe(413);
    await new Promise((r) => setTimeout(r, 500));
    expect(await count()).toBe(before);
  });

  it('made no connection attempt to any non-loopback address', () => {
    expect(platform.netViolations()).toEqual([]);
  });
});
