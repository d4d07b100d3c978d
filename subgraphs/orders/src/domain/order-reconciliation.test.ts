import type { Price } from '@b3/kit';
import fc from 'fast-check';
import {
  aCanceledOrder,
  aFill,
  aFilledOrder,
  aPartiallyFilledOrder,
  aPendingOrder,
  aSubmittedOrder,
  BROKER_ORDER_ID,
  failed,
  fillEvent,
  orderAfter,
} from './order-builders';
import { applyEvents } from './order-lifecycle';
import { asBrokerOrderId, asFillId, type Order } from './order-model';
import { cumulativeFillId, fillFromCumulative, reconcile, type BrokerOrderView, type Reconciliation } from './order-reconciliation';

const NOW = '2026-03-03T09:00:00.000Z';
const view = (overrides: Partial<BrokerOrderView> = {}): BrokerOrderView => ({
  brokerOrderId: BROKER_ORDER_ID,
  status: 'SUBMITTED',
  filledQuantity: 0,
  averagePrice: null,
  ...overrides,
});

/** Applies an APPLY result and checks that reconciling again finds nothing left to do. */
const settle = (order: Order, result: Reconciliation): Order => {
  if (result.kind !== 'APPLY') throw new Error(`expected APPLY, got ${JSON.stringify(result)}`);
  const applied = applyEvents(order, result.events);
  if (!applied.ok) throw new Error(applied.reason);
  expect(applied.order).toEqual(result.order);
  return applied.order;
};

describe('reconcile: orders the broker does not know', () => {
  it('resubmits a PENDING order that never reached the broker', () => {
    expect(reconcile(aPendingOrder(), null, NOW)).toEqual({ kind: 'RESUBMIT' });
  });

  it('never resubmits an order the broker acknowledged', () => {
    expect(reconcile(aSubmittedOrder(), null, NOW)).toMatchObject({ kind: 'MISMATCH' });
    expect(reconcile(aPartiallyFilledOrder(), null, NOW)).toMatchObject({ kind: 'MISMATCH' });
  });

  it('leaves finished orders alone: brokers forget them', () => {
    expect(reconcile(aFilledOrder(), null, NOW)).toEqual({ kind: 'IN_SYNC' });
    expect(reconcile(orderAfter(aPendingOrder(), failed()), null, NOW)).toEqual({ kind: 'IN_SYNC' });
  });
});

