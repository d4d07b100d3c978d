import { createAsyncQueue } from './async-queue';

/**
 * In-process fan-out of events to subscription streams: each subscriber gets its own lossless bounded
 * queue (a reader `limit` events behind has its stream ended with an error rather than silently losing
 * events), optionally only the events it accepts, and leaves the fan-out when its stream closes.
 */
export interface FanOut<T> {
  publish(event: T): void;
  subscribe(accepts?: (event: T) => boolean): AsyncIterableIterator<T>;
  readonly subscribers: number;
}

export function createFanOut<T>(options: { limit: number; /** Called when the last subscriber leaves. */ onIdle?: () => void }): FanOut<T> {
  const watchers = new Set<(event: T) => void>();
  return {
    publish(event) {
      watchers.forEach((notify) => notify(event));
    },
    subscribe(accepts) {
      const notify = (event: T): void => {
        if (!accepts || accepts(event)) queue.push(event);
      };
      const queue = createAsyncQueue<T>({
        limit: options.limit,
        onClose: () => {
          if (watchers.delete(notify) && watchers.size === 0) options.onIdle?.();
        },
      });
      watchers.add(notify);
      return queue;
    },
    get subscribers() {
      return watchers.size;
    },
  };
}
