import type { Price } from '@b3/kit';
import {
  aCanceledOrder,
  aFill,
  aFilledOrder,
  aPartiallyFilledOrder,
  aPendingOrder,
  aSubmittedOrder,
  BROKER_ORDER_ID,
  canceled,
  CREATED_AT,
  expired,
  failed,
  fillEvent,
  orderAfter,
  rejected,
  replaced,
  submitted,
} from './order-builders';
import {
  applyEvent,
  applyEvents,
  averageFillPrice,
  ORDER_TRANSITIONS,
  transition,
  TRANSITIONS,
  type ApplyResult,
  type OrderEvent,
} from './order-lifecycle';
import { asBrokerOrderId, asFillId, ORDER_STATUSES, type BrokerOrderId, type FillId, type Order, type OrderStatus } from './order-model';

const LATER = '2026-03-02T13:05:00.000Z';

const orderIn: Record<OrderStatus, () => Order> = {
  PENDING: () => aPendingOrder(),
  SUBMITTED: () => aSubmittedOrder(),
  PARTIALLY_FILLED: () => aPartiallyFilledOrder(),
  FILLED: () => aFilledOrder(),
  CANCELED: () => aCanceledOrder(),
  EXPIRED: () => orderAfter(aSubmittedOrder(), expired()),
  REJECTED: () => orderAfter(aPendingOrder(), rejected()),
  FAILED: () => orderAfter(aPendingOrder(), failed()),
};

const COLUMNS = ['SUBMIT', 'REJECT', 'FAIL', 'PART_FILL', 'FULL_FILL', 'CANCEL', 'EXPIRE', 'REPLACE'] as const;
type Column = (typeof COLUMNS)[number];

const eventFor = (column: Column, order: Order): OrderEvent => {
  const remaining = order.quantity - order.filledQuantity;
  switch (column) {
    case 'SUBMIT':
      return submitted();
    case 'REJECT':
      return rejected();
    case 'FAIL':
      return failed();
    case 'PART_FILL':
      return fillEvent({ fillId: asFillId('fill-new'), quantity: 10 });
    case 'FULL_FILL':
      return fillEvent({ fillId: asFillId('fill-new'), quantity: Math.max(remaining, 1) });
    case 'CANCEL':
      return canceled();
    case 'EXPIRE':
      return expired();
    case 'REPLACE':
      return replaced(1, { price: '38.4' });
  }
};

/**
 * The behaviour spec, one row per status: a status name means applied and now in that status, "=" a harmless
 * no-op (same order back, changed: false), "x" refused. Written out independently of ORDER_TRANSITIONS.
 */
const EXPECTED: Record<OrderStatus, Record<Column, OrderStatus | '=' | 'x'>> = {
  //               SUBMIT        REJECT      FAIL      PART_FILL            FULL_FILL    CANCEL      EXPIRE     REPLACE
  PENDING: { SUBMIT: 'SUBMITTED', REJECT: 'REJECTED', FAIL: 'FAILED', PART_FILL: 'PARTIALLY_FILLED', FULL_FILL: 'FILLED', CANCEL: 'CANCELED', EXPIRE: 'EXPIRED', REPLACE: 'PENDING' },
  SUBMITTED: { SUBMIT: '=', REJECT: 'REJECTED', FAIL: 'x', PART_FILL: 'PARTIALLY_FILLED', FULL_FILL: 'FILLED', CANCEL: 'CANCELED', EXPIRE: 'EXPIRED', REPLACE: 'SUBMITTED' },
  PARTIALLY_FILLED: { SUBMIT: '=', REJECT: 'x', FAIL: 'x', PART_FILL: 'PARTIALLY_FILLED', FULL_FILL: 'FILLED', CANCEL: 'CANCELED', EXPIRE: 'EXPIRED', REPLACE: 'PARTIALLY_FILLED' },
  FILLED: { SUBMIT: '=', REJECT: 'x', FAIL: 'x', PART_FILL: 'x', FULL_FILL: 'x', CANCEL: 'x', EXPIRE: 'x', REPLACE: 'x' },
  CANCELED: { SUBMIT: '=', REJECT: 'x', FAIL: 'x', PART_FILL: 'CANCELED', FULL_FILL: 'CANCELED', CANCEL: '=', EXPIRE: 'x', REPLACE: 'x' },
  EXPIRED: { SUBMIT: '=', REJECT: 'x', FAIL: 'x', PART_FILL: 'EXPIRED', FULL_FILL: 'EXPIRED', CANCEL: 'x', EXPIRE: '=', REPLACE: 'x' },
  REJECTED: { SUBMIT: '=', REJECT: '=', FAIL: 'x', PART_FILL: 'x', FULL_FILL: 'x', CANCEL: 'x', EXPIRE: 'x', REPLACE: 'x' },
  FAILED: { SUBMIT: 'x', REJECT: 'x', FAIL: '=', PART_FILL: 'x', FULL_FILL: 'x', CANCEL: 'x', EXPIRE: 'x', REPLACE: 'x' },
};

