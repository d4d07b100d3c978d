import type { NewOrder, Order, OrderId } from '../domain/order';
import type { OrderStatus } from '../domain/order-state';

export interface OrderQuery {
  accountId: string;
  status?: OrderStatus;
  symbol?: string;
  limit: number;
}

export interface OrderStore {
  create(order: NewOrder, accountId: string, status: OrderStatus): Promise<Order>;
  /** Newest first. */
  list(query: OrderQuery): Promise<Order[]>;
  byIds(ids: readonly OrderId[]): Promise<Order[]>;
}
