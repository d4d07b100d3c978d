import { createFanOut, type FanOut } from '@b3/kit';
import type { Order } from '../domain/order-model';

/** How far a subscriber may fall behind before its stream ends with an error instead of losing updates. */
const UPDATE_QUEUE = 10_000;

/**
 * In-process fan-out of order changes to each account's `orderUpdates` subscribers, one fan-out per account
 * so a change only reaches its own account's streams. Every change is delivered, in the order published;
 * never conflated, never silently dropped.
 */
export class OrderUpdates {
  private readonly byAccount = new Map<string, FanOut<Order>>();

  publish(order: Order): void {
    this.byAccount.get(order.account)?.publish(order);
  }

  subscribe(account: string): AsyncIterableIterator<Order> {
    let fanOut = this.byAccount.get(account);
    if (!fanOut) {
      // An account nobody watches any more leaves the map.
      const created = createFanOut<Order>({ limit: UPDATE_QUEUE, onIdle: () => this.byAccount.get(account) === created && this.byAccount.delete(account) });
      fanOut = created;
      this.byAccount.set(account, fanOut);
    }
    return fanOut.subscribe();
  }
}
