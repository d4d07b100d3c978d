import { unauthenticated, type Viewer } from '@b3/kit';
import { checkNewOrder, type Order, type OrderId, type OrderRequest } from '../domain/order';
import { INITIAL_STATUS, type OrderStatus } from '../domain/order-state';
import { OrderErrors } from '../errors';
import type { OrderStore } from '../store/order.store';

const MAX_LIMIT = 200;

/** Orders are private: every read is scoped to the caller's own account. */
export class OrderService {
  constructor(private readonly store: OrderStore) {}

  async place(request: OrderRequest, trader: Viewer): Promise<Order> {
    const { order, issues } = checkNewOrder(request);
    if (issues.length > 0) throw OrderErrors.invalid(issues);
    return this.store.create(order, trader.id, INITIAL_STATUS);
  }

  async list(viewer: Viewer, filter: { status?: OrderStatus; symbol?: string; limit?: number }): Promise<Order[]> {
    const limit = filter.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw OrderErrors.limitOutOfRange(MAX_LIMIT);
    return this.store.list({ accountId: viewer.id, status: filter.status, symbol: filter.symbol?.trim().toUpperCase(), limit });
  }

  /** DataLoader batch function: results in the order of `ids`, null where missing or not the viewer's. */
  async visibleByIds(viewer: Viewer | null, ids: readonly OrderId[]): Promise<Array<Order | null>> {
    if (!viewer) throw unauthenticated();
    const found = new Map((await this.store.byIds(ids)).filter((o) => o.accountId === viewer.id).map((o) => [o.id, o]));
    return ids.map((id) => found.get(id) ?? null);
  }
}
