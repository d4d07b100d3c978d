import { addFixed, compareFixed, formatFixed, mulFixed, parseFixed, shiftFixed, significantScale, subFixed, tryParseFixed } from './fixed-point';

const f = parseFixed;

describe('fixed-point decimals', () => {
  it('reads and prints exactly, in canonical form', () => {
    expect(formatFixed(f('0038.5000'))).toBe('38.5');
    expect(formatFixed(f('-12.50'))).toBe('-12.5');
    expect(formatFixed(f('-0.00'))).toBe('0');
    expect(formatFixed(f('0.0001'))).toBe('0.0001');
    expect(formatFixed(f('+7'))).toBe('7');
    for (const bad of ['', '1e3', '.5', '5.', ' 1', '1,5', 'NaN']) expect(tryParseFixed(bad)).toBeNull();
    expect(() => f('abc', 'price')).toThrow(/price is not a plain decimal/);
  });

  it('does the arithmetic floats get wrong', () => {
    expect(formatFixed(addFixed(f('0.1'), f('0.2')))).toBe('0.3');
    expect(formatFixed(subFixed(f('0.3'), f('0.1')))).toBe('0.2');
    expect(formatFixed(mulFixed(f('125000.5'), f('0.2')))).toBe('25000.1');
    expect(formatFixed(shiftFixed(mulFixed(f('38.47'), f('102.5')), 2))).toBe('39.43175');
  });

  it('compares across scales and signs', () => {
    expect(compareFixed(f('38.50'), f('38.5'))).toBe(0);
    expect(compareFixed(f('-1'), f('0.0001'))).toBe(-1);
    expect(compareFixed(f('100.01'), f('100'))).toBe(1);
  });

  it('counts significant decimal places', () => {
    expect(significantScale(f('100.50'))).toBe(1);
    expect(significantScale(f('100.000'))).toBe(0);
    expect(significantScale(f('0.125'))).toBe(3);
  });
});
