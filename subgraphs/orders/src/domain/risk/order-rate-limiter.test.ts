import { OrderRateLimiter } from './order-rate-limiter';

describe('OrderRateLimiter', () => {
  const T = 1_772_463_600_000;

  it('slides: an order stops counting exactly one second after it was approved', () => {
    const limiter = new OrderRateLimiter(() => T);
    for (const dt of [0, 300, 600]) expect(limiter.tryAcquire('A', 3, T + dt)).toEqual({ allowed: true, count: dt / 300 + 1 });
    expect(limiter.check('A', 3, T + 999)).toEqual({ allowed: false, count: 4 });
    expect(limiter.check('A', 3, T + 1_000)).toEqual({ allowed: true, count: 3 });
  });

  it('does not reset on calendar-second boundaries, unlike a fixed bucket', () => {
    const limiter = new OrderRateLimiter(() => T);
    // three at the very end of one second, then the next second starts: still three in the last 1 s
    for (const dt of [997, 998, 999]) limiter.record('A', T + dt);
    expect(limiter.check('A', 3, T + 1_000).allowed).toBe(false);
    expect(limiter.check('A', 3, T + 1_997).allowed).toBe(true);
  });

  it('does not record a refused order, and check alone records nothing', () => {
    const limiter = new OrderRateLimiter(() => T);
    limiter.record('A', T);
    expect(limiter.tryAcquire('A', 1, T + 10).allowed).toBe(false);
    expect(limiter.check('A', 5, T + 10).count).toBe(2);
    expect(limiter.check('A', 5, T + 10).count).toBe(2);
  });

  it('keeps accounts apart', () => {
    const limiter = new OrderRateLimiter(() => T);
    limiter.record('A', T);
    expect(limiter.check('A', 1, T).allowed).toBe(false);
    expect(limiter.check('B', 1, T).allowed).toBe(true);
  });

  it('uses the injected clock when no time is given', () => {
    let now = T;
    const limiter = new OrderRateLimiter(() => now);
    expect(limiter.tryAcquire('A', 1).allowed).toBe(true);
    expect(limiter.tryAcquire('A', 1).allowed).toBe(false);
    now += 1_000;
    expect(limiter.tryAcquire('A', 1).allowed).toBe(true);
  });

  it('still counts an order recorded at a later time when the clock steps back', () => {
    const limiter = new OrderRateLimiter(() => T);
    limiter.record('A', T + 500);
    limiter.record('A', T + 100);
    expect(limiter.check('A', 2, T + 200)).toEqual({ allowed: false, count: 3 });
    expect(limiter.check('A', 2, T + 1_100)).toEqual({ allowed: true, count: 2 });
  });

  it('forgets idle accounts on sweep', () => {
    const limiter = new OrderRateLimiter(() => T);
    limiter.record('A', T);
    limiter.sweep(T + 1_000);
    expect(limiter.check('A', 1, T).count).toBe(1);
  });
});
