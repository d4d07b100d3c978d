/**
 * Orders per account in a sliding one-second window. Sliding rather than per calendar second: with fixed
 * buckets a script could send the limit at 0.999 s and again at 1.000 s, twice the rate the limit names.
 * Only approved orders are recorded, so a client hammering a closed market is not locked out once it opens.
 */
export interface RateCount {
  allowed: boolean;
  /** Orders in the window if this one were approved too: what the limit is compared against. */
  count: number;
}

export class OrderRateLimiter {
  /** Per account, ascending times (epoch ms) of the approved orders still inside the window. */
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly windowMs = 1_000,
  ) {
    if (!(windowMs > 0)) throw new RangeError(`windowMs must be positive, got ${windowMs}`);
  }

  /**
   * Whether one more order fits under `limit`, without recording it. The window is (atMs − 1 s, atMs]:
   * an order approved at t stops counting at exactly t + 1 s.
   */
  check(account: string, limit: number, atMs: number = this.clock()): RateCount {
    const count = this.inWindow(account, atMs) + 1;
    return { allowed: count <= limit, count };
  }

  /** Counts an approved order. */
  record(account: string, atMs: number = this.clock()): void {
    const times = this.windows.get(account);
    if (!times) {
      this.windows.set(account, [atMs]);
      return;
    }
    // an injected clock may hand out an earlier time than the last one; keep the list sorted anyway
    let i = times.length;
    while (i > 0 && times[i - 1] > atMs) i -= 1;
    times.splice(i, 0, atMs);
  }

  /** check + record in one step, for callers that approve on this rule alone. */
  tryAcquire(account: string, limit: number, atMs: number = this.clock()): RateCount {
    const result = this.check(account, limit, atMs);
    if (result.allowed) this.record(account, atMs);
    return result;
  }

  /** Drops accounts with nothing left in the window, so idle accounts do not pile up in memory. */
  sweep(atMs: number = this.clock()): void {
    for (const account of [...this.windows.keys()]) this.inWindow(account, atMs);
  }

  /** Forgets everything (tests, or a new trading day). */
  clear(): void {
    this.windows.clear();
  }

  private inWindow(account: string, atMs: number): number {
    const times = this.windows.get(account);
    if (!times) return 0;
    const cutoff = atMs - this.windowMs;
    let expired = 0;
    while (expired < times.length && times[expired] <= cutoff) expired += 1;
    if (expired === times.length) {
      this.windows.delete(account);
      return 0;
    }
    if (expired > 0) times.splice(0, expired);
    // times after atMs (a clock that went back) still count: erring towards throttling is the safe side
    return times.length;
  }
}
