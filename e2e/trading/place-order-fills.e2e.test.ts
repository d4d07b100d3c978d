import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { serviceViewer, signInternalViewer } from '../../kit/src';
import { eventually, gql, type Platform, startPlatform } from '../harness/platform';

/**
 * Trading as a user does it, through the gateway against the simulator: a LIMIT order fills and the fill
 * shows on orderUpdates, in Ticker.position and in the day's P&L; a resting order is cancelled; a viewer
 * cannot trade; bad input changes nothing.
 */
interface OrderUpdate {
  id: string;
  status: string;
  filledQuantity: number;
  averageFillPrice: string | null;
}

const PLACE = 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id status account brokerOrderId } }';

/** Price `pct` % away from `last`, on PETR4's 0.01 tick. */
const away = (last: string, pct: number): string => ((Math.round(Number(last) * 100 * (1 + pct / 100))) / 100).toFixed(2);

describe('trading through the gateway with the simulator', () => {
  let platform: Platform;
  let ws: Client;
  const updates: OrderUpdate[] = [];
  let last: string;

  beforeAll(async () => {
    platform = await startPlatform();
    ws = createClient({ url: platform.gatewayWsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${platform.traderToken}` }, retryAttempts: 0 });
    ws.subscribe<{ orderUpdates: OrderUpdate }>(
      { query: 'subscription { orderUpdates { id status filledQuantity averageFillPrice } }' },
      { next: ({ data }) => data && updates.push(data.orderUpdates), error: () => undefined, complete: () => undefined },
    );
    last = await eventually(async () => {
      const r = await gql<{ ticker: { lastTrade: { price: string } | null } }>(platform.gatewayUrl, '{ ticker(symbol: "PETR4") { lastTrade { price } } }');
      return r.data?.ticker.lastTrade?.price;
    }, 30_000, 'a PETR4 last trade');
    // the subscription is live before the first order
    await new Promise((resolve) => setTimeout(resolve, 500));
  }, 180_000);

  afterAll(async () => {
    await ws?.dispose();
    await platform?.stop();
  }, 30_000);

  it('fills a marketable LIMIT order, shown on orderUpdates, in Ticker.position and in the P&L', async () => {
    const placed = await gql<{ placeOrder: { id: string; status: string } }>(
      platform.gatewayUrl,
      PLACE,
      { i: { symbol: 'PETR4', side: 'BUY', type: 'LIMIT', quantity: 200, price: away(last, 1), idempotencyKey: 'e2e-fill-0001' } },
      platform.traderToken,
    );
    expect(placed.errors).toBeUndefined();
    const id = placed.data!.placeOrder.id;
    expect(['SUBMITTED', 'PARTIALLY_FILLED', 'FILLED']).toContain(placed.data!.placeOrder.status);

    const filled = await eventually(async () => updates.find((u) => u.id === id && u.status === 'FILLED'), 15_000, 'FILLED on orderUpdates');
    expect(filled.filledQuantity).toBe(200);
    expect(Number(filled.averageFillPrice)).toBeLessThanOrEqual(Number(away(last, 1)));
    // every status the order went through arrived in order
    const statuses = updates.filter((u) => u.id === id).map((u) => u.status);
    expect(statuses[0]).toBe('PENDING');
    expect(statuses[statuses.length - 1]).toBe('FILLED');

    const position = await eventually(async () => {
      const r = await gql<{ ticker: { lastTrade: { price: string }; position: { netQuantity: number; averagePrice: string; unrealizedPnl: string } | null } }>(
        platform.gatewayUrl,
        '{ ticker(symbol: "PETR4") { lastTrade { price } position { netQuantity averagePrice unrealizedPnl } } }',
        {},
        platform.traderToken,
      );
      return r.data?.ticker.position?.netQuantity === 200 ? r.data.ticker.position : undefined;
    }, 10_000, 'Ticker.position of 200');
    expect(position.averagePrice).toBe(String(Number(filled.averageFillPrice)));

    const pnl = await gql<{ pnl: { currency: string; daily: string; unrealized: string } }>(platform.gatewayUrl, '{ pnl { currency daily unrealized } }', {}, platform.traderToken);
    expect(pnl.errors).toBeUndefined();
    expect(pnl.data!.pnl.currency).toBe('BRL');
    expect(pnl.data!.pnl.unrealized).toMatch(/^-?\d+(\.\d+)?$/);

    // the same key again returns the same order and trades nothing more
    const again = await gql<{ placeOrder: { id: string } }>(
      platform.gatewayUrl,
      PLACE,
      { i: { symbol: 'PETR4', side: 'BUY', type: 'LIMIT', quantity: 200, price: away(last, 1), idempotencyKey: 'e2e-fill-0001' } },
      platform.traderToken,
    );
    expect(again.data!.placeOrder.id).toBe(id);
  });

  it('cancels a resting order', async () => {
    const placed = await gql<{ placeOrder: { id: string } }>(
      platform.gatewayUrl,
      PLACE,
      { i: { symbol: 'PETR4', side: 'BUY', type: 'LIMIT', quantity: 100, price: away(last, -8), idempotencyKey: 'e2e-rest-0001' } },
      platform.traderToken,
    );
    expect(placed.errors).toBeUndefined();
    const id = placed.data!.placeOrder.id;
    await eventually(async () => updates.find((u) => u.id === id && u.status === 'SUBMITTED'), 10_000, 'SUBMITTED');
    const canceled = await gql<{ cancelOrder: { status: string } }>(platform.gatewayUrl, 'mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id }, platform.traderToken);
    expect(canceled.errors).toBeUndefined();
    await eventually(async () => updates.find((u) => u.id === id && u.status === 'CANCELED'), 10_000, 'CANCELED on orderUpdates');
  });

  it('does not let a viewer trade, and refuses bad input without storing anything', async () => {
    const input = { symbol: 'PETR4', side: 'BUY', type: 'LIMIT', quantity: 100, price: away(last, 1), idempotencyKey: 'e2e-viewer-01' };
    const viewer = await gql(platform.gatewayUrl, PLACE, { i: input }, platform.viewerToken);
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const offTick = await gql(platform.gatewayUrl, PLACE, { i: { ...input, price: '38.005', idempotencyKey: 'e2e-bad-0001' } }, platform.traderToken);
    expect(offTick.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const outOfBand = await gql(platform.gatewayUrl, PLACE, { i: { ...input, price: away(last, 30), idempotencyKey: 'e2e-bad-0002' } }, platform.traderToken);
    expect(outOfBand.errors?.[0]?.extensions).toMatchObject({ code: 'RISK_REJECTED', rule: 'PRICE_BAND' });

    const mine = await gql<{ orders: { edges: Array<{ node: { id: string } }> } }>(platform.gatewayUrl, '{ orders { edges { node { id } } } }', {}, platform.traderToken);
    expect(mine.data!.orders.edges).toHaveLength(2);
  });

  it('crash between persist and route: the restarted orders process reconciles, and the same key gives the same single order', async () => {
    const pidOf = async (name: string): Promise<number> => (await platform.status()).find((s) => s.name === name)!.pid!;
    const bridgePid = await pidOf('bridge');
    const ordersPid = await pidOf('orders');
    const input = { symbol: 'PETR4', side: 'BUY', type: 'LIMIT', quantity: 100, price: away(last, -5), idempotencyKey: 'e2e-crash-0001' };
    const pendingCrashOrder = async () => {
      const r = await gql<{ orders: { edges: Array<{ node: { id: string; status: string; brokerOrderId: string | null } }> } }>(
        platform.gatewayUrl,
        '{ orders(first: 20) { edges { node { id status brokerOrderId price quantity } } } }',
        {},
        platform.traderToken,
      );
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data?.orders.edges.map((e) => e.node).find((o) => (o as { price?: string }).price === String(Number(input.price)));
    };

    // The bridge is frozen, so the route call hangs after the PENDING write; then the orders process dies.
    process.kill(bridgePid, 'SIGSTOP');
    try {
      void gql(platform.gatewayUrl, PLACE, { i: input }, platform.traderToken).catch(() => undefined);
      const pending = await eventually(async () => {
        const order = await pendingCrashOrder();
        return order?.status === 'PENDING' ? order : undefined;
      }, 10_000, 'the order written PENDING');
      expect(pending.brokerOrderId).toBeNull();
      process.kill(ordersPid, 'SIGKILL');
    } finally {
      process.kill(bridgePid, 'SIGCONT');
    }

    // The launcher restarts orders; reconciliation settles the order (adopted if the frozen request reached the bridge, else routed now).
    await eventually(async () => ((await platform.status()).find((s) => s.name === 'orders' && s.status === 'OK' && s.pid !== ordersPid) ? true : undefined), 30_000, 'orders restarted');
    const settled = await eventually(async () => {
      const order = await pendingCrashOrder();
      return order && order.status !== 'PENDING' ? order : undefined;
    }, 20_000, 'the order reconciled');
    expect(settled.status).toBe('SUBMITTED');

    const again = await gql<{ placeOrder: { id: string; status: string } }>(platform.gatewayUrl, PLACE, { i: input }, platform.traderToken);
    expect(again.errors).toBeUndefined();
    expect(again.data!.placeOrder.id).toBe(settled.id);

    // And the venue holds exactly one such order: asked directly, as the orders service would.
    const header = await signInternalViewer(serviceViewer('orders'), platform.internalSecret);
    const response = await fetch(platform.subgraphUrl('bridge'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-b3-viewer': header },
      body: JSON.stringify({ query: '{ brokerOrders(account: { brokerId: 1982, accountId: "SIM-0001" }) { localOrderId symbol price quantity status } }' }),
    });
    const body = (await response.json()) as { data: { brokerOrders: Array<{ localOrderId: string; symbol: string; price: string; quantity: number }> } };
    const atVenue = body.data.brokerOrders.filter((o) => o.symbol === 'PETR4' && Number(o.price) === Number(input.price) && o.quantity === 100);
    expect(atVenue.map((o) => o.localOrderId)).toEqual([settled.brokerOrderId]);
  }, 90_000);

  it('made no connection attempt to any non-loopback address', () => {
    expect(platform.netViolations()).toEqual([]);
  });
});
