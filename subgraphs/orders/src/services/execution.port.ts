import type { OrderEvent } from '../domain/order-lifecycle';
import type { Order, OrderId } from '../domain/order-model';
import type { BrokerOrderView } from '../domain/order-reconciliation';
import type { ReplaceChange } from '../domain/order-validation';

/**
 * How the order service reaches the market. Phase 2 implements it over the native bridge's routing
 * fields (native-bridge/src/graphql/routing.resolver.ts, called with the identity from
 * native-bridge/src/routing-caller.ts); a simulated venue can implement it for tests. Calls are commands:
 * their outcome arrives later as broker events (acks, fills, cancels), which the service applies with
 * the lifecycle and persists, and which must tolerate duplicates and reordering.
 */
export interface ExecutionPort {
  /** Sends a PENDING order that the store has already written. Throws when the bridge refused it outright. */
  route(order: Order): Promise<void>;
  cancel(order: Order): Promise<void>;
  /** `sequence` comes back in the REPLACE confirmation, so a late or repeated one is recognised. */
  replace(order: Order, change: ReplaceChange, sequence: number): Promise<void>;
  /**
   * The broker's view of one order, for `reconcile` after a restart; null only when the broker certainly
   * has no such order (see order-reconciliation.ts: "not found" must really mean "never routed").
   */
  brokerOrder(order: Order): Promise<BrokerOrderView | null>;
  /** Broker events for our orders, each naming the order it belongs to; returns an unsubscribe function. */
  onEvent(listener: (orderId: OrderId, event: OrderEvent) => void): () => void;
}
