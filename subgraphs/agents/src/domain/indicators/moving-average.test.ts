import { ema, emaSeries, smaSeries } from './moving-average';

const close = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThan(1e-9);

describe('moving averages', () => {
  it('SMA: one mean per full window', () => {
    // (1+2+3)/3 = 2, (2+3+4)/3 = 3, (3+4+8)/3 = 5
    expect(smaSeries([1, 2, 3, 4, 8], 3)).toEqual([2, 3, 5]);
    expect(smaSeries([1, 2], 3)).toEqual([]);
  });

  it('EMA(3): seeded with the SMA of the first three, then α = 2/(3+1) = 0.5', () => {
    // seed (1+2+3)/3 = 2; 0.5·4 + 0.5·2 = 3; 0.5·5 + 0.5·3 = 4; 0.5·6 + 0.5·4 = 5
    expect(emaSeries([1, 2, 3, 4, 5, 6], 3)).toEqual([2, 3, 4, 5]);
  });

  it('EMA(9) of 0, 1, …, 11: seed 4, then α = 0.2', () => {
    // seed = mean(0..8) = 4; 0.2·9 + 0.8·4 = 5; 0.2·10 + 0.8·5 = 6; 0.2·11 + 0.8·6 = 7.
    // On a straight line the SMA seed already sits (n−1)/2 = 4 below the price, which is exactly the
    // EMA's steady lag ((1−α)/α = 4), so every later value is price − 4.
    const series = emaSeries(Array.from({ length: 12 }, (_, i) => i), 9);
    [4, 5, 6, 7].forEach((expected, i) => close(series[i], expected));
  });

  it('EMA(3) of an uneven series, by hand', () => {
    // seed (10+11+15)/3 = 12; 0.5·9 + 0.5·12 = 10.5; 0.5·14 + 0.5·10.5 = 12.25
    close(ema([10, 11, 15, 9, 14], 3)!, 12.25);
    expect(ema([10, 11], 3)).toBeNull();
  });

  it('refuses a period that is not a positive whole number', () => {
    expect(() => emaSeries([1, 2, 3], 0)).toThrow(RangeError);
    expect(() => smaSeries([1, 2, 3], 1.5)).toThrow(RangeError);
  });
});
