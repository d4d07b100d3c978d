import type { AppliedEvent } from '../domain/order-history';
import type { BrokerOrderId, IdempotencyKey, Order, OrderId, OrderStatus } from '../domain/order-model';

/**
 * What the order service needs from storage. The service owns this interface; prisma-order.store.ts is
 * the one implementation and the only code that touches Prisma.
 */

/** Where a page of an account's orders ends: newest first, the id breaking ties between equal times. */
export interface OrderCursor {
  readonly createdAt: string;
  readonly id: OrderId;
}

export interface OrderListQuery {
  readonly account: string;
  readonly status?: OrderStatus;
  readonly symbol?: string;
  readonly first: number;
  /** Orders strictly after this position (older, or as old with a smaller id). */
  readonly after?: OrderCursor;
}

export interface OrderPage {
  readonly orders: Order[];
  /** True when at least one more order matches after the last one returned. */
  readonly hasMore: boolean;
}

export type InsertResult = { order: Order; created: true } | { order: Order; created: false };

/**
 * `save` found the order at another version than the one the events were applied to: someone else wrote
 * it in between. Nothing was written; the caller reloads the order and applies its events again (the
 * lifecycle is idempotent, so events already recorded by the other writer become no-ops).
 */
export class OrderVersionConflictError extends Error {
  constructor(
    readonly orderId: OrderId,
    readonly expectedVersion: number,
  ) {
    super(`Order ${orderId} is no longer at version ${expectedVersion}; reload it and apply the events again`);
    this.name = 'OrderVersionConflictError';
  }
}

export interface OrderStore {
  /**
   * Writes a new PENDING order with its CREATE audit event. When the account already has an order with
   * the same idempotency key, writes nothing and returns that order (`created: false`); concurrent calls
   * with one key leave exactly one row, because the unique index decides, not a prior read.
   */
  insertPending(order: Order): Promise<InsertResult>;
  /**
   * Writes `order` as it is after `applied` (consecutive versions, the last equal to `order.version`),
   * together with its new fills and one audit row per applied event, in one transaction. Fails with
   * OrderVersionConflictError when the stored order is not at the version the events were applied to.
   */
  save(order: Order, applied: readonly AppliedEvent[]): Promise<void>;
  byId(id: OrderId): Promise<Order | null>;
  /** In no particular order; unknown ids are left out. */
  byIds(ids: readonly OrderId[]): Promise<Order[]>;
  byIdempotencyKey(account: string, key: IdempotencyKey): Promise<Order | null>;
  /** The orders the venue knows by these ids; in no particular order, unknown ids left out. */
  byBrokerOrderIds(ids: readonly BrokerOrderId[]): Promise<Order[]>;
  /** Newest first. */
  list(query: OrderListQuery): Promise<OrderPage>;
  /** SUBMITTED and PARTIALLY_FILLED orders (the broker may still trade them), of one account or all. */
  workingOrders(account?: string): Promise<Order[]>;
  /**
   * Orders whose state the broker may know better than we do after a restart: PENDING (written, perhaps
   * never routed), SUBMITTED and PARTIALLY_FILLED. Oldest first, the order they were placed in. All
   * accounts, or one account (and symbol).
   */
  pendingOrSubmitted(filter?: { account: string; symbol?: string }): Promise<Order[]>;
}
