import { parseDecimalText } from './decimal-text';

const value = (text: string): string | null => {
  const parsed = parseDecimalText(text);
  return parsed.ok ? parsed.value : null;
};

describe('parseDecimalText', () => {
  it.each([
    ['38,50', '38.5'],
    ['38,5', '38.5'],
    ['125.000', '125000'],
    ['1.234.567', '1234567'],
    ['1.234,56', '1234.56'],
    ['1,234.56', '1234.56'],
    ['38.50', '38.5'],
    ['125005.5', '125005.5'],
    ['0,0001', '0.0001'],
    ['007', '7'],
    ['100', '100'],
    ['99999999999999,9999', '99999999999999.9999'],
  ])('reads %s as %s', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it.each([
    ['0'],
    ['0,00'],
    ['38,12345'],
    ['1,2,3'],
    ['12.34.5'],
    ['1.23,4.5'],
    ['12,345.678,9'],
    ['100000000000000'],
    ['38,'],
    ['abc'],
    [''],
  ])('refuses %s', (text) => {
    expect(value(text)).toBeNull();
  });

  it('says what is wrong', () => {
    expect(parseDecimalText('38,12345')).toEqual({ ok: false, problem: '"38,12345" has more than 4 decimal places' });
  });
});
