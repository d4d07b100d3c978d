/**
 * A bounded async iterator fed by push(): what a subscription resolver returns. With `conflateBy`, a
 * slow consumer sees only the newest value per key (market data); without it, overflow ends the
 * stream with an error rather than silently dropping events.
 */
export interface AsyncQueue<T> extends AsyncIterableIterator<T> {
  push(value: T): void;
  end(error?: Error): void;
  readonly size: number;
}

export interface AsyncQueueOptions<T> {
  limit: number;
  conflateBy?: (value: T) => string;
  onClose?: () => void;
  /** Lossless queues only: called when the consumer fell `limit` events behind, just before the stream ends. */
  onOverflow?: () => void;
}

export function createAsyncQueue<T>(options: AsyncQueueOptions<T>): AsyncQueue<T> {
  const pending = new Map<string, T>();
  let seq = 0;
  let waiting: ((result: IteratorResult<T>) => void) | null = null;
  let waitingReject: ((error: Error) => void) | null = null;
  let done = false;
  let failure: Error | null = null;

  const close = (): void => {
    if (done) return;
    done = true;
    options.onClose?.();
  };

  const take = (): T | undefined => {
    const first = pending.entries().next();
    if (first.done) return undefined;
    pending.delete(first.value[0]);
    return first.value[1];
  };

  const queue: AsyncQueue<T> = {
    get size() {
      return pending.size;
    },
    push(value) {
      if (done) return;
      if (waiting) {
        const resolve = waiting;
        waiting = waitingReject = null;
        resolve({ value, done: false });
        return;
      }
      if (options.conflateBy) {
        const key = options.conflateBy(value);
        pending.delete(key); // re-insert so the key moves to the back, keeping arrival order
        pending.set(key, value);
        if (pending.size > options.limit) take();
        return;
      }
      if (pending.size >= options.limit) {
        options.onOverflow?.();
        queue.end(new Error(`subscriber fell ${options.limit} events behind`));
        return;
      }
      pending.set(String(seq++), value);
    },
    end(error) {
      if (done) return;
      failure = error ?? null;
      close();
      if (waiting) {
        const resolve = waiting;
        const reject = waitingReject;
        waiting = waitingReject = null;
        if (failure && reject) reject(failure);
        else resolve({ value: undefined, done: true });
      }
    },
    next() {
      const value = take();
      if (value !== undefined) return Promise.resolve({ value, done: false });
      if (failure) return Promise.reject(failure);
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => {
        waiting = resolve;
        waitingReject = reject;
      });
    },
    return() {
      pending.clear();
      queue.end();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error?: unknown) {
      queue.end(error instanceof Error ? error : new Error(String(error)));
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return queue;
    },
  };
  return queue;
}