describe('reconcile: orders the broker knows', () => {
  it('acknowledges a PENDING order the broker is working', () => {
    const order = aPendingOrder();
    const result = reconcile(order, view(), NOW);
    expect(result).toMatchObject({ kind: 'APPLY', events: [{ type: 'SUBMIT', brokerOrderId: BROKER_ORDER_ID, at: NOW }] });
    const fixed = settle(order, result);
    expect(fixed.status).toBe('SUBMITTED');
    expect(reconcile(fixed, view(), NOW)).toEqual({ kind: 'IN_SYNC' });
  });

  it('brings a PENDING order the broker filled to FILLED, with a fill derived from the average', () => {
    const order = aPendingOrder();
    const result = reconcile(order, view({ status: 'FILLED', filledQuantity: 100, averagePrice: '38.5' }), NOW);
    const fixed = settle(order, result);
    expect(fixed).toMatchObject({ status: 'FILLED', filledQuantity: 100, averageFillPrice: '38.5', brokerOrderId: BROKER_ORDER_ID });
    expect(fixed.fills).toEqual([{ fillId: cumulativeFillId(BROKER_ORDER_ID, 100), quantity: 100, price: '38.5', time: NOW }]);
    expect(reconcile(fixed, view({ status: 'FILLED', filledQuantity: 100, averagePrice: '38.5' }), NOW)).toEqual({ kind: 'IN_SYNC' });
  });

  it('derives the missing fill so that our average matches the broker’s', () => {
    // We have 40 @ 38.5; the broker says 100 @ 38.53 on average, so the other 60 went at 38.55.
    const order = aPartiallyFilledOrder({ quantity: 200 }, 40);
    const fixed = settle(order, reconcile(order, view({ status: 'PARTIALLY_FILLED', filledQuantity: 100, averagePrice: '38.53' }), NOW));
    expect(fixed.fills.map((f) => [f.quantity, f.price])).toEqual([
      [40, '38.5'],
      [60, '38.55'],
    ]);
    expect(fixed).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: 100, averageFillPrice: '38.53' });
  });

  it('uses a broker average with more decimals than a price has, exactly', () => {
    const order = aSubmittedOrder({ quantity: 300 });
    const fixed = settle(order, reconcile(order, view({ status: 'FILLED', filledQuantity: 300, averagePrice: '38.016666666667' }), NOW));
    expect(fixed.averageFillPrice).toBe('38.0167');
  });

  it('prefers the broker’s own fills when it gives them, oldest first, skipping those we have', () => {
    const order = aPartiallyFilledOrder({ quantity: 300 }, 100); // our fill-1: 100 @ 38.5
    const fills = [
      aFill({ fillId: asFillId('fill-3'), quantity: 50, price: '38.4' as Price, time: '2026-03-02T13:00:03.000Z' }),
      aFill({ fillId: asFillId('fill-1'), quantity: 100 }),
      aFill({ fillId: asFillId('fill-2'), quantity: 150, price: '38.45' as Price, time: '2026-03-02T13:00:02.000Z' }),
    ];
    const result = reconcile(order, view({ status: 'FILLED', filledQuantity: 300, averagePrice: '38.4667', fills }), NOW);
    expect(result.kind === 'APPLY' && result.events.map((e) => (e.type === 'FILL' ? e.fill.fillId : e.type))).toEqual(['fill-2', 'fill-3']);
    expect(settle(order, result)).toMatchObject({ status: 'FILLED', filledQuantity: 300 });
  });

  it('records fills the broker made before cancelling, then the cancel', () => {
    const order = aSubmittedOrder();
    const result = reconcile(order, view({ status: 'CANCELED', filledQuantity: 30, averagePrice: '38.5' }), NOW);
    expect(result.kind === 'APPLY' && result.events.map((e) => e.type)).toEqual(['FILL', 'CANCEL']);
    expect(settle(order, result)).toMatchObject({ status: 'CANCELED', filledQuantity: 30 });
  });

  it('records a fill that raced a cancel we already have', () => {
    const order = aCanceledOrder();
    const fixed = settle(order, reconcile(order, view({ status: 'CANCELED', filledQuantity: 20, averagePrice: '38.49' }), NOW));
    expect(fixed).toMatchObject({ status: 'CANCELED', filledQuantity: 20 });
  });

  it('rejects a PENDING order the broker rejected, keeping the broker’s reason', () => {
    const order = aPendingOrder();
    const fixed = settle(order, reconcile(order, view({ status: 'REJECTED', rejectReason: 'no margin' }), NOW));
    expect(fixed).toMatchObject({ status: 'REJECTED', rejectReason: 'no margin', brokerOrderId: BROKER_ORDER_ID });
  });

  it('expires a working order the broker expired', () => {
    expect(settle(aSubmittedOrder(), reconcile(aSubmittedOrder(), view({ status: 'EXPIRED' }), NOW)).status).toBe('EXPIRED');
  });

  it('derives nothing when the quantities agree, whatever ids the live fills used', () => {
    const order = orderAfter(aSubmittedOrder(), fillEvent({ fillId: asFillId('exec-77'), quantity: 60 }));
    expect(reconcile(order, view({ status: 'PARTIALLY_FILLED', filledQuantity: 60, averagePrice: '38.5' }), NOW)).toEqual({ kind: 'IN_SYNC' });
  });

  it('finds nothing to do when both agree', () => {
    expect(reconcile(aPartiallyFilledOrder({}, 50), view({ status: 'PARTIALLY_FILLED', filledQuantity: 50, averagePrice: '38.5' }), NOW)).toEqual({ kind: 'IN_SYNC' });
    expect(reconcile(aFilledOrder(), view({ status: 'FILLED', filledQuantity: 100, averagePrice: '38.5' }), NOW)).toEqual({ kind: 'IN_SYNC' });
  });
});

describe('reconcile: what it will not paper over', () => {
  it.each<[string, Order, BrokerOrderView]>([
    ['the broker has fewer fills than we do', aPartiallyFilledOrder({}, 50), view({ status: 'PARTIALLY_FILLED', filledQuantity: 20, averagePrice: '38.5' })],
    ['the broker still works an order we think cancelled', aCanceledOrder(), view({ status: 'SUBMITTED' })],
    ['the broker cancelled an order we think filled', aFilledOrder(), view({ status: 'CANCELED', filledQuantity: 100, averagePrice: '38.5' })],
    ['the broker filled more than the order', aSubmittedOrder(), view({ status: 'FILLED', filledQuantity: 200, averagePrice: '38.5' })],
    ['the broker says FILLED short of our quantity', aSubmittedOrder({ quantity: 300 }), view({ status: 'FILLED', filledQuantity: 200, averagePrice: '38.5' })],
    ['the view is of another broker order', aSubmittedOrder(), view({ brokerOrderId: asBrokerOrderId('BRK-9') })],
    ['the broker reports fills without an average', aSubmittedOrder(), view({ status: 'PARTIALLY_FILLED', filledQuantity: 10 })],
    ['the average cannot include our fills', aPartiallyFilledOrder({}, 50), view({ status: 'FILLED', filledQuantity: 100, averagePrice: '10' })],
    ['a negative filled quantity', aSubmittedOrder(), view({ filledQuantity: -1 })],
    ['the broker rejected an order that has fills', aPartiallyFilledOrder({}, 50), view({ status: 'REJECTED', filledQuantity: 50, averagePrice: '38.5' })],
    ['the broker acknowledged an order we marked FAILED', orderAfter(aPendingOrder(), failed()), view()],
  ])('reports a mismatch when %s', (_name, order, brokerView) => {
    const result = reconcile(order, brokerView, NOW);
    expect(result.kind).toBe('MISMATCH');
    if (result.kind === 'MISMATCH') expect(result.reason.length).toBeGreaterThan(10);
  });
});

