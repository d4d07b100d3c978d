import { INITIAL_STATUS, ORDER_EVENTS, ORDER_STATUSES, type OrderEvent, type OrderStatus, transition } from './order-state';

const next = (from: OrderStatus | null, event: OrderEvent): OrderStatus | null => {
  const result = transition(from, event);
  return result.ok ? result.status : null;
};

describe('order state table', () => {
  it('creates every order as PENDING_NEW, and only through PLACE', () => {
    expect(next(null, 'PLACE')).toBe('PENDING_NEW');
    expect(INITIAL_STATUS).toBe('PENDING_NEW');
    for (const event of ORDER_EVENTS.filter((e) => e !== 'PLACE')) expect(next(null, event)).toBeNull();
  });

  it('never places an order that already exists', () => {
    for (const status of ORDER_STATUSES) expect(next(status, 'PLACE')).toBeNull();
  });

  it('moves a pending order only on the venue acknowledging or rejecting it', () => {
    expect(next('PENDING_NEW', 'ACCEPT')).toBe('NEW');
    expect(next('PENDING_NEW', 'REJECT')).toBe('REJECTED');
    expect(next('PENDING_NEW', 'FILL')).toBeNull();
  });

  it('fills, cancels or expires a working order', () => {
    for (const working of ['NEW', 'PARTIALLY_FILLED'] as const) {
      expect(next(working, 'PARTIAL_FILL')).toBe('PARTIALLY_FILLED');
      expect(next(working, 'FILL')).toBe('FILLED');
      expect(next(working, 'CANCEL')).toBe('CANCELED');
      expect(next(working, 'EXPIRE')).toBe('EXPIRED');
      expect(next(working, 'ACCEPT')).toBeNull();
    }
  });

  it('keeps terminal orders terminal', () => {
    for (const terminal of ['FILLED', 'CANCELED', 'REJECTED', 'EXPIRED'] as const) {
      for (const event of ORDER_EVENTS) expect(next(terminal, event)).toBeNull();
    }
  });

  it('says which transition was refused', () => {
    expect(transition('FILLED', 'CANCEL')).toEqual({ ok: false, from: 'FILLED', event: 'CANCEL' });
  });
});
