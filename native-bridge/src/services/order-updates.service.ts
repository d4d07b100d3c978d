import { createAsyncQueue } from '@b3/kit';
import type { BrokerOrder, OrderRouter } from '../order-router';

const SUBSCRIBER_QUEUE = 1_024;

/** Order updates as a subscription stream: conflated per order, so a slow reader still ends on each order's latest state. */
export class OrderUpdatesService {
  stream(router: OrderRouter): AsyncIterableIterator<BrokerOrder> {
    const queue = createAsyncQueue<BrokerOrder>({
      limit: SUBSCRIBER_QUEUE,
      conflateBy: (order) => order.localOrderId,
      onClose: () => stop(),
    });
    const stop = router.onOrder((order) => queue.push(order));
    return queue;
  }
}