describe('fillFromCumulative', () => {
  const report = { brokerOrderId: BROKER_ORDER_ID, time: NOW };

  it('is STALE for a report that is not ahead of us (a late or repeated callback)', () => {
    const order = aPartiallyFilledOrder({}, 50);
    expect(fillFromCumulative(order, { ...report, cumulativeQuantity: 50, averagePrice: '38.5' }, NOW)).toEqual({ kind: 'STALE' });
    expect(fillFromCumulative(order, { ...report, cumulativeQuantity: 30, averagePrice: '38.5' }, NOW)).toEqual({ kind: 'STALE' });
  });

  it('gives one execution the same id by callback and by reconciliation', () => {
    const order = aSubmittedOrder();
    const live = fillFromCumulative(order, { ...report, cumulativeQuantity: 60, averagePrice: '38.5' }, NOW);
    if (live.kind !== 'FILL') throw new Error('expected a fill');
    const after = orderAfter(order, live.event);
    // A restart now reconciles the same state: nothing new.
    expect(reconcile(after, view({ status: 'PARTIALLY_FILLED', filledQuantity: 60, averagePrice: '38.5' }), NOW)).toEqual({ kind: 'IN_SYNC' });
    // The same callback delivered again is a duplicate fill, not a second one.
    expect(orderAfter(after, live.event)).toBe(after);
  });

  it.each([['38,5'], ['-38.5'], ['abc']])('is INVALID for an average of %s', (averagePrice) => {
    expect(fillFromCumulative(aSubmittedOrder(), { ...report, cumulativeQuantity: 10, averagePrice }, NOW)).toMatchObject({ kind: 'INVALID' });
  });

  it('keeps our average equal to the broker’s whenever the broker’s is on the 4-decimal scale', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 100 }), cents: fc.integer({ min: 1, max: 100_000 }) }), { minLength: 1, maxLength: 6 }),
        (executions) => {
          // The broker reports cumulative quantity and an exact average after each execution; when that
          // average happens to fit 4 decimals, ours must be identical, execution after execution.
          let order = aSubmittedOrder({ symbol: 'PETR4F', quantity: 999_999 });
          let quantity = 0n;
          let notional = 0n; // in cents
          for (const { quantity: q, cents } of executions) {
            quantity += BigInt(q);
            notional += BigInt(q) * BigInt(cents);
            if ((notional * 100n) % quantity !== 0n) continue; // broker average not exact at 4 decimals
            const units = (notional * 100n) / quantity;
            const averagePrice = `${units / 10_000n}.${(units % 10_000n).toString().padStart(4, '0')}`;
            const result = fillFromCumulative(order, { ...report, cumulativeQuantity: Number(quantity), averagePrice }, NOW);
            if (result.kind !== 'FILL') throw new Error(JSON.stringify(result));
            order = orderAfter(order, result.event);
            expect(order.filledQuantity).toBe(Number(quantity));
            expect(order.averageFillPrice).toBe(averagePrice.replace(/\.?0+$/, ''));
          }
        },
      ),
    );
  });
});

describe('reconcile properties', () => {
  it('always leaves an order that reconciles IN_SYNC against the same view', () => {
    const statuses = ['SUBMITTED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'EXPIRED', 'REJECTED'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom<() => Order>(aPendingOrder, aSubmittedOrder, () => aPartiallyFilledOrder({}, 40), aCanceledOrder),
        fc.constantFrom(...statuses),
        fc.integer({ min: 0, max: 120 }),
        fc.constantFrom('38.5', '38.47', '38.5123'),
        (build, status, filledQuantity, averagePrice) => {
          const order = build();
          const brokerView = view({ status, filledQuantity, averagePrice: filledQuantity > 0 ? averagePrice : null });
          const result = reconcile(order, brokerView, NOW);
          if (result.kind === 'APPLY') expect(reconcile(settle(order, result), brokerView, NOW)).toEqual({ kind: 'IN_SYNC' });
          else expect(['IN_SYNC', 'MISMATCH']).toContain(result.kind);
        },
      ),
    );
  });
});
