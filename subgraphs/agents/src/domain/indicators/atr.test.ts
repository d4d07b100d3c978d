import { atr, trueRange } from './atr';

const close = (actual: number | null, expected: number): void => expect(Math.abs(actual! - expected)).toBeLessThan(1e-9);
const bar = (high: number, low: number, c: number) => ({ high, low, close: c });

describe('ATR (Wilder)', () => {
  const bars = [
    bar(10, 8, 9),
    bar(11, 9, 10), // TR = max(2, |11−9|, |9−9|) = 2
    bar(12, 10, 11), // TR = max(2, 2, 1) = 2
    bar(15, 11, 14), // TR = max(4, 4, 0) = 4 → first ATR(3) = (2+2+4)/3 = 8/3
    bar(14, 12, 12), // TR = max(2, 0, 2) = 2 → (8/3·2 + 2)/3 = 22/9
    bar(9, 8, 8.5), // a gap down: TR = max(1, |9−12|, |8−12|) = 4 → (22/9·2 + 4)/3 = 80/27
  ];

  it('true range counts the gap from the previous close', () => {
    expect(trueRange(bars[5], 12)).toBe(4);
  });

  it('ATR(3) by hand: mean of the first three true ranges, then Wilder smoothing', () => {
    close(atr(bars.slice(0, 4), 3), 8 / 3);
    close(atr(bars.slice(0, 5), 3), 22 / 9);
    close(atr(bars, 3), 80 / 27);
    close(atr(bars, 3), 2.962962962962963);
  });

  it('ATR(14) of bars that each span 2 without gaps is 2; needs 15 bars', () => {
    const even = Array.from({ length: 20 }, (_, i) => bar(101 + i, 99 + i, 100 + i));
    // each TR = max(2, |101+i − (99+i)|, |99+i − (99+i)|) = 2
    close(atr(even, 14), 2);
    expect(atr(even.slice(0, 14), 14)).toBeNull();
  });
});
