import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { readMetric } from '../../kit/src/testing/read-metric';
import { gql, type Platform, startPlatform } from '../harness/platform';

/** Subscriptions through the gateway across subgraphs, on the real platform. */
describe('federated subscriptions', () => {
  let platform: Platform;
  const clients: Client[] = [];
  const connect = (token?: string): Client => {
    const client = createClient({ url: platform.gatewayWsUrl, webSocketImpl: WebSocket, connectionParams: token ? { Authorization: `Bearer ${token}` } : {}, retryAttempts: 5 });
    clients.push(client);
    return client;
  };
  const metric = (name: string): Promise<number> => readMetric(platform.gatewayUrl, name);

  beforeAll(async () => {
    platform = await startPlatform();
  }, 180_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await platform?.stop();
  }, 30_000);

  it('serves 100 clients of the same ticks subscription from one upstream subscription', async () => {
    const query = 'subscription { ticks(symbols: ["WINZ26", "PETR4"]) { symbol price } }';
    const firsts = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const iterator = connect().iterate<{ ticks: { symbol: string; price: string } }>({ query });
        const first = await iterator.next();
        return { iterator, first };
      }),
    );
    for (const { first } of firsts) expect(['WINZ26', 'PETR4']).toContain(first.value.data?.ticks.symbol);
    expect(await metric('gateway_upstream_subscriptions')).toBe(1);
    await Promise.all(firsts.map(({ iterator }) => iterator.return?.()));
  }, 60_000);

  it('enriches each order event with the live price of its own instrument from market', async () => {
    type Update = { symbol: string; status: string; ticker: { symbol: string; lastTrade: { price: string } | null } };
    const iterator = connect(platform.traderToken).iterate<{ orderUpdates: Update }>({
      query: 'subscription { orderUpdates { symbol status ticker { symbol lastTrade { price } } } }',
    });
    // Each placement is a new order, so each gets its own idempotency key (the same key would return the first order).
    let placed = 0;
    const place = (symbol: string, quantity: number) =>
      gql(
        platform.gatewayUrl,
        'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }',
        { i: { symbol, side: 'BUY', type: 'MARKET', quantity, idempotencyKey: `e2e-subscriptions-${++placed}` } },
        platform.traderToken,
      );
    // Subscriptions have no replay: keep placing until the upstream is live and the first event arrives.
    const first = iterator.next();
    let live = false;
    void first.then(() => (live = true));
    while (!live) {
      expect((await place('WINZ26', 1)).errors).toBeUndefined();
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await place('PETR4', 100)).errors).toBeUndefined();
    const events: Update[] = [(await first).value.data!.orderUpdates];
    while (events.at(-1)!.symbol !== 'PETR4') {
      const { value } = await iterator.next();
      expect(value.errors).toBeUndefined();
      events.push(value.data!.orderUpdates);
    }
    await iterator.return?.();
    for (const event of events) {
      expect(event.ticker.symbol).toBe(event.symbol);
      // orders are routed to the simulator, so later events of one order carry its progress
      expect(['PENDING', 'SUBMITTED', 'PARTIALLY_FILLED', 'FILLED']).toContain(event.status);
      const price = Number(event.ticker.lastTrade!.price);
      if (event.symbol === 'WINZ26') {
        expect(price % 5).toBe(0); // WIN: 5-point ticks around 125000
        expect(price).toBeGreaterThan(100_000);
      } else {
        expect(price).toBeLessThan(1000); // PETR4 around 38
      }
    }
  }, 60_000);

  it('resubscribes after the owning subgraph restarts, with a gap marker', async () => {
    const iterator = connect().iterate<{ ticks: { symbol: string } }>({ query: 'subscription { ticks(symbols: ["VALE3"]) { symbol price } }' });
    expect((await iterator.next()).value.data?.ticks.symbol).toBe('VALE3');
    const market = (await platform.status()).find((s) => s.name === 'market')!;
    process.kill(market.pid!, 'SIGKILL');
    let sawGap = false;
    for (;;) {
      const { value } = await iterator.next();
      if (value.extensions?.gap) sawGap = true;
      else if (value.data?.ticks.symbol === 'VALE3' && sawGap) break;
    }
    expect(sawGap).toBe(true);
    await iterator.return?.();
  }, 60_000);

  it('serves the same subscription over Server-Sent Events', async () => {
    const controller = new AbortController();
    const response = await fetch(platform.gatewayUrl + '/stream', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { ticks(symbols: ["PETR4"]) { symbol price } }' }),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    while (!/event: next\ndata: .+\n/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const data = JSON.parse(/event: next\ndata: (.+)\n/.exec(text)![1]) as { data: { ticks: { symbol: string; price: string } } };
    expect(data.data.ticks.symbol).toBe('PETR4');
    expect(data.data.ticks.price).toMatch(/^\d+(\.\d+)?$/);
  }, 30_000);

  it('applies the query limits to subscriptions too, before anything runs upstream', async () => {
    const before = await metric('gateway_upstream_subscriptions');
    const aliases = Array.from({ length: 20 }, (_, i) => `s${i}: symbol`).join(' ');
    const iterator = connect().iterate({ query: `subscription { ticks(symbols: ["PETR4"]) { ${aliases} } }` });
    await expect(iterator.next()).rejects.toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'TOO_MANY_ALIASES' }) })]);
    expect(await metric('gateway_upstream_subscriptions')).toBe(before);
  });
});
