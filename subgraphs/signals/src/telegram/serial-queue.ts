/**
 * Bounded FIFO worked by one consumer: items are delivered one at a time in arrival order (an edit never
 * overtakes the message it edits), and a full queue refuses instead of growing without bound.
 */
export interface SerialQueue<T> {
  /** False when the queue is full or closed: the caller must refuse the item (so its sender retries). */
  offer(item: T): boolean;
  /** Items waiting, not counting the one being delivered. */
  readonly size: number;
  /** Resolves when nothing is waiting or being delivered. */
  idle(): Promise<void>;
  /**
   * Stops accepting and waits up to `timeoutMs` for what is queued; what is still waiting then is dropped
   * and returned so the caller can log it.
   */
  close(timeoutMs: number): Promise<T[]>;
}

export interface SerialQueueOptions<T> {
  limit: number;
  deliver(item: T): Promise<void>;
  /** A failed delivery is reported and the queue moves on: one bad item must not stall the rest. */
  onError(error: unknown, item: T): void;
}

export function createSerialQueue<T>(options: SerialQueueOptions<T>): SerialQueue<T> {
  if (!Number.isInteger(options.limit) || options.limit < 1) throw new Error('queue limit must be a positive integer');
  const waiting: T[] = [];
  let running = false;
  let closed = false;
  let idleWaiters: Array<() => void> = [];

  const settleIdle = (): void => {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const work = async (): Promise<void> => {
    running = true;
    for (let item = waiting.shift(); item !== undefined; item = waiting.shift()) {
      try {
        await options.deliver(item);
      } catch (error) {
        try {
          options.onError(error, item);
        } catch {
          // a throwing reporter must not end the worker and strand the queue
        }
      }
    }
    running = false;
    settleIdle();
  };

  const idle = (): Promise<void> => (running || waiting.length > 0 ? new Promise((resolve) => idleWaiters.push(resolve)) : Promise.resolve());

  return {
    offer(item) {
      if (closed || waiting.length >= options.limit) return false;
      waiting.push(item);
      if (!running) void work();
      return true;
    },
    get size() {
      return waiting.length;
    },
    idle,
    async close(timeoutMs) {
      closed = true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([idle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
      return waiting.splice(0, waiting.length);
    },
  };
}
