import { createOrder } from '../domain/order-lifecycle';
import { asOrderId } from '../domain/order-model';
import { validateOrder } from '../domain/order-validation';
import { exchangeOf, routeFields, toVenueOrder, type WireBrokerOrder } from './broker-order';

const wire = (overrides: Partial<WireBrokerOrder>): WireBrokerOrder => ({
  localOrderId: '7', clOrderId: 'SIM-20261127-7', symbol: 'PETR4', side: 'BUY', type: 'LIMIT', status: 'NEW', quantity: 300, tradedQuantity: 0,
  price: '38.50', stopPrice: null, averagePrice: null, createdAt: '2026-11-27T13:00:00.000Z', updatedAt: '2026-11-27T13:00:01.000Z', message: null,
  account: { brokerId: 1982, accountId: 'SIM-0001', subAccountId: null }, ...overrides,
});

function order(input: { symbol: string; side: 'BUY' | 'SELL'; type: string; price?: string; stopPrice?: string; quantity: number }) {
  const v = validateOrder({ idempotencyKey: 'key-0000001', account: 'a', timeInForce: 'DAY', ...input });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return createOrder(v.order, { id: asOrderId('00000000-0000-4000-8000-000000000001'), at: '2026-11-27T13:00:00.000Z' });
}

describe('bridge order mapping', () => {
  it.each([
    ['PENDING_NEW', 0, null],
    ['NEW', 0, 'SUBMITTED'],
    ['PENDING_CANCEL', 100, 'PARTIALLY_FILLED'],
    ['PARTIALLY_FILLED', 100, 'PARTIALLY_FILLED'],
    ['FILLED', 300, 'FILLED'],
    ['PARTIALLY_FILLED_CANCELED', 100, 'CANCELED'],
    ['DONE_FOR_DAY', 0, 'EXPIRED'],
    ['ORDER_NOT_CREATED', 0, 'REJECTED'],
  ])('reads %s with %i traded as %s', (status, traded, expected) => {
    const venue = toVenueOrder(wire({ status, tradedQuantity: traded, averagePrice: traded ? '38.50' : null }), '2026-11-27T13:00:02.000Z');
    expect(venue.status).toBe(expected);
    expect(venue.view?.filledQuantity ?? null).toBe(expected === null ? null : traded);
  });

  it('keeps the rejection text and canonical prices, and stamps events with the venue time', () => {
    const venue = toVenueOrder(wire({ status: 'REJECTED', message: 'Preço fora do túnel', price: '38.50' }), 'x');
    expect(venue.view?.rejectReason).toBe('Preço fora do túnel');
    expect(venue.price).toBe('38.5');
    expect(venue.at).toBe('2026-11-27T13:00:01.000Z');
  });

  it('routes futures to BMF and stocks to Bovespa', () => {
    expect(exchangeOf('WINZ26')).toBe('F');
    expect(exchangeOf('PETR4')).toBe('B');
    expect(exchangeOf('PETR4F')).toBe('B');
  });

  it('sends a STOP as a stop-limit with its protective limit beyond the trigger', () => {
    expect(routeFields(order({ symbol: 'WINZ26', side: 'SELL', type: 'STOP', stopPrice: '125000', quantity: 1 }), 20)).toMatchObject({
      type: 'STOP_LIMIT', exchange: 'F', stopPrice: '125000', price: '124900',
    });
    expect(routeFields(order({ symbol: 'PETR4', side: 'BUY', type: 'STOP', stopPrice: '38.50', quantity: 100 }), 20)).toMatchObject({
      type: 'STOP_LIMIT', stopPrice: '38.5', price: '38.7',
    });
    expect(routeFields(order({ symbol: 'PETR4', side: 'BUY', type: 'LIMIT', price: '38.50', quantity: 100 }), 20)).toMatchObject({ type: 'LIMIT', price: '38.5', stopPrice: null });
  });
});