const outcome = (order: Order, result: ApplyResult): OrderStatus | '=' | 'x' => {
  if (!result.ok) return 'x';
  if (!result.changed) {
    expect(result.order).toBe(order);
    return '=';
  }
  return result.order.status;
};

describe('the transition table', () => {
  const cases = ORDER_STATUSES.flatMap((status) => COLUMNS.map((column) => [status, column, EXPECTED[status][column]] as const));

  it.each(cases)('%s + %s → %s', (status, column, expected) => {
    const order = orderIn[status]();
    expect(order.status).toBe(status);
    expect(outcome(order, applyEvent(order, eventFor(column, order)))).toBe(expected);
  });

  it('lets FILLED, REJECTED and FAILED orders accept nothing but harmless duplicates', () => {
    for (const status of ['FILLED', 'REJECTED', 'FAILED'] as const) {
      for (const kind of TRANSITIONS) expect([null, 'IGNORE']).toContain(transition(status, kind));
    }
  });

  it('never leaves a terminal status', () => {
    for (const status of ['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED', 'FAILED'] as const) {
      for (const kind of TRANSITIONS) expect([null, 'IGNORE', status]).toContain(transition(status, kind));
    }
  });

  it('has a row for every status', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
  });

  it('ends an order FILLED only when the whole quantity is filled', () => {
    expect(transition('SUBMITTED', 'PARTIAL_FILL')).toBe('PARTIALLY_FILLED');
    expect(transition('SUBMITTED', 'FULL_FILL')).toBe('FILLED');
    expect(transition('PARTIALLY_FILLED', 'REPLACE_TO_FILLED')).toBe('FILLED');
  });
});

