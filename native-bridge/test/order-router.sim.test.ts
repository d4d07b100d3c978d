import { createProfitMarketData, simulatorControls, type BrokerOrder, type MarketDataClient, type OrderRouter } from '../src';
import { buildSimulator, clientTracker } from './simulator.helper';

const clients = clientTracker();

beforeAll(buildSimulator);
afterEach(() => clients.stopAll());

interface Routed {
  md: MarketDataClient;
  router: OrderRouter;
  updates: BrokerOrder[];
  advance(ms: number): Promise<void>;
}

async function routed(): Promise<Routed> {
  const md = clients.track(createProfitMarketData({ routing: true, virtualClock: true, seed: 11 }));
  const router = md.router()!;
  const updates: BrokerOrder[] = [];
  router.onOrder((o) => updates.push(o));
  await md.start();
  await md.subscribe('PETR4', 'B');
  const sim = simulatorControls(md);
  await sim.advance(0); // start resolves on market data; the broker link reports right after
  return { md, router, updates, advance: (ms) => sim.advance(ms) };
}

const ofOrder = (updates: BrokerOrder[], id: string) => updates.filter((u) => u.localOrderId === id);

describe('order routing against the simulator', () => {
  it('logs in with routing and lists the broker account with its names (two-call GetAccountDetails)', async () => {
    const { md, router } = await routed();
    expect(md.state().routing).toBe('BROKER_CONNECTED');
    const accounts = router.accounts();
    expect(accounts.length).toBeGreaterThan(0);
    expect(accounts[0].accountId).not.toBe('');
    expect(accounts[0].brokerName.length).toBeGreaterThan(0);
    expect(accounts[0].ownerName.length).toBeGreaterThan(0);
  });

  it('takes a market order from accepted through a partial fill to filled, with quantities and average price', async () => {
    const { md, router, updates, advance } = await routed();
    const account = router.accounts()[0];
    simulatorControls(md).setFillPlan([0.3, 0.7]);
    const id = router.send({ account, symbol: 'PETR4', exchange: 'B', side: 'BUY', type: 'MARKET', quantity: 1000 });
    await advance(2_000);
    const mine = ofOrder(updates, id);
    expect(mine.map((o) => o.status)).toEqual(['PENDING_NEW', 'NEW', 'PARTIALLY_FILLED', 'FILLED']);
    const [, acked, partial, filled] = mine;
    expect(acked.clOrderId).toMatch(/\S/);
    expect([partial.tradedQuantity, partial.leavesQuantity]).toEqual([300, 700]);
    expect([filled.tradedQuantity, filled.leavesQuantity, filled.terminal]).toEqual([1000, 0, true]);
    // the second fill's price follows from the two cumulative averages, and must sit on the 0.01 grid
    const firstFill = Number(partial.averagePrice);
    const secondFill = (Number(filled.averagePrice) * 1000 - firstFill * 300) / 700;
    expect(Math.abs(secondFill * 100 - Math.round(secondFill * 100))).toBeLessThan(1e-6);
    const position = router.position(account, 'PETR4', 'B');
    expect(position).toMatchObject({ netQuantity: 1000, dailyBuyQuantity: 1000, dailyBuyAveragePrice: filled.averagePrice });
    expect(router.listOrders(account).find((o) => o.localOrderId === id)).toMatchObject({ status: 'FILLED', tradedQuantity: 1000 });
  });

  it('rests a limit order until the price crosses it, and cancels a working order', async () => {
    const { md, router, updates, advance } = await routed();
    const sim = simulatorControls(md);
    const account = router.accounts()[0];
    sim.pushTrade({ symbol: 'PETR4', exchange: 'B', price: '38.00', quantity: 100 });
    await advance(10);
    const resting = router.send({ account, symbol: 'PETR4', exchange: 'B', side: 'BUY', type: 'LIMIT', quantity: 200, price: '37.50' });
    const cancelled = router.send({ account, symbol: 'PETR4', exchange: 'B', side: 'SELL', type: 'LIMIT', quantity: 100, price: '39.50' });
    await advance(200);
    expect(router.order(resting)?.status).toBe('NEW');
    router.cancel({ account, localOrderId: cancelled });
    sim.pushTrade({ symbol: 'PETR4', exchange: 'B', price: '37.49', quantity: 300 });
    await advance(500);
    expect(router.order(resting)).toMatchObject({ status: 'FILLED', tradedQuantity: 200, averagePrice: '37.50' });
    expect(ofOrder(updates, cancelled).map((o) => o.status)).toEqual(['PENDING_NEW', 'NEW', 'PENDING_CANCEL', 'CANCELED']);
  });

  it('surfaces a rejection with the broker’s reason', async () => {
    const { md, router, advance } = await routed();
    const account = router.accounts()[0];
    simulatorControls(md).rejectNext(1, 'Saldo insuficiente');
    const id = router.send({ account, symbol: 'PETR4', exchange: 'B', side: 'BUY', type: 'LIMIT', quantity: 100, price: '38.00' });
    await advance(200);
    expect(router.order(id)).toMatchObject({ status: 'REJECTED', terminal: true, message: 'Saldo insuficiente', tradedQuantity: 0 });
  });

  it('refuses to route while the broker link is down, and routes again once it is back', async () => {
    const { md, router, advance } = await routed();
    const account = router.accounts()[0];
    simulatorControls(md).disconnect('ROUTING', 1_000);
    await advance(10);
    expect(md.state().routing).toBe('BROKER_DISCONNECTED');
    const order = { account, symbol: 'PETR4', exchange: 'B', side: 'SELL', type: 'MARKET', quantity: 100 } as const;
    expect(() => router.send(order)).toThrow(expect.objectContaining({ code: 'BRIDGE_ROUTING_UNAVAILABLE' }));
    await advance(1_500);
    expect(md.state().routing).toBe('BROKER_CONNECTED');
    expect(router.send(order)).toMatch(/^\d+$/);
  });

  it('maps a DLL refusal to its NL name', async () => {
    const { router } = await routed();
    const account = router.accounts()[0];
    expect(() => router.send({ account, symbol: 'NOPE3', exchange: 'B', side: 'BUY', type: 'MARKET', quantity: 100 })).toThrow(
      expect.objectContaining({ code: 'BRIDGE_INVALID_TICKER' }),
    );
    expect(() => router.send({ account: { ...account, accountId: 'UNKNOWN' }, symbol: 'PETR4', exchange: 'B', side: 'BUY', type: 'MARKET', quantity: 100 })).toThrow(
      expect.objectContaining({ code: 'BRIDGE_NOT_FOUND' }),
    );
  });
});
