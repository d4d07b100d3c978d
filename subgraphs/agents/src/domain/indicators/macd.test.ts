import { macd } from './macd';

const close = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThan(1e-9);

describe('MACD', () => {
  it('MACD(2,3,2) of 1, 3, 2, 6, 4, by hand', () => {
    // EMA(2), α = 2/3: seed (1+3)/2 = 2; ⅔·2 + ⅓·2 = 2; ⅔·6 + ⅓·2 = 14/3; ⅔·4 + ⅓·14/3 = 38/9
    // EMA(3), α = ½: seed (1+3+2)/3 = 2; ½·6 + ½·2 = 4; ½·4 + ½·4 = 4
    // MACD line (from the slow seed on): 2 − 2 = 0, 14/3 − 4 = 2/3, 38/9 − 4 = 2/9
    // signal EMA(2) of the line: seed (0 + 2/3)/2 = 1/3; ⅔·2/9 + ⅓·1/3 = 7/27
    // histogram: 2/9 − 7/27 = −1/27
    const result = macd([1, 3, 2, 6, 4], 2, 3, 2)!;
    close(result.macd, 2 / 9);
    close(result.signal, 7 / 27);
    close(result.histogram, -1 / 27);
  });

  it('MACD(12,26,9) of a straight line rising 0.5 a bar: 3.5 with a flat histogram', () => {
    // An SMA-seeded EMA(n) of a straight line lags it by exactly (n−1)/2 bars (the seed's lag is the
    // steady lag), so EMA12 − EMA26 = (12.5 − 5.5) · 0.5 = 3.5 at every bar; the signal line of a constant is 3.5.
    const result = macd(Array.from({ length: 60 }, (_, i) => 100 + 0.5 * i))!;
    close(result.macd, 3.5);
    close(result.signal, 3.5);
    close(result.histogram, 0);
  });

  it('needs slow + signal − 1 closes', () => {
    expect(macd(Array.from({ length: 33 }, (_, i) => i))).toBeNull();
    expect(macd(Array.from({ length: 34 }, (_, i) => i))).not.toBeNull();
  });
});
