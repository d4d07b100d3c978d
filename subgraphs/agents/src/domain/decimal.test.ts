import { decimal, divide, formatFixed, fromNumber, parseFixed, round, wholeTimes } from './decimal';

const f = parseFixed;

describe('exact decimals', () => {
  it('adds and subtracts without float drift', () => {
    expect(decimal.add('0.1', '0.2')).toBe('0.3');
    expect(decimal.sub('38.5', '37.05')).toBe('1.45');
    expect(decimal.sub('1', '1.000')).toBe('0');
    expect(decimal.abs('-0.0125')).toBe('0.0125');
  });

  it('divides rounding half away from zero', () => {
    expect(formatFixed(divide(f('2'), f('3'), 4))).toBe('0.6667');
    expect(formatFixed(divide(f('-2'), f('3'), 4))).toBe('-0.6667');
    expect(formatFixed(divide(f('25000'), f('125000'), 8))).toBe('0.2');
    expect(formatFixed(round(f('0.00005'), 4))).toBe('0.0001');
  });

  it('counts whole multiples, never rounding up', () => {
    expect(wholeTimes(f('1000'), f('1.45'))).toBe(689n); // 1000 / 1.45 = 689.65…
    expect(wholeTimes(f('-5'), f('1'))).toBe(0n);
  });

  it('prints floats with at most four decimals and no binary noise', () => {
    expect(fromNumber(0.1 + 0.2)).toBe('0.3');
    expect(fromNumber(71.42857142857143)).toBe('71.4286');
    expect(fromNumber(-0.00001)).toBe('0');
  });

  it('refuses text that is not a plain decimal', () => {
    expect(() => f('1e5')).toThrow(RangeError);
    expect(() => f('')).toThrow(RangeError);
  });
});
