import type { SubgraphContext } from '@b3/kit';
import DataLoader from 'dataloader';
import type { Order, OrderId } from './domain/order-model';
import type { OrderService } from './services/order.service';

export interface OrdersContext extends SubgraphContext {
  orders: OrderService;
  /** Scoped to the request's viewer: an order they may not see loads as null. */
  loaders: { order: DataLoader<OrderId, Order | null> };
}

export function createOrdersContext(base: SubgraphContext, orders: OrderService): OrdersContext {
  return { ...base, orders, loaders: { order: new DataLoader((ids) => orders.visibleByIds(base.viewer, ids)) } };
}
