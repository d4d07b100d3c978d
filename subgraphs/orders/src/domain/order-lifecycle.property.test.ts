import type { Price } from '@b3/kit';
import fc from 'fast-check';
import { aPendingOrder, BROKER_ORDER_ID } from './order-builders';
import { applyEvent, averageFillPrice, REFUSAL_CODES, type OrderEvent, type RefusalCode } from './order-lifecycle';
import { asBrokerOrderId, asFillId, ORDER_STATUSES, type Order, type OrderStatus } from './order-model';

/**
 * Property tests: random streams of broker callbacks (acks, fills with repeated and conflicting ids, in any
 * order, cancels, expiries, replaces with stale sequences, rejects, failures, events for another broker
 * order) against one order. Whatever arrives, the order stays legal, and duplicated delivery is harmless.
 */

const OTHER_BROKER_ORDER = asBrokerOrderId('BRK-2');
const PRICES = ['10', '10.01', '10.5', '11.25'] as const;

/** Status changes a correct lifecycle may make, written out independently of the table. */
const LEGAL_CHANGES = new Set<string>([
  ...['SUBMITTED', 'REJECTED', 'FAILED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'EXPIRED'].map((to) => `PENDING>${to}`),
  ...['REJECTED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'EXPIRED'].map((to) => `SUBMITTED>${to}`),
  ...['FILLED', 'CANCELED', 'EXPIRED'].map((to) => `PARTIALLY_FILLED>${to}`),
]);
const FROZEN: readonly OrderStatus[] = ['FILLED', 'REJECTED', 'FAILED'];
const FILL_ONLY: readonly OrderStatus[] = ['CANCELED', 'EXPIRED'];

type Spec =
  | { kind: 'SUBMIT'; other: boolean }
  | { kind: 'REJECT' | 'FAIL' | 'CANCEL' | 'EXPIRE' }
  | { kind: 'FILL'; slot: number; named: boolean }
  | { kind: 'CONFLICTING_FILL'; slot: number }
  | { kind: 'REPLACE'; sequence: number; quantity: number | null; price: string | null };

const specArb: fc.Arbitrary<Spec> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('SUBMIT' as const), other: fc.nat(9).map((n) => n === 0) /* 1 in 10 names another broker order */ }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('REJECT' as const, 'FAIL' as const, 'CANCEL' as const, 'EXPIRE' as const) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('FILL' as const), slot: fc.nat(5), named: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('CONFLICTING_FILL' as const), slot: fc.nat(5) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('REPLACE' as const),
      sequence: fc.integer({ min: 1, max: 6 }),
      quantity: fc.option(fc.integer({ min: 1, max: 30 })),
      price: fc.option(fc.constantFrom(...PRICES)),
    }),
  },
);

