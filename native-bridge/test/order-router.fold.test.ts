import { OrderRouter, type BrokerOrder } from '../src/order-router';
import type { RawOrder } from '../src/profit/order-details';
import { tickGrid } from '../src/profit/trade.mapper';

const T = { wYear: 2026, wMonth: 12, wDayOfWeek: 2, wDay: 1, wHour: 10, wMinute: 0, wSecond: 0, wMilliseconds: 0 };
const NO_TIME = { ...T, wYear: 0, wMonth: 0, wDay: 0, wHour: 0 };

function raw(status: number, traded: number, eventId: number, extra: Partial<RawOrder> = {}): RawOrder {
  return {
    localOrderId: 7n,
    clOrderId: 'SIM-1',
    brokerId: 1982,
    accountId: 'SIM-0001',
    subAccountId: '',
    ticker: 'PETR4',
    exchange: 'B',
    quantity: 1000,
    tradedQuantity: traded,
    leavesQuantity: 1000 - traded,
    price: 38.019999999,
    stopPrice: -1,
    averagePrice: traded ? 38.02 : 0,
    side: 1,
    type: 2,
    status,
    validity: 0,
    date: T,
    lastUpdate: T,
    closeDate: NO_TIME,
    text: '',
    eventId: BigInt(eventId),
    ...extra,
  };
}

function router(): { router: OrderRouter; seen: BrokerOrder[] } {
  const r = new OrderRouter({ requests: () => null, connection: () => ({ login: 'CONNECTED', activation: 'VALID', marketData: 'CONNECTED', routing: 'BROKER_CONNECTED' }), grid: () => tickGrid('0.01') });
  const seen: BrokerOrder[] = [];
  r.onOrder((o) => seen.push(o));
  return { router: r, seen };
}

describe('order router: folding the DLL’s order callbacks', () => {
  it('ignores duplicated and out-of-order callbacks, so an order never moves backwards', () => {
    const { router: r, seen } = router();
    for (const update of [raw(10, 0, 1), raw(0, 0, 2), raw(0, 0, 2), raw(2, 1000, 4), raw(1, 300, 3), raw(2, 1000, 4)]) {
      r.handle({ kind: 'order', order: update });
    }
    expect(seen.map((o) => [o.status, o.tradedQuantity])).toEqual([
      ['PENDING_NEW', 0],
      ['NEW', 0],
      ['FILLED', 1000],
    ]);
    expect(r.staleOrderEvents).toBe(3);
    expect(r.order('7')).toMatchObject({ status: 'FILLED', terminal: true, leavesQuantity: 0, price: '38.02', averagePrice: '38.02', side: 'BUY', type: 'LIMIT' });
  });

  it('renders DLL doubles on the tick grid and times as UTC, and keeps a terminal order closed', () => {
    const { router: r, seen } = router();
    r.handle({ kind: 'order', order: raw(8, 0, 5, { text: 'Saldo insuficiente', closeDate: T }) });
    r.handle({ kind: 'order', order: raw(0, 0, 6) }); // a late "New" after the rejection
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ status: 'REJECTED', message: 'Saldo insuficiente', createdAt: '2026-12-01T13:00:00.000Z', closedAt: '2026-12-01T13:00:00.000Z', averagePrice: null });
  });

  it('refuses to route without a live broker link and checks arguments before touching the DLL', () => {
    const down = new OrderRouter({ requests: () => null, connection: () => ({ login: 'CONNECTED', activation: 'VALID', marketData: 'CONNECTED', routing: 'BROKER_CONNECTING' }), grid: () => undefined });
    const order = { account: { brokerId: 1, accountId: 'A' }, symbol: 'PETR4', exchange: 'B', side: 'BUY', type: 'LIMIT', quantity: 100, price: '38.00' } as const;
    expect(() => down.send(order)).toThrow(expect.objectContaining({ code: 'BRIDGE_ROUTING_UNAVAILABLE' }));
    expect(() => down.send({ ...order, price: null })).toThrow(expect.objectContaining({ code: 'BRIDGE_INVALID_ARGS' }));
    expect(() => down.send({ ...order, type: 'MARKET' })).toThrow(/MARKET order has no price/);
    expect(() => down.send({ ...order, quantity: 0 })).toThrow(/quantity/);
    expect(() => down.send({ ...order, type: 'STOP_LIMIT' })).toThrow(/stopPrice/);
  });
});
