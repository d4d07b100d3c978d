import type { Price } from '@b3/kit';
import fc from 'fast-check';
import {
  brlAmount,
  type Centavos,
  type ExactBrl,
  formatCentavos,
  formatExactBrl,
  formatMultiplier,
  formatPriceUnits,
  parseBrl,
  parseMultiplier,
  parsePriceUnits,
  type PriceUnits,
  roundHalfEven,
  toCentavos,
  decimalPlaces,
  notionalUnits,
} from './money';

describe('money', () => {
  it('reads prices as whole 1/10,000 units, padding zeros included', () => {
    expect(parsePriceUnits('10.00')).toBe(100_000n);
    expect(parsePriceUnits('125000')).toBe(1_250_000_000n);
    expect(parsePriceUnits('0.0001')).toBe(1n);
    expect(parsePriceUnits('38.01000')).toBe(380_100n);
  });

  it('refuses prices it would have to round, or that are not prices at all', () => {
    for (const bad of ['10.00001', '0', '0.0000', '-1', '1e3', '', ' 10', '10.', '.5']) {
      expect(() => parsePriceUnits(bad)).toThrow(RangeError);
    }
  });

  it('writes prices in the kit canonical form', () => {
    expect(formatPriceUnits(105_000n as PriceUnits)).toBe('10.5');
    expect(formatPriceUnits(1_250_000_000n as PriceUnits)).toBe('125000');
    expect(formatPriceUnits(1n as PriceUnits)).toBe('0.0001');
    expect(formatPriceUnits(1_000_000n as PriceUnits)).toBe('100');
  });

  it('reads contract multipliers', () => {
    expect(parseMultiplier('0.20')).toBe(2_000n);
    expect(parseMultiplier('10')).toBe(100_000n);
    expect(formatMultiplier(parseMultiplier('0.20'))).toBe('0.2');
    expect(() => parseMultiplier('0')).toThrow(RangeError);
    expect(() => parseMultiplier('0.00001')).toThrow(RangeError);
  });

  it('rounds half to even, symmetrically around zero', () => {
    const cases: Array<[bigint, bigint, bigint]> = [
      [5n, 2n, 2n], // 2.5 -> 2
      [7n, 2n, 4n], // 3.5 -> 4
      [-5n, 2n, -2n],
      [-7n, 2n, -4n],
      [8n, 3n, 3n], // 2.67 -> 3
      [7n, 3n, 2n], // 2.33 -> 2
      [-8n, 3n, -3n],
      [1n, -2n, 0n], // -0.5 -> 0
      [0n, 7n, 0n],
    ];
    for (const [n, d, expected] of cases) expect(roundHalfEven(n, d)).toBe(expected);
    expect(() => roundHalfEven(1n, 0n)).toThrow(RangeError);
  });

  it('rounds to the nearest integer, and to the even one on ties (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (n, d) => {
        const q = roundHalfEven(n, d);
        const error = q * d - n; // how far q is from n/d, times d
        const twice = 2n * (error < 0n ? -error : error);
        expect(twice <= d).toBe(true);
        if (twice === d) expect(q % 2n).toBe(0n);
        expect(roundHalfEven(-n, d)).toBe(-q);
      }),
    );
  });

  it('rounds exact BRL to centavos half-even, and never prints -0.00', () => {
    expect(toCentavos(parseBrl('0.165'))).toBe(16n);
    expect(toCentavos(parseBrl('0.175'))).toBe(18n);
    expect(toCentavos(parseBrl('-0.165'))).toBe(-16n);
    expect(toCentavos(parseBrl('0.16500001'))).toBe(17n);
    expect(brlAmount(parseBrl('-0.004')).text).toBe('0.00');
    expect(brlAmount(parseBrl('225')).text).toBe('225.00');
    expect(formatCentavos(-50n as Centavos)).toBe('-0.50');
  });

  it('stores exact BRL with all eight places and reads it back', () => {
    expect(formatExactBrl(parseBrl('-0.165'))).toBe('-0.16500000');
    expect(formatExactBrl(0n as ExactBrl)).toBe('0.00000000');
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), (units) => {
        expect(parseBrl(formatExactBrl(units as ExactBrl))).toBe(units);
      }),
    );
  });
});


describe('price units for orders', () => {
  it.each([
    ['38.5', 385_000n],
    ['38.50', 385_000n],
    ['0.0001', 1n],
    ['125005', 1_250_050_000n],
    ['99999999999999.9999', 999_999_999_999_999_999n],
  ])('reads %s exactly', (text, units) => {
    expect(parsePriceUnits(text)).toBe(units);
  });

  it.each([['38.12345'], ['-1'], ['1e3'], [''], ['38.']])('refuses %s rather than rounding or guessing', (text) => {
    expect(() => parsePriceUnits(text)).toThrow(RangeError);
  });

  it('writes the canonical form, so equal prices are equal strings', () => {
    expect(formatPriceUnits((385_000n) as PriceUnits)).toBe('38.5');
    expect(formatPriceUnits((1_250_050_000n) as PriceUnits)).toBe('125005');
    expect(formatPriceUnits((1n) as PriceUnits)).toBe('0.0001');
    expect(formatPriceUnits((parsePriceUnits('0038.5000')) as PriceUnits)).toBe('38.5');
    expect(() => formatPriceUnits((0n) as PriceUnits)).toThrow(RangeError);
  });

  it('counts the decimals a canonical price uses', () => {
    expect(decimalPlaces('38.05' as Price)).toBe(2);
    expect(decimalPlaces('38.5' as Price)).toBe(1);
    expect(decimalPlaces('125005' as Price)).toBe(0);
  });

  it.each([
    [7n, 2n, 4n], // 3.5 → 4 (tie, to even)
    [5n, 2n, 2n], // 2.5 → 2 (tie, to even)
    [11n, 4n, 3n], // 2.75 → 3
    [9n, 4n, 2n], // 2.25 → 2
    [-5n, 2n, -2n], // ties are symmetric around zero
    [-7n, 2n, -4n],
    [6n, 3n, 2n],
  ])('divides %d / %d half-even to %d', (numerator, denominator, expected) => {
    expect(roundHalfEven(numerator, denominator)).toBe(expected);
  });

  it('refuses a zero denominator', () => {
    expect(() => roundHalfEven(1n, 0n)).toThrow(RangeError);
  });

  it('computes notional without floats, even where floats would drift', () => {
    // 0.1 + 0.2 style trap: 3 × 0.1 is exactly 0.3 here.
    expect(notionalUnits(3, '0.1' as Price)).toBe(parsePriceUnits('0.3'));
    expect(notionalUnits(999_999, '99999999999999.99' as Price)).toBe(999_999n * 999_999_999_999_999_900n);
  });
});
