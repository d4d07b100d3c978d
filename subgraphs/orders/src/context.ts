import type { SubgraphContext } from '@b3/kit';
import DataLoader from 'dataloader';
import type { Order, OrderId } from './domain/order-model';
import type { KillSwitchService } from './services/kill-switch.service';
import type { OrderService } from './services/order.service';
import type { PositionService, PositionView } from './services/position.service';
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
  /** Always set by the app; likewise optional for tests that do not need positions. */
  positions?: PositionService;
  loaders: {
    /** Scoped to the request's viewer: an order they may not see loads as null. */
    order: DataLoader<OrderId, Order | null>;
    /** The viewer's own position by symbol (Ticker.position); null for anonymous callers. */
    position: DataLoader<string, PositionView | null>;
  };
}

export function createOrdersContext(base: SubgraphContext, orders: OrderService, riskServices?: RiskServices, positions?: PositionService): OrdersContext {
  return {
    ...base,
    orders,
    riskServices,
    positions,
    loaders: {
      order: new DataLoader((ids) => orders.visibleByIds(base.viewer, ids)),
      position: new DataLoader(async (symbols) => {
        if (!positions) throw new Error('The position service is not configured in this context');
        return positions.ownPositions(base.viewer, symbols);
      }),
    },
  };
}
