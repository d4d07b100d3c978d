import { createAsyncQueue, unauthenticated, type Viewer } from '@b3/kit';
import { checkNewOrder, type Order, type OrderId, type OrderRequest } from '../domain/order';
import { INITIAL_STATUS, type OrderStatus } from '../domain/order-state';
import { OrderErrors } from '../errors';
import type { OrderStore } from '../store/order.store';

const MAX_LIMIT = 200;

const UPDATE_QUEUE = 10_000;

/** Orders are private: every read is scoped to the caller's own account. */
export class OrderService {
  private readonly watchers = new Map<string, Set<(order: Order) => void>>();

  constructor(private readonly store: OrderStore) {}

  async place(request: OrderRequest, trader: Viewer): Promise<Order> {
    const { order, issues } = checkNewOrder(request);
    if (issues.length > 0) throw OrderErrors.invalid(issues);
    const placed = await this.store.create(order, trader.id, INITIAL_STATUS);
    this.watchers.get(placed.accountId)?.forEach((notify) => notify(placed));
    return placed;
  }

  /** Every change to the viewer's own orders, in order; never conflated, never silently dropped. */
  updates(viewer: Viewer | null): AsyncIterableIterator<Order> {
    if (!viewer) throw unauthenticated();
    const notify = (order: Order): void => queue.push(order);
    const queue = createAsyncQueue<Order>({
      limit: UPDATE_QUEUE,
      onClose: () => this.watchers.get(viewer.id)?.delete(notify),
    });
    const set = this.watchers.get(viewer.id) ?? new Set();
    set.add(notify);
    this.watchers.set(viewer.id, set);
    return queue;
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
