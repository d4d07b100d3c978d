/**
 * Shares one pending promise between concurrent callers asking for the same key. The entry is dropped as
 * soon as the promise settles, so nothing is cached: a later caller starts a fresh request.
 */
export class InFlightDedupe<T> {
  private readonly pending = new Map<string, Promise<T>>();
  hits = 0;

  run(key: string, start: () => Promise<T>): Promise<T> {
    const existing = this.pending.get(key);
    if (existing) {
      this.hits += 1;
      return existing;
    }
    const promise = start().finally(() => this.pending.delete(key));
    this.pending.set(key, promise);
    return promise;
  }

  get size(): number {
    return this.pending.size;
  }
}
