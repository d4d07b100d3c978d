import type { SubgraphContext } from '@b3/kit';
import DataLoader from 'dataloader';
import type { Order, OrderId } from './domain/order-model';
import type { KillSwitchService } from './services/kill-switch.service';
import type { OrderService } from './services/order.service';
import type { RiskService } from './services/risk.service';

/** The risk side of the subgraph; optional so order-only tests need not build it. */
export interface RiskServices {
  risk: RiskService;
  killSwitch: KillSwitchService;
}

export interface OrdersContext extends SubgraphContext {
  orders: OrderService;
  /** Always set by the app; the risk resolver reports a configuration error when a test left it out. */
  riskServices?: RiskServices;
  /** Scoped to the request's viewer: an order they may not see loads as null. */
  loaders: { order: DataLoader<OrderId, Order | null> };
}

export function createOrdersContext(base: SubgraphContext, orders: OrderService, riskServices?: RiskServices): OrdersContext {
  return { ...base, orders, riskServices, loaders: { order: new DataLoader((ids) => orders.visibleByIds(base.viewer, ids)) } };
}
