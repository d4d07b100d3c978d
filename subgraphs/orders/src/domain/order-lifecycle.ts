import { isPrice, type Price } from '@b3/kit';
import {
  hasLimitPrice,
  isTerminal,
  type BrokerOrderId,
  type Fill,
  type Order,
  type OrderId,
  type OrderStatus,
} from './order-model';
import type { NewOrderFields } from './order-validation';
import { formatPriceUnits, notionalUnits, type PriceUnits, roundHalfEven } from './money';

/**
 * The order lifecycle: one table, (status, transition) → next status, and one pure function, `applyEvent`,
 * that is the only way an order's status changes (STYLE.md §4, smell 6).
 *
 * Events are facts, not requests. SUBMIT is the broker's acknowledgement, CANCEL its confirmation that the
 * order is cancelled, and so on; a trader's "cancel this" is a command the service sends to the broker, and
 * only the broker's answer becomes an event. That is why the table accepts some facts earlier than a
 * request flow would (see below): a fact that already happened at the broker cannot be refused, only
 * recorded.
 *
 * Broker callbacks arrive duplicated and out of order, so `applyEvent` is idempotent and tolerant:
 * - A fill whose fillId was already applied changes nothing (`changed: false`); the same id with a different
 *   quantity or price is refused (CONFLICTING_FILL), since one of the two reports is wrong.
 * - A replace whose sequence is not newer than the last applied one changes nothing, so a duplicate or a late
 *   older confirmation cannot undo a newer replace.
 * - A late ack (SUBMIT) after a fill or on a finished order changes nothing; a duplicate terminal event
 *   (CANCEL on CANCELED…) changes nothing. These are IGNORE cells in the table.
 * - Fills, cancels and expiries are accepted on a PENDING order: the broker can report them before the
 *   service has processed the ack (the fill callback may run before the routing call returns). The ack
 *   arriving afterwards is then a no-op. Refusing them would lose a real execution. Such callbacks should
 *   carry `brokerOrderId`: an order that finishes before its ack is processed learns its broker id only from
 *   them, since a finished order ignores the late ack.
 * - A replace confirmation is accepted on a PENDING order for the same reason, so no refusal depends on
 *   whether the ack happened to be processed first. A replace down to exactly the filled quantity completes
 *   the order (REPLACE_TO_FILLED): a fill raced the replace and nothing is left to trade.
 * - A fill arriving after CANCELED or EXPIRED is recorded and the status stays: the execution happened at the
 *   venue before the cancel took effect (the classic cancel/fill race), and positions must equal the sum of
 *   fills. This is the one change a terminal order still accepts; FILLED, REJECTED and FAILED orders never
 *   change again.
 * - A SUBMIT on a FAILED order is refused, not ignored: FAILED means we established that the broker never
 *   saw the order, so an ack proves that wrong and a person must look (an unmanaged live order is money
 *   at risk).
 * - A cancel on a FILLED order is refused: it contradicts the fills.
 * - Every refusal is permanent for the order except OVERFILL (see REFUSAL_CODES), which is what makes
 *   "replaying the whole callback stream changes nothing" hold; the property tests check it.
 *
 * averageFillPrice is recomputed from all fills each time: Σ(quantity × price) / Σ quantity, exact in 1/10,000
 * units and rounded half-even to 4 decimals (the DECIMAL(18,4) scale), so it never drifts the way an
 * incrementally updated average would.
 */

export const INITIAL_STATUS = 'PENDING' satisfies OrderStatus;

/** When an event happened in our clock (ISO 8601); becomes `updatedAt` if the event changes the order. */
interface Timed {
  readonly at: string;
}

/** Broker callbacks may name the broker's order; a working or PENDING order without a broker id yet adopts it. */
interface FromBroker {
  readonly brokerOrderId?: BrokerOrderId;
}

