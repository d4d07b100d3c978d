import { applyEvent, type OrderEvent, type RefusalCode } from './order-lifecycle';
import type { Order, OrderStatus } from './order-model';

/**
 * One change the lifecycle made to an order, as the audit trail records it beside the order. Only events
 * that changed something are recorded: a duplicate broker callback leaves no trace, so replaying a callback
 * stream adds no rows, and every recorded version is one the order really had.
 */
export interface AppliedEvent {
  readonly event: OrderEvent;
  readonly fromStatus: OrderStatus;
  readonly toStatus: OrderStatus;
  /** The order's version after the event: consecutive, starting at the version the events were applied to + 1. */
  readonly version: number;
}

export type RecordedApply =
  | { ok: true; order: Order; applied: AppliedEvent[] }
  | { ok: false; index: number; code: RefusalCode; reason: string };

/** `applyEvents` that also returns what to persist; stops at the first refusal like it does. */
export function applyAndRecord(order: Order, events: readonly OrderEvent[]): RecordedApply {
  let current = order;
  const applied: AppliedEvent[] = [];
  for (const [index, event] of events.entries()) {
    const result = applyEvent(current, event);
    if (!result.ok) return { ok: false, index, code: result.code, reason: result.reason };
    if (result.changed) applied.push({ event, fromStatus: current.status, toStatus: result.order.status, version: result.order.version });
    current = result.order;
  }
  return { ok: true, order: current, applied };
}
