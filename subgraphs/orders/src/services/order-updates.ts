import { createAsyncQueue } from '@b3/kit';
import type { Order } from '../domain/order-model';

/** How far a subscriber may fall behind before its stream ends with an error instead of losing updates. */
const UPDATE_QUEUE = 10_000;

/**
 * In-process fan-out of order changes to each account's `orderUpdates` subscribers. Every change is
 * delivered, in the order published; never conflated, never silently dropped.
 */
export class OrderUpdates {
  private readonly watchers = new Map<string, Set<(order: Order) => void>>();

  publish(order: Order): void {
    this.watchers.get(order.account)?.forEach((notify) => notify(order));
  }

  subscribe(account: string): AsyncIterableIterator<Order> {
    const notify = (order: Order): void => queue.push(order);
    const queue = createAsyncQueue<Order>({
      limit: UPDATE_QUEUE,
      onClose: () => {
        const set = this.watchers.get(account);
        set?.delete(notify);
        if (set?.size === 0) this.watchers.delete(account);
      },
    });
    const set = this.watchers.get(account) ?? new Set();
    set.add(notify);
    this.watchers.set(account, set);
    return queue;
  }
}