export type SubmitEvent = Timed & { readonly type: 'SUBMIT'; readonly brokerOrderId: BrokerOrderId };
export type RejectEvent = Timed & FromBroker & { readonly type: 'REJECT'; readonly reason: string };
/** Routing failed before the broker saw the order (a bridge error, not a broker answer). */
export type FailEvent = Timed & { readonly type: 'FAIL'; readonly reason: string };
export type FillEvent = Timed & FromBroker & { readonly type: 'FILL'; readonly fill: Fill };
export type CancelEvent = Timed & FromBroker & { readonly type: 'CANCEL' };
export type ExpireEvent = Timed & FromBroker & { readonly type: 'EXPIRE' };
/**
 * The broker confirmed a replace. `sequence` is the number the service gave the replace request (1, 2, …
 * per order); it lets a late or duplicated confirmation be told apart from a newer one.
 */
export type ReplaceEvent = Timed & {
  readonly type: 'REPLACE';
  readonly sequence: number;
  readonly price?: Price;
  readonly quantity?: number;
};

export type OrderEvent = SubmitEvent | RejectEvent | FailEvent | FillEvent | CancelEvent | ExpireEvent | ReplaceEvent;
export const ORDER_EVENT_TYPES = ['SUBMIT', 'REJECT', 'FAIL', 'FILL', 'CANCEL', 'EXPIRE', 'REPLACE'] as const satisfies readonly OrderEvent['type'][];

/**
 * The table's columns. FILL and REPLACE each split in two by their effect on the quantity, so whether an
 * order ends FILLED is read from the table like every other transition instead of being an `if` elsewhere.
 */
export const TRANSITIONS = ['SUBMIT', 'REJECT', 'FAIL', 'PARTIAL_FILL', 'FULL_FILL', 'CANCEL', 'EXPIRE', 'REPLACE', 'REPLACE_TO_FILLED'] as const;
export type Transition = (typeof TRANSITIONS)[number];

/** A cell: the next status (possibly the same one, with the event's effects applied), or a harmless no-op. */
export type Cell = OrderStatus | 'IGNORE';

/** Anything absent is refused as INVALID_TRANSITION. */
export const ORDER_TRANSITIONS = {
  PENDING: {
    SUBMIT: 'SUBMITTED',
    REJECT: 'REJECTED',
    FAIL: 'FAILED',
    PARTIAL_FILL: 'PARTIALLY_FILLED',
    FULL_FILL: 'FILLED',
    CANCEL: 'CANCELED',
    EXPIRE: 'EXPIRED',
    REPLACE: 'PENDING',
  },
  SUBMITTED: {
    SUBMIT: 'SUBMITTED', // duplicate ack: nothing new to record, so no change
    REJECT: 'REJECTED',
    PARTIAL_FILL: 'PARTIALLY_FILLED',
    FULL_FILL: 'FILLED',
    CANCEL: 'CANCELED',
    EXPIRE: 'EXPIRED',
    REPLACE: 'SUBMITTED',
  },
  PARTIALLY_FILLED: {
    SUBMIT: 'PARTIALLY_FILLED', // late ack: records the broker id if the fill came without one
    PARTIAL_FILL: 'PARTIALLY_FILLED',
    FULL_FILL: 'FILLED',
    CANCEL: 'CANCELED',
    EXPIRE: 'EXPIRED',
    REPLACE: 'PARTIALLY_FILLED',
    REPLACE_TO_FILLED: 'FILLED', // quantity reduced to what a racing fill already filled
  },
  FILLED: { SUBMIT: 'IGNORE' },
  CANCELED: { SUBMIT: 'IGNORE', CANCEL: 'IGNORE', PARTIAL_FILL: 'CANCELED', FULL_FILL: 'CANCELED' },
  EXPIRED: { SUBMIT: 'IGNORE', EXPIRE: 'IGNORE', PARTIAL_FILL: 'EXPIRED', FULL_FILL: 'EXPIRED' },
  REJECTED: { SUBMIT: 'IGNORE', REJECT: 'IGNORE' },
  FAILED: { FAIL: 'IGNORE' },
} as const satisfies Readonly<Record<OrderStatus, Partial<Record<Transition, Cell>>>>;

/** Looks a transition up in the table; null when the table does not allow it. */
export function transition(status: OrderStatus, kind: Transition): Cell | null {
  const row: Partial<Record<Transition, Cell>> = ORDER_TRANSITIONS[status];
  return row[kind] ?? null;
}

/**
 * Why an event was refused. All are permanent for the given order except OVERFILL, which a later replace
 * raising the quantity can cure (a fill that overtook the replace confirmation); the service may hold such a
 * fill and retry it after the next replace, and reconciliation catches it otherwise.
 */
