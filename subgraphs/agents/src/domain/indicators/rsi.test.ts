import { rsi } from './rsi';

const close = (actual: number | null, expected: number): void => expect(Math.abs(actual! - expected)).toBeLessThan(1e-9);

/** Closes from a start and a list of changes. */
const walk = (start: number, changes: number[]): number[] => changes.reduce((closes, c) => [...closes, closes[closes.length - 1] + c], [start]);

describe('RSI (Wilder)', () => {
  // 14 changes: ten of +1 and four of −1
  const changes = [1, 1, -1, 1, 1, 1, -1, 1, 1, -1, 1, 1, -1, 1];

  it('RSI(14) from the first 15 closes: plain means of gains and losses', () => {
    // avg gain = 10/14, avg loss = 4/14, RS = 2.5, RSI = 100 − 100/3.5 = 71.428571428571…
    close(rsi(walk(100, changes), 14), 100 - 100 / 3.5);
    close(rsi(walk(100, changes), 14), 71.42857142857143);
  });

  it('then Wilder-smooths: one more close up 2', () => {
    // avg gain = (10/14·13 + 2)/14 = 158/196, avg loss = (4/14·13 + 0)/14 = 52/196
    // RS = 158/52, RSI = 100 − 100·52/210 = 75.238095238095…
    close(rsi(walk(100, [...changes, 2]), 14), 75.23809523809524);
  });

  it('reads 100 with only gains, 50 with no movement, 0 with only losses', () => {
    close(rsi(walk(10, Array(14).fill(0.5)), 14), 100);
    close(rsi(Array(20).fill(38.5), 14), 50);
    close(rsi(walk(10, Array(14).fill(-0.5)), 14), 0);
  });

  it('needs period + 1 closes', () => {
    expect(rsi(walk(100, changes.slice(0, 13)), 14)).toBeNull();
  });
});
