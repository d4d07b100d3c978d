import { applyEvent, type FillEvent, type OrderEvent } from './order-lifecycle';
import { isWorking, type BrokerOrderId, type Fill, type FillId, type Order, type OrderStatus } from './order-model';
import { formatPriceUnits, notionalUnits, PRICE_SCALE, type PriceUnits, roundHalfEven } from './money';

/**
 * Restart reconciliation: compares an order we stored with what the broker says about it and returns the
 * events that bring ours in line, all of them already checked to apply cleanly. Pure, like the lifecycle:
 * the service fetches the broker's order list, calls this per PENDING/SUBMITTED/PARTIALLY_FILLED order and
 * applies (and persists) the events.
 *
 * Decisions:
 * - A PENDING order the broker does not know was never routed (we write PENDING before routing, so a crash
 *   in between leaves exactly this). It is safe to route it again, because the order keeps its idempotency
 *   key and id, so the result is RESUBMIT rather than FAIL: the trader asked for the order and nothing went
 *   wrong at the market. The caller must be sure "not found" really means not routed: look the order up by
 *   the id we sent with it, and if the broker's list is incomplete or ambiguous treat it as a MISMATCH, since
 *   routing twice is the one mistake this module exists to prevent. (ProfitDLL's ClOrderID appears to be
 *   assigned by the broker, so the service needs its own way to tie a routed order back to ours.)
 * - A SUBMITTED/PARTIALLY_FILLED order the broker does not know is a MISMATCH, never a resubmit: the broker
 *   acknowledged it once, so routing it again could double it.
 * - A finished order the broker no longer lists is IN_SYNC: brokers forget finished orders.
 * - Anything the events cannot explain (fewer fills at the broker than ours, a live order we think is
 *   cancelled, a cancel of an order we think filled) is a MISMATCH with a reason, for a person to settle.
 *
 * When the broker gives no per-execution fills (ProfitDLL reports cumulative quantity and average price per
 * order), the missing quantity becomes one fill derived by `fillFromCumulative`, whose id is derived from the
 * cumulative quantity. The live callback path should derive fill ids the same way; then a callback replayed
 * after reconciliation has the same id (or is stale) and is not counted twice.
 */

