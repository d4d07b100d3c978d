import type { Price } from '@b3/kit';
import type { BrokerOrderId, Order } from '../domain/order-model';
import type { BrokerOrderView, BrokerViewStatus } from '../domain/order-reconciliation';
import type { Issue, NewOrderFields, ReplaceChange } from '../domain/order-validation';

/**
 * How the order service reaches the market: venue/bridge-execution.ts implements it over the native
 * bridge's routing fields, test/fake-venue.ts as an in-memory venue. Commands go out; what happened comes
 * back as venue order snapshots (ProfitDLL reports each order's cumulative state, not executions), which
 * the service turns into lifecycle events. Snapshots may repeat and arrive late; the lifecycle makes that
 * harmless.
 */

/** One order as the venue last reported it. */
export interface VenueOrder {
  readonly brokerOrderId: BrokerOrderId;
  readonly symbol: string;
  readonly side: string;
  /** As the venue names it (MARKET, LIMIT, STOP_LIMIT…). */
  readonly type: string;
  /** Null before the venue acknowledged it (e.g. PENDING_NEW): nothing for our lifecycle yet. */
  readonly status: BrokerViewStatus | null;
  /** What reconciliation compares with; null when `status` is. */
  readonly view: BrokerOrderView | null;
  /** The venue's own status name (e.g. PENDING_CANCEL), for telling a refusal from a step on the way. */
  readonly venueStatus: string;
  /** The order's current total quantity and limit at the venue (they move with a confirmed replace). */
  readonly quantity: number;
  readonly price: Price | null;
  readonly stopPrice: Price | null;
  /** The venue's text, e.g. why a replace or cancel was refused. */
  readonly message: string | null;
  /** When the venue created the order (ISO 8601), to tie an order we lost track of back to ours. */
  readonly createdAt: string | null;
  /** When the venue last changed it (ISO 8601): stamps the events derived from this snapshot. */
  readonly at: string;
}

/** The venue answered and did not take the command: nothing happened at the market. */
export class VenueRefusedError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'VenueRefusedError';
  }
}

/** The command's outcome is unknown (no answer): it may or may not have reached the market. */
export class VenueUnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VenueUnreachableError';
  }
}

export interface ExecutionPort {
  /** What this venue cannot honour for an otherwise valid order (e.g. a time in force it has no code for). */
  unsupported(order: NewOrderFields): Issue<'timeInForce' | 'type'> | null;
  /**
   * Sends a PENDING order the store has already written and returns the venue's id for it. Throws
   * VenueRefusedError when the venue refused it (certainly not routed) and VenueUnreachableError when the
   * outcome is unknown (reconciliation settles it).
   */
  route(order: Order): Promise<BrokerOrderId>;
  /** Asks to cancel; CANCELED arrives as a snapshot. */
  cancel(order: Order): Promise<void>;
  /** Asks to change price and/or quantity (the new total); the confirmation arrives as a snapshot. */
  replace(order: Order, change: ReplaceChange): Promise<void>;
  /** Whether the venue order has exactly the instrument, side, type, quantity and prices `order` would be routed with. */
  describes(order: Order, venue: VenueOrder): boolean;
  /** Every order the venue holds for us, for reconciliation after a restart or a dropped connection. */
  orders(): Promise<VenueOrder[]>;
  /** Snapshots as they happen; returns an unsubscribe function. */
  onOrder(listener: (order: VenueOrder) => void): () => void;
  /** Each (re)connection of the update stream, after which the service reconciles what a drop may have hidden. */
  onConnected(listener: () => void): () => void;
  close(): Promise<void>;
}
