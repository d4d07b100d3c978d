import { compareDecimal } from './compareDecimal';
import { formatB3Time } from './formatB3Time';
import { formatDecimal } from './formatDecimal';
import { formatCount, formatFixed } from './formatNumber';

describe('formatDecimal', () => {
  it.each([
    ['125005', '125.005'],
    ['38.01', '38,01'],
    ['1234567.50', '1.234.567,50'],
    ['999', '999'],
    ['-5123.5', '-5.123,5'],
    ['0.000001', '0,000001'],
  ])('groups %s as %s', (raw, shown) => {
    expect(formatDecimal(raw)).toBe(shown);
  });

  it('keeps every digit of a price too long for a double', () => {
    expect(formatDecimal('12345678901234567890.123456789')).toBe('12.345.678.901.234.567.890,123456789');
  });

  it('shows non-decimal input unchanged', () => {
    expect(formatDecimal('n/a')).toBe('n/a');
    expect(formatDecimal('1e5')).toBe('1e5');
  });
});

describe('compareDecimal', () => {
  it.each([
    ['125005', '125000', 1],
    ['125000', '125005', -1],
    ['38.10', '38.1', 0],
    ['38.01', '38.1', -1],
    ['125005', '125000.5', 1],
    ['0100', '99.99', 1],
    ['-1.5', '-1.25', -1],
    ['-0', '0.00', 0],
    ['-2', '1', -1],
  ] as const)('compares %s with %s as %d', (a, b, expected) => {
    expect(compareDecimal(a, b)).toBe(expected);
  });

  it('refuses values that are not decimals', () => {
    expect(compareDecimal('abc', '1')).toBeNull();
  });
});

describe('formatB3Time', () => {
  it('shows UTC instants in São Paulo time', () => {
    expect(formatB3Time('2026-11-26T17:03:22.123Z')).toBe('14:03:22,123');
  });

  it('shows unreadable values as given', () => {
    expect(formatB3Time('not a time')).toBe('not a time');
  });
});

describe('formatFixed and formatCount', () => {
  it.each([
    [1234.56, 1, '1.234,6'],
    [0.85, 2, '0,85'],
    [3, 1, '3,0'],
    [1234567.891, 2, '1.234.567,89'],
  ])('shows %d with %d decimals as %s', (value, decimals, shown) => {
    expect(formatFixed(value, decimals)).toBe(shown);
  });

  it('groups counters by thousands without decimals', () => {
    expect(formatCount(1234567)).toBe('1.234.567');
    expect(formatCount(65536)).toBe('65.536');
    expect(formatCount(999)).toBe('999');
  });

  it('never shows a negative zero', () => {
    expect(formatFixed(-0.04, 1)).toBe('0,0');
    expect(formatCount(-0)).toBe('0');
  });

  it('shows a dash for a value that is not a finite number', () => {
    expect(formatFixed(Number.NaN, 1)).toBe('—');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('—');
  });
});