/** The broker's status mapped onto ours by the service (e.g. PARTIALLY_FILLED_CANCELED → CANCELED). */
export const BROKER_VIEW_STATUSES = ['SUBMITTED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'EXPIRED', 'REJECTED'] as const satisfies readonly OrderStatus[];
export type BrokerViewStatus = (typeof BROKER_VIEW_STATUSES)[number];

export interface BrokerOrderView {
  readonly brokerOrderId: BrokerOrderId;
  readonly status: BrokerViewStatus;
  /** Cumulative quantity the broker says executed. */
  readonly filledQuantity: number;
  /** The broker's average over all executions, as exact decimal text (any number of decimals). */
  readonly averagePrice: string | null;
  /** Per-execution fills, when the broker provides them; preferred over deriving one from the average. */
  readonly fills?: readonly Fill[];
  readonly rejectReason?: string | null;
}

export type Reconciliation =
  | { kind: 'IN_SYNC' }
  /** `order` is what applying `events` (only those that change something) produces. */
  | { kind: 'APPLY'; events: OrderEvent[]; order: Order }
  | { kind: 'RESUBMIT' }
  | { kind: 'MISMATCH'; reason: string };

/** What the broker reports after each execution when it has no execution ids. */
export interface CumulativeReport {
  readonly brokerOrderId: BrokerOrderId;
  readonly cumulativeQuantity: number;
  /** Average price over all `cumulativeQuantity`, exact decimal text. */
  readonly averagePrice: string;
  /** Execution time (ISO 8601) for the derived fill. */
  readonly time: string;
}

export type CumulativeFill = { kind: 'FILL'; event: FillEvent } | { kind: 'STALE' } | { kind: 'INVALID'; reason: string };

/**
 * A stable fill id from the cumulative quantity after the execution: per broker order it only grows, so
 * each execution gets one id whether it arrives by callback or by reconciliation.
 */
export const cumulativeFillId = (brokerOrderId: BrokerOrderId, cumulativeQuantity: number): FillId =>
  `${brokerOrderId}@${cumulativeQuantity}` as FillId;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Turns a cumulative report into the fill of the quantity we have not recorded yet. Its price is what makes
 * the averages agree: (broker average × broker cumulative − our notional) / missing quantity, exact, rounded
 * half-even to 4 decimals. STALE when the report is not ahead of us (a late or repeated callback). INVALID
 * when the numbers cannot be right (e.g. the derived price is not positive), which the caller must escalate.
 */
export function fillFromCumulative(order: Order, report: CumulativeReport, at: string): CumulativeFill {
  if (!Number.isSafeInteger(report.cumulativeQuantity) || report.cumulativeQuantity < 0) {
    return { kind: 'INVALID', reason: `cumulative quantity ${report.cumulativeQuantity} is not a whole number` };
  }
  const missing = report.cumulativeQuantity - order.filledQuantity;
  if (missing <= 0) return { kind: 'STALE' };
  const average = DECIMAL.exec(report.averagePrice);
  if (!average) return { kind: 'INVALID', reason: `average price ${JSON.stringify(report.averagePrice)} is not a plain decimal` };

  // Work at the finer of the two scales so the broker's average is used exactly, whatever its decimals.
  const averageScale = (average[2] ?? '').length;
  const scale = Math.max(averageScale, PRICE_SCALE);
  const averageDigits = BigInt(average[1] + (average[2] ?? ''));
  const theirs = averageDigits * BigInt(report.cumulativeQuantity) * 10n ** BigInt(scale - averageScale);
  const ours = order.fills.reduce((sum, f) => sum + notionalUnits(f.quantity, f.price), 0n) * 10n ** BigInt(scale - PRICE_SCALE);
  const units = roundHalfEven(theirs - ours, BigInt(missing) * 10n ** BigInt(scale - PRICE_SCALE));
  if (units <= 0n) {
    return { kind: 'INVALID', reason: `an average of ${report.averagePrice} over ${report.cumulativeQuantity} cannot include our fills (average ${order.averageFillPrice} over ${order.filledQuantity})` };
  }
  return {
    kind: 'FILL',
    event: {
      type: 'FILL',
      brokerOrderId: report.brokerOrderId,
      fill: { fillId: cumulativeFillId(report.brokerOrderId, report.cumulativeQuantity), quantity: missing, price: formatPriceUnits(units as PriceUnits), time: report.time },
      at,
    },
  };
}

const mismatch = (reason: string): Reconciliation => ({ kind: 'MISMATCH', reason });

/** Whether our status, after the events, says the same as the broker's. */
function agrees(ours: OrderStatus, theirs: BrokerViewStatus): boolean {
  return theirs === 'SUBMITTED' || theirs === 'PARTIALLY_FILLED' ? isWorking(ours) : ours === theirs;
}

/**
 * The events that make `order` match `view` (null: the broker has no such order). `at` stamps the events.
 * Calling it again after applying the result returns IN_SYNC.
 */
export function reconcile(order: Order, view: BrokerOrderView | null, at: string): Reconciliation {
  if (view === null) {
    if (order.status === 'PENDING') return { kind: 'RESUBMIT' };
    if (isWorking(order.status)) return mismatch(`the broker has no order for our ${order.status} order ${order.id}`);
    return { kind: 'IN_SYNC' };
  }
  if (order.brokerOrderId && order.brokerOrderId !== view.brokerOrderId) {
    return mismatch(`our order is broker order ${order.brokerOrderId}, the broker's view is of ${view.brokerOrderId}`);
  }
  if (!Number.isSafeInteger(view.filledQuantity) || view.filledQuantity < 0) {
    return mismatch(`the broker reports a filled quantity of ${view.filledQuantity}`);
  }

  const candidates: OrderEvent[] = [];
  const brokerOrderId = view.brokerOrderId;
  if (order.status === 'PENDING') candidates.push({ type: 'SUBMIT', brokerOrderId, at });

  if (view.fills) {
    const known = new Set(order.fills.map((f) => f.fillId));
    // Oldest first, so partial fills come before the one that completes the order, as they happened.
    const missing = view.fills.filter((f) => !known.has(f.fillId)).sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    for (const fill of missing) candidates.push({ type: 'FILL', brokerOrderId, fill, at });
  } else if (view.filledQuantity > order.filledQuantity) {
    if (view.averagePrice === null) return mismatch(`the broker reports ${view.filledQuantity} filled without an average price`);
    const derived = fillFromCumulative(order, { brokerOrderId, cumulativeQuantity: view.filledQuantity, averagePrice: view.averagePrice, time: at }, at);
    if (derived.kind === 'INVALID') return mismatch(derived.reason);
    if (derived.kind === 'FILL') candidates.push(derived.event);
  }

  if (view.status === 'CANCELED') candidates.push({ type: 'CANCEL', brokerOrderId, at });
  if (view.status === 'EXPIRED') candidates.push({ type: 'EXPIRE', brokerOrderId, at });
  if (view.status === 'REJECTED') candidates.push({ type: 'REJECT', brokerOrderId, reason: view.rejectReason ?? 'rejected by the broker (found on reconciliation)', at });

  // Dry run: only events that apply cleanly are returned, and only those that change something.
  let current = order;
  const events: OrderEvent[] = [];
  for (const event of candidates) {
    const result = applyEvent(current, event);
    if (!result.ok) return mismatch(`${event.type} does not apply: ${result.reason}`);
    if (result.changed) events.push(event);
    current = result.order;
  }

  if (current.filledQuantity !== view.filledQuantity) {
    return mismatch(`we have ${current.filledQuantity} filled, the broker ${view.filledQuantity}`);
  }
  if (!agrees(current.status, view.status)) return mismatch(`our order is ${current.status}, the broker's is ${view.status}`);
  return events.length === 0 ? { kind: 'IN_SYNC' } : { kind: 'APPLY', events, order: current };
}
