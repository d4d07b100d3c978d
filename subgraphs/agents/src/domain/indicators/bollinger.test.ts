import { bollinger } from './bollinger';

const close = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThan(1e-9);

describe('Bollinger bands', () => {
  it('(8, 2) of 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population sd 2', () => {
    // squared deviations 9+1+1+1+0+0+4+16 = 32, /8 = 4, sd = 2 → 5 ± 4
    const bands = bollinger([2, 4, 4, 4, 5, 5, 7, 9], 8, 2)!;
    expect(bands).toEqual({ upper: 9, middle: 5, lower: 1 });
  });

  it('(4, 2) uses only the latest four closes', () => {
    // 5, 5, 7, 9: mean 6.5; squared deviations 2.25+2.25+0.25+6.25 = 11, /4 = 2.75, sd = √2.75
    const bands = bollinger([2, 4, 4, 4, 5, 5, 7, 9], 4, 2)!;
    close(bands.middle, 6.5);
    close(bands.upper, 6.5 + 2 * Math.sqrt(2.75));
    close(bands.upper, 9.816624790355399);
    close(bands.lower, 3.183375209644601);
  });

  it('(20, 2) of a flat series collapses on the price; null when short', () => {
    expect(bollinger(Array(20).fill(38.5))).toEqual({ upper: 38.5, middle: 38.5, lower: 38.5 });
    expect(bollinger(Array(19).fill(38.5))).toBeNull();
  });
});
