import type { Price } from '@b3/kit';
import {
  applyEvents,
  createOrder,
  type CancelEvent,
  type ExpireEvent,
  type FailEvent,
  type FillEvent,
  type OrderEvent,
  type RejectEvent,
  type ReplaceEvent,
  type SubmitEvent,
} from './order-lifecycle';
import { asBrokerOrderId, asFillId, asOrderId, type Fill, type Order } from './order-model';
import { validateOrder, type NewOrderFields, type OrderInput } from './order-validation';

/**
 * Test-data builders for the order domain, in the spirit of nautilus_trader's stubs: each returns a valid
 * value with sensible defaults, and a test overrides only what it is about. Orders in a given status are
 * built by applying events from a new order, never by setting `status`, so a builder cannot produce a
 * state the lifecycle could not reach. Builders throw on misuse: a refused event here is a bug in the test.
 */

export const CREATED_AT = '2026-03-02T13:00:00.000Z';
export const EVENT_AT = '2026-03-02T13:00:01.000Z';
export const BROKER_ORDER_ID = asBrokerOrderId('BRK-1');

/** A valid LIMIT BUY of 100 PETR4 at 38.5, DAY. */
export function anOrderInput(overrides: Partial<OrderInput> = {}): OrderInput {
  return {
    idempotencyKey: 'key-00000001',
    account: 'acc-1',
    symbol: 'PETR4',
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'DAY',
    quantity: 100,
    price: '38.5',
    stopPrice: null,
    ...overrides,
  };
}

export function newOrderFields(overrides: Partial<OrderInput> = {}): NewOrderFields {
  const result = validateOrder(anOrderInput(overrides));
  if (!result.ok) throw new Error(`order builder: invalid input ${JSON.stringify(result.issues)}`);
  return result.order;
}

export function aPendingOrder(overrides: Partial<OrderInput> = {}, id = 'ord-1'): Order {
  return createOrder(newOrderFields(overrides), { id: asOrderId(id), at: CREATED_AT });
}

/** Applies events that must all be accepted. */
export function orderAfter(order: Order, ...events: OrderEvent[]): Order {
  const result = applyEvents(order, events);
  if (!result.ok) throw new Error(`order builder: event ${result.index} refused (${result.code}): ${result.reason}`);
  return result.order;
}

export function aSubmittedOrder(overrides: Partial<OrderInput> = {}): Order {
  return orderAfter(aPendingOrder(overrides), submitted());
}

/** Submitted, then one fill of `filled` (default: half the quantity). */
export function aPartiallyFilledOrder(overrides: Partial<OrderInput> = {}, filled?: number): Order {
  const order = aSubmittedOrder(overrides);
  return orderAfter(order, fillEvent({ quantity: filled ?? Math.max(1, Math.floor(order.quantity / 2)) }));
}

export function aFilledOrder(overrides: Partial<OrderInput> = {}): Order {
  const order = aSubmittedOrder(overrides);
  return orderAfter(order, fillEvent({ quantity: order.quantity }));
}

export function aCanceledOrder(overrides: Partial<OrderInput> = {}): Order {
  return orderAfter(aSubmittedOrder(overrides), canceled());
}

export function aFill(overrides: Partial<Fill> = {}): Fill {
  return { fillId: asFillId('fill-1'), quantity: 100, price: '38.5' as Price, time: EVENT_AT, ...overrides };
}

export const submitted = (brokerOrderId = BROKER_ORDER_ID, at = EVENT_AT): SubmitEvent => ({ type: 'SUBMIT', brokerOrderId, at });
export const rejected = (reason = 'insufficient margin', at = EVENT_AT): RejectEvent => ({ type: 'REJECT', reason, at });
export const failed = (reason = 'bridge not logged in', at = EVENT_AT): FailEvent => ({ type: 'FAIL', reason, at });
export const canceled = (at = EVENT_AT): CancelEvent => ({ type: 'CANCEL', at });
export const expired = (at = EVENT_AT): ExpireEvent => ({ type: 'EXPIRE', at });
export const fillEvent = (fill: Partial<Fill> = {}, at = EVENT_AT): FillEvent => ({ type: 'FILL', fill: aFill(fill), at });
export const replaced = (sequence: number, change: { price?: string; quantity?: number }, at = EVENT_AT): ReplaceEvent => ({
  type: 'REPLACE',
  sequence,
  ...(change.price === undefined ? {} : { price: change.price as Price }),
  ...(change.quantity === undefined ? {} : { quantity: change.quantity }),
  at,
});