describe('applyEvent', () => {
  it('bumps the version and stamps updatedAt only when something changed', () => {
    const pending = aPendingOrder();
    expect(pending).toMatchObject({ status: 'PENDING', version: 1, createdAt: CREATED_AT, updatedAt: CREATED_AT, fills: [], filledQuantity: 0 });
    const result = applyEvent(pending, submitted(BROKER_ORDER_ID, LATER));
    expect(result).toEqual({ ok: true, changed: true, order: { ...pending, status: 'SUBMITTED', brokerOrderId: BROKER_ORDER_ID, version: 2, updatedAt: LATER } });
    if (!result.ok) return;
    const again = applyEvent(result.order, submitted(BROKER_ORDER_ID, '2026-03-02T14:00:00.000Z'));
    expect(again).toEqual({ ok: true, changed: false, order: result.order });
  });

  it('does not mutate the order it is given', () => {
    const order = aSubmittedOrder();
    const snapshot = structuredClone(order);
    applyEvent(order, fillEvent({ quantity: 40 }));
    applyEvent(order, canceled());
    expect(order).toEqual(snapshot);
  });

  describe('fills', () => {
    it('moves to PARTIALLY_FILLED and then FILLED by cumulative quantity', () => {
      const order = orderAfter(aSubmittedOrder({ quantity: 300 }), fillEvent({ fillId: asFillId('a'), quantity: 100 }));
      expect(order).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: 100 });
      const done = orderAfter(order, fillEvent({ fillId: asFillId('b'), quantity: 200 }));
      expect(done).toMatchObject({ status: 'FILLED', filledQuantity: 300, version: 4 });
    });

    it('ignores a fill id it already applied, whatever happened since', () => {
      const order = aFilledOrder();
      const duplicate = fillEvent({ quantity: order.quantity });
      expect(applyEvent(order, duplicate)).toEqual({ ok: true, changed: false, order });
    });

    it('refuses the same fill id with a different quantity or price', () => {
      const order = aPartiallyFilledOrder({}, 50);
      expect(applyEvent(order, fillEvent({ quantity: 51 }))).toMatchObject({ ok: false, code: 'CONFLICTING_FILL' });
      expect(applyEvent(order, fillEvent({ quantity: 50, price: '38.51' as Price }))).toMatchObject({ ok: false, code: 'CONFLICTING_FILL' });
    });

    it('refuses a fill that would exceed the quantity, and accepts exactly the remainder', () => {
      const order = aPartiallyFilledOrder({}, 60);
      expect(applyEvent(order, fillEvent({ fillId: asFillId('b'), quantity: 41 }))).toMatchObject({ ok: false, code: 'OVERFILL' });
      expect(applyEvent(order, fillEvent({ fillId: asFillId('b'), quantity: 40 }))).toMatchObject({ ok: true, order: { status: 'FILLED', filledQuantity: 100 } });
    });

    it('records a fill that reaches a PENDING order before its ack, and the late ack is a no-op', () => {
      const filled = orderAfter(aPendingOrder(), { ...fillEvent({ quantity: 30 }), brokerOrderId: BROKER_ORDER_ID });
      expect(filled).toMatchObject({ status: 'PARTIALLY_FILLED', brokerOrderId: BROKER_ORDER_ID, filledQuantity: 30 });
      expect(applyEvent(filled, submitted())).toEqual({ ok: true, changed: false, order: filled });
    });

    it('lets a late ack name the broker order when the fill did not', () => {
      const filled = orderAfter(aPendingOrder(), fillEvent({ quantity: 30 }));
      expect(filled.brokerOrderId).toBeNull();
      expect(applyEvent(filled, submitted())).toMatchObject({ ok: true, changed: true, order: { status: 'PARTIALLY_FILLED', brokerOrderId: BROKER_ORDER_ID } });
    });

    it('records a fill that raced the cancel, without reviving the order', () => {
      const order = aCanceledOrder();
      const result = applyEvent(order, fillEvent({ quantity: 40 }));
      expect(result).toMatchObject({ ok: true, changed: true, order: { status: 'CANCELED', filledQuantity: 40, averageFillPrice: '38.5' } });
    });

    it('refuses a fill for a REJECTED or FAILED order: the broker never worked it', () => {
      for (const order of [orderAfter(aPendingOrder(), rejected()), orderAfter(aPendingOrder(), failed())]) {
        expect(applyEvent(order, fillEvent())).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
      }
    });

    it.each([
      ['a zero quantity', { quantity: 0 }],
      ['a fractional quantity', { quantity: 1.5 }],
      ['a padded price', { price: '38.50' as Price }],
      ['a zero price', { price: '0' as Price }],
      ['an empty id', { fillId: '' as FillId }],
    ])('refuses a fill with %s', (_name, fill) => {
      expect(applyEvent(aSubmittedOrder(), fillEvent(fill))).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
    });
  });

  describe('average fill price', () => {
    it('is the exact quantity-weighted average, rounded half-even to 4 decimals', () => {
      const fills = [aFill({ fillId: asFillId('a'), quantity: 100, price: '38.01' as Price }), aFill({ fillId: asFillId('b'), quantity: 200, price: '38.02' as Price })];
      expect(averageFillPrice(fills)).toBe('38.0167'); // 38.01666…
      const order = orderAfter(aSubmittedOrder({ quantity: 300 }), ...fills.map((fill) => ({ type: 'FILL' as const, fill, at: LATER })));
      expect(order.averageFillPrice).toBe('38.0167');
    });

    it('breaks ties towards the even last digit', () => {
      const pair = (a: string, b: string) => [aFill({ fillId: asFillId('a'), quantity: 1, price: a as Price }), aFill({ fillId: asFillId('b'), quantity: 1, price: b as Price })];
      expect(averageFillPrice(pair('38.0001', '38.0002'))).toBe('38.0002'); // 38.00015 → up to even
      expect(averageFillPrice(pair('38.0002', '38.0003'))).toBe('38.0002'); // 38.00025 → down to even
    });

    it('is exact where floats are not', () => {
      // (0.1 + 0.2) / 2 in floats is 0.15000000000000002.
      const fills = [aFill({ fillId: asFillId('a'), quantity: 1, price: '0.1' as Price }), aFill({ fillId: asFillId('b'), quantity: 1, price: '0.2' as Price })];
      expect(averageFillPrice(fills)).toBe('0.15');
      expect(averageFillPrice([])).toBeNull();
    });
  });

  describe('acks, rejects and failures', () => {
    it('refuses an ack for an order we marked FAILED: the broker has it after all', () => {
      const order = orderAfter(aPendingOrder(), failed('bridge timeout'));
      expect(order).toMatchObject({ status: 'FAILED', rejectReason: 'bridge timeout' });
      expect(applyEvent(order, submitted())).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    });

    it('keeps the broker reason of a rejection', () => {
      expect(orderAfter(aSubmittedOrder(), rejected('price out of band'))).toMatchObject({ status: 'REJECTED', rejectReason: 'price out of band' });
    });

    it('refuses an event that names another broker order', () => {
      const other = asBrokerOrderId('BRK-2');
      const order = aSubmittedOrder();
      expect(applyEvent(order, submitted(other))).toMatchObject({ ok: false, code: 'BROKER_ID_MISMATCH' });
      expect(applyEvent(order, { ...fillEvent(), brokerOrderId: other })).toMatchObject({ ok: false, code: 'BROKER_ID_MISMATCH' });
      expect(applyEvent(order, { ...canceled(), brokerOrderId: BROKER_ORDER_ID })).toMatchObject({ ok: true, order: { status: 'CANCELED' } });
    });

    it('refuses an ack without a broker id and any event without a time', () => {
      expect(applyEvent(aPendingOrder(), submitted('' as BrokerOrderId))).toMatchObject({ code: 'INVALID_EVENT' });
      expect(applyEvent(aPendingOrder(), canceled(''))).toMatchObject({ code: 'INVALID_EVENT' });
    });
  });

  describe('cancel and expiry', () => {
    it('refuses a cancel after FILLED', () => {
      expect(applyEvent(aFilledOrder(), canceled())).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    });

    it('cancels a partially filled order and keeps its fills', () => {
      expect(orderAfter(aPartiallyFilledOrder({}, 40), canceled())).toMatchObject({ status: 'CANCELED', filledQuantity: 40 });
    });

    it('treats a duplicate cancel as a no-op', () => {
      const order = aCanceledOrder();
      expect(applyEvent(order, canceled(LATER))).toEqual({ ok: true, changed: false, order });
    });
  });

  describe('replace', () => {
    it('changes price and quantity, keeping the status', () => {
      const order = orderAfter(aPartiallyFilledOrder({ quantity: 300 }, 100), replaced(1, { price: '38.4', quantity: 500 }));
      expect(order).toMatchObject({ status: 'PARTIALLY_FILLED', price: '38.4', quantity: 500, replaceSequence: 1, filledQuantity: 100 });
    });

    it('ignores a duplicate or an older confirmation that arrives late', () => {
      const newer = orderAfter(aSubmittedOrder(), replaced(2, { price: '38.3' }));
      expect(applyEvent(newer, replaced(1, { price: '38.4' }))).toEqual({ ok: true, changed: false, order: newer });
      expect(applyEvent(newer, replaced(2, { price: '38.3' }))).toEqual({ ok: true, changed: false, order: newer });
      expect(newer.price).toBe('38.3');
    });

    it('refuses a quantity below what is filled, and completes the order at exactly what is filled', () => {
      const order = aPartiallyFilledOrder({ quantity: 300 }, 100);
      expect(applyEvent(order, replaced(1, { quantity: 99 }))).toMatchObject({ ok: false, code: 'BELOW_FILLED' });
      expect(applyEvent(order, replaced(1, { quantity: 100 }))).toMatchObject({ ok: true, order: { status: 'FILLED', quantity: 100 } });
    });

    it('lets a raised quantity take a fill it refused before', () => {
      const order = aSubmittedOrder({ quantity: 100 });
      const big = fillEvent({ fillId: asFillId('big'), quantity: 150 });
      expect(applyEvent(order, big)).toMatchObject({ ok: false, code: 'OVERFILL' });
      const raised = orderAfter(order, replaced(1, { quantity: 200 }));
      expect(applyEvent(raised, big)).toMatchObject({ ok: true, order: { status: 'PARTIALLY_FILLED', filledQuantity: 150 } });
    });

    it.each([
      ['no change at all', { type: 'REPLACE', sequence: 1, at: LATER }],
      ['sequence 0', { type: 'REPLACE', sequence: 0, price: '38' as Price, at: LATER }],
      ['a padded price', { type: 'REPLACE', sequence: 1, price: '38.40' as Price, at: LATER }],
      ['a zero quantity', { type: 'REPLACE', sequence: 1, quantity: 0, at: LATER }],
    ] as const)('refuses a replace with %s', (_name, event) => {
      expect(applyEvent(aSubmittedOrder(), event)).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
    });

    it('refuses a price for an order type without a limit price', () => {
      expect(applyEvent(aSubmittedOrder({ type: 'MARKET', price: null }), replaced(1, { price: '38' }))).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
    });
  });

  it('applies a sequence and reports which event was refused', () => {
    const result = applyEvents(aPendingOrder(), [submitted(), fillEvent({ quantity: 100 }), canceled()]);
    expect(result).toMatchObject({ ok: false, index: 2, code: 'INVALID_TRANSITION' });
  });
});