export const REFUSAL_CODES = ['INVALID_EVENT', 'INVALID_TRANSITION', 'BROKER_ID_MISMATCH', 'CONFLICTING_FILL', 'OVERFILL', 'BELOW_FILLED'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export type ApplyResult = { ok: true; order: Order; changed: boolean } | { ok: false; code: RefusalCode; reason: string };

const refuse = (code: RefusalCode, reason: string): ApplyResult => ({ ok: false, code, reason });
const unchanged = (order: Order): ApplyResult => ({ ok: true, order, changed: false });

/** A new order, PENDING: written before it is routed, so a crash after this point cannot lose it. */
export function createOrder(fields: NewOrderFields, identity: { id: OrderId; at: string }): Order {
  return {
    id: identity.id,
    ...fields,
    status: INITIAL_STATUS,
    filledQuantity: 0,
    averageFillPrice: null,
    brokerOrderId: null,
    rejectReason: null,
    fills: [],
    replaceSequence: 0,
    version: 1,
    createdAt: identity.at,
    updatedAt: identity.at,
  };
}

/** Exact quantity-weighted average of the fills, rounded half-even to 4 decimals; null without fills. */
export function averageFillPrice(fills: readonly Fill[]): Price | null {
  if (fills.length === 0) return null;
  let quantity = 0n;
  let notional = 0n;
  for (const fill of fills) {
    quantity += BigInt(fill.quantity);
    notional += notionalUnits(fill.quantity, fill.price);
  }
  return formatPriceUnits(roundHalfEven(notional, quantity) as PriceUnits);
}

const isPositiveInteger = (value: number): boolean => Number.isSafeInteger(value) && value > 0;

/** Malformed payloads can only come from a bug in the bridge mapping; they are refused, never half-applied. */
function payloadProblem(order: Order, event: OrderEvent): string | null {
  if (typeof event.at !== 'string' || event.at === '') return 'the event has no time';
  switch (event.type) {
    case 'SUBMIT':
      return event.brokerOrderId ? null : 'an ack needs the broker order id';
    case 'FILL': {
      const { fillId, quantity, price } = event.fill;
      if (!fillId) return 'a fill needs an id';
      if (!isPositiveInteger(quantity)) return `fill ${fillId} has quantity ${quantity}; expected a positive whole number`;
      if (!isPrice(price)) return `fill ${fillId} has price ${JSON.stringify(price)}; expected a positive canonical decimal`;
      return null;
    }
    case 'REPLACE':
      if (!isPositiveInteger(event.sequence)) return `replace sequence ${event.sequence} is not a positive whole number`;
      if (event.price === undefined && event.quantity === undefined) return 'a replace must carry a price or a quantity';
      if (event.quantity !== undefined && !isPositiveInteger(event.quantity)) return `replace quantity ${event.quantity} is not a positive whole number`;
      if (event.price !== undefined && !isPrice(event.price)) return `replace price ${JSON.stringify(event.price)} is not a positive canonical decimal`;
      if (event.price !== undefined && !hasLimitPrice(order.type)) return `a ${order.type} order has no limit price to replace`;
      return null;
    default:
      return null;
  }
}

/** The column an event falls in, given the order it is applied to. */
function classify(order: Order, event: OrderEvent): Transition {
  switch (event.type) {
    case 'FILL':
      return order.filledQuantity + event.fill.quantity >= order.quantity ? 'FULL_FILL' : 'PARTIAL_FILL';
    case 'REPLACE':
      return (event.quantity ?? order.quantity) === order.filledQuantity ? 'REPLACE_TO_FILLED' : 'REPLACE';
    default:
      return event.type;
  }
}

/** The event's own effects, on top of the status the table chose. */
function effects(order: Order, event: OrderEvent, status: OrderStatus): Order {
  const next: Order = { ...order, status };
  switch (event.type) {
    case 'SUBMIT':
      return { ...next, brokerOrderId: order.brokerOrderId ?? event.brokerOrderId };
    case 'REJECT':
    case 'FAIL':
      return { ...next, rejectReason: event.reason };
    case 'FILL': {
      const fills = [...order.fills, event.fill];
      return { ...next, fills, filledQuantity: order.filledQuantity + event.fill.quantity, averageFillPrice: averageFillPrice(fills) };
    }
    case 'REPLACE':
      return { ...next, quantity: event.quantity ?? order.quantity, price: event.price ?? order.price, replaceSequence: event.sequence };
    default:
      return next;
  }
}

/**
 * A broker callback naming the broker order gives an order without a broker id its id, even when the
 * callback is otherwise a duplicate. A finished order keeps the identity it finished with (its only
 * remaining change is a late fill).
 */
function withBrokerId(order: Order, named: BrokerOrderId | undefined): Order {
  return named && !order.brokerOrderId && !isTerminal(order.status) ? { ...order, brokerOrderId: named } : order;
}

/** The fields an event can change; fills only ever grow, so their count stands for them. */
function sameState(a: Order, b: Order): boolean {
  return (
    a.status === b.status &&
    a.brokerOrderId === b.brokerOrderId &&
    a.rejectReason === b.rejectReason &&
    a.fills.length === b.fills.length &&
    a.quantity === b.quantity &&
    a.price === b.price &&
    a.replaceSequence === b.replaceSequence
  );
}

/**
 * Applies one event. Pure: returns a new order (version + 1, updatedAt = event.at) when something changed,
 * the same order object with `changed: false` for a duplicate or late no-op, or a refusal with a code.
 */
export function applyEvent(order: Order, event: OrderEvent): ApplyResult {
  const problem = payloadProblem(order, event);
  if (problem) return refuse('INVALID_EVENT', problem);

  const named = 'brokerOrderId' in event ? event.brokerOrderId : undefined;
  if (named && order.brokerOrderId && named !== order.brokerOrderId) {
    return refuse('BROKER_ID_MISMATCH', `the event is for broker order ${named}, but this order is broker order ${order.brokerOrderId}`);
  }
  const identified = withBrokerId(order, named);

  // Identity before status: a duplicate is harmless whatever has happened to the order since.
  if (event.type === 'FILL') {
    const known = order.fills.find((f) => f.fillId === event.fill.fillId);
    if (known) {
      return known.quantity === event.fill.quantity && known.price === event.fill.price
        ? settle(order, identified, event)
        : refuse('CONFLICTING_FILL', `fill ${known.fillId} was recorded as ${known.quantity} @ ${known.price}, now reported as ${event.fill.quantity} @ ${event.fill.price}`);
    }
  }
  if (event.type === 'REPLACE' && event.sequence <= order.replaceSequence) return settle(order, identified, event);

  const kind = classify(order, event);
  const cell = transition(order.status, kind);
  if (cell === null) return refuse('INVALID_TRANSITION', `${event.type} cannot be applied to a ${order.status} order`);
  if (cell === 'IGNORE') return settle(order, identified, event);

  if (event.type === 'FILL' && order.filledQuantity + event.fill.quantity > order.quantity) {
    return refuse('OVERFILL', `fill ${event.fill.fillId} of ${event.fill.quantity} would exceed the order: ${order.filledQuantity} of ${order.quantity} already filled`);
  }
  if (event.type === 'REPLACE' && event.quantity !== undefined && event.quantity < order.filledQuantity) {
    return refuse('BELOW_FILLED', `cannot reduce the quantity to ${event.quantity}: ${order.filledQuantity} already filled`);
  }
  return settle(order, effects(identified, event, cell), event);
}

/** The same order back when nothing changed (so callers can skip the write), else the next version. */
function settle(before: Order, after: Order, event: OrderEvent): ApplyResult {
  if (sameState(before, after)) return unchanged(before);
  return { ok: true, order: { ...after, version: before.version + 1, updatedAt: event.at }, changed: true };
}

/** Applies events in order, stopping at the first refusal (which reports the event's index). */
export function applyEvents(
  order: Order,
  events: readonly OrderEvent[],
): { ok: true; order: Order; changed: boolean } | { ok: false; index: number; code: RefusalCode; reason: string } {
  let current = order;
  let changed = false;
  for (const [index, event] of events.entries()) {
    const result = applyEvent(current, event);
    if (!result.ok) return { ok: false, index, code: result.code, reason: result.reason };
    current = result.order;
    changed ||= result.changed;
  }
  return { ok: true, order: current, changed };
}