const scenarioArb = fc.record({
  quantity: fc.integer({ min: 1, max: 30 }),
  pool: fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 8 }), price: fc.constantFrom(...PRICES) }), { minLength: 1, maxLength: 6 }),
  specs: fc.array(specArb, { maxLength: 30 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

const at = (i: number): string => new Date(Date.UTC(2026, 2, 2, 13, 0, i)).toISOString();

function eventsOf({ pool, specs }: Scenario): OrderEvent[] {
  return specs.map((spec, i): OrderEvent => {
    const time = at(i + 1);
    switch (spec.kind) {
      case 'SUBMIT':
        return { type: 'SUBMIT', brokerOrderId: spec.other ? OTHER_BROKER_ORDER : BROKER_ORDER_ID, at: time };
      case 'REJECT':
      case 'FAIL':
        return { type: spec.kind, reason: `${spec.kind} at ${i}`, at: time };
      case 'CANCEL':
      case 'EXPIRE':
        return { type: spec.kind, at: time };
      case 'FILL':
      case 'CONFLICTING_FILL': {
        const slot = spec.slot % pool.length;
        const { quantity, price } = pool[slot];
        const fill = { fillId: asFillId(`fill-${slot}`), quantity: spec.kind === 'FILL' ? quantity : quantity + 1, price: price as Price, time };
        return spec.kind === 'FILL' && spec.named ? { type: 'FILL', fill, brokerOrderId: BROKER_ORDER_ID, at: time } : { type: 'FILL', fill, at: time };
      }
      case 'REPLACE':
        return {
          type: 'REPLACE',
          sequence: spec.sequence,
          ...(spec.quantity === null ? {} : { quantity: spec.quantity }),
          ...(spec.price === null ? {} : { price: spec.price as Price }),
          at: time,
        };
    }
  });
}

const startOrder = (quantity: number): Order => aPendingOrder({ symbol: 'PETR4F', quantity, price: '10' });

function checkInvariants(order: Order): void {
  expect(ORDER_STATUSES).toContain(order.status);
  expect(Number.isSafeInteger(order.filledQuantity)).toBe(true);
  expect(order.filledQuantity).toBeGreaterThanOrEqual(0);
  expect(order.quantity - order.filledQuantity).toBeGreaterThanOrEqual(0); // remaining never negative
  expect(order.filledQuantity).toBe(order.fills.reduce((sum, f) => sum + f.quantity, 0));
  expect(new Set(order.fills.map((f) => f.fillId)).size).toBe(order.fills.length);
  expect(order.averageFillPrice).toBe(averageFillPrice(order.fills));
  if (order.status === 'PENDING' || order.status === 'SUBMITTED') expect(order.filledQuantity).toBe(0);
  if (order.status === 'PARTIALLY_FILLED') expect(order.filledQuantity).toBeGreaterThan(0);
  if (order.status === 'PARTIALLY_FILLED') expect(order.filledQuantity).toBeLessThan(order.quantity);
  if (order.status === 'FILLED') expect(order.filledQuantity).toBe(order.quantity);
}

/** The order with what a late fill may change on a CANCELED/EXPIRED order blanked out. */
const withoutFills = ({ fills: _f, filledQuantity: _q, averageFillPrice: _a, version: _v, updatedAt: _u, ...rest }: Order) => rest;

interface Run {
  final: Order;
  accepted: OrderEvent[];
  refusals: RefusalCode[];
}

/** Applies every event (refusals leave the order as it was, as the service would), checking each step. */
function run(start: Order, events: readonly OrderEvent[], check = true): Run {
  let order = start;
  const accepted: OrderEvent[] = [];
  const refusals: RefusalCode[] = [];
  for (const event of events) {
    const result = applyEvent(order, event);
    if (!result.ok) {
      refusals.push(result.code);
      continue;
    }
    accepted.push(event);
    const next = result.order;
    if (check) {
      checkInvariants(next);
      if (result.changed) expect(next.version).toBe(order.version + 1);
      else expect(next).toBe(order);
      if (next.status !== order.status) expect(LEGAL_CHANGES).toContain(`${order.status}>${next.status}`);
      if (FROZEN.includes(order.status)) expect(next).toBe(order);
      if (FILL_ONLY.includes(order.status)) expect(withoutFills(next)).toEqual(withoutFills(order));
    }
    order = next;
  }
  return { final: order, accepted, refusals };
}

describe('order lifecycle properties', () => {
  it('never reaches an illegal state, whatever the callbacks and their order', () => {
    const reached = new Set<OrderStatus>();
    const refused = new Set<RefusalCode>();
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { final, refusals } = run(startOrder(scenario.quantity), eventsOf(scenario));
        checkInvariants(final);
        reached.add(final.status);
        refusals.forEach((code) => refused.add(code));
      }),
      { numRuns: 500 },
    );
    // The generator really exercises every status and every kind of refusal (INVALID_EVENT: a replace that
    // carries neither a price nor a quantity).
    expect([...reached].sort()).toEqual([...ORDER_STATUSES].sort());
    expect([...refused].sort()).toEqual([...REFUSAL_CODES].sort());
  });

  it('treats a repeat of any accepted callback as a no-op, however late it arrives', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        let order = startOrder(scenario.quantity);
        const seen: OrderEvent[] = [];
        for (const event of eventsOf(scenario)) {
          const result = applyEvent(order, event);
          if (!result.ok) continue;
          order = result.order;
          seen.push(event);
          for (const earlier of seen) expect(applyEvent(order, earlier)).toEqual({ ok: true, changed: false, order });
        }
      }),
    );
  });

  it('ends the same when every callback is delivered twice in a row', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const events = eventsOf(scenario);
        const once = run(startOrder(scenario.quantity), events, false).final;
        const twice = run(startOrder(scenario.quantity), events.flatMap((e) => [e, e])).final;
        expect(twice).toEqual(once);
      }),
    );
  });

  it('ends the same when the whole stream is replayed, unless a replay retries a fill a replace made room for', () => {
    let compared = 0;
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const events = eventsOf(scenario);
        const first = run(startOrder(scenario.quantity), events);
        const replayed = run(startOrder(scenario.quantity), [...events, ...events]);
        const again = run(startOrder(scenario.quantity), [...events, ...events, ...events]);
        // OVERFILL is the one refusal that can be cured (a later replace raising the quantity), so a replay may
        // rightly record that fill. Even then replaying settles after one round.
        expect(again.final).toEqual(replayed.final);
        if (!first.refusals.includes('OVERFILL')) {
          compared += 1;
          expect(replayed.final).toEqual(first.final);
        }
      }),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(50); // the strict comparison really ran
  });

  it('reaches the same quantities and average whatever order distinct fills arrive in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 50 }), price: fc.constantFrom(...PRICES) }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 100 }),
        fc.infiniteStream(fc.nat()),
        (fills, spare, keys) => {
          const total = fills.reduce((sum, f) => sum + f.quantity, 0);
          const events: OrderEvent[] = fills.map((f, i) => ({
            type: 'FILL',
            fill: { fillId: asFillId(`fill-${i}`), quantity: f.quantity, price: f.price as Price, time: at(i) },
            brokerOrderId: BROKER_ORDER_ID, // callbacks name the broker order, so fills before the ack still link it
            at: at(i),
          }));
          const sortKeys = [...keys.take(events.length)];
          const shuffled = events.map((e, i) => [sortKeys[i], e] as const).sort((a, b) => a[0] - b[0]).map(([, e]) => e);
          const start = startOrder(total + spare);
          const inOrder = run(start, [{ type: 'SUBMIT', brokerOrderId: BROKER_ORDER_ID, at: at(0) }, ...events]).final;
          const outOfOrder = run(start, [...shuffled, { type: 'SUBMIT', brokerOrderId: BROKER_ORDER_ID, at: at(0) }]).final;
          for (const order of [inOrder, outOfOrder]) {
            expect(order.filledQuantity).toBe(total);
            expect(order.status).toBe(spare === 0 ? 'FILLED' : 'PARTIALLY_FILLED');
          }
          expect(outOfOrder.averageFillPrice).toBe(inOrder.averageFillPrice);
          expect(outOfOrder.brokerOrderId).toBe(BROKER_ORDER_ID);
        },
      ),
    );
  });
});
