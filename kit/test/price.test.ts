import {
  comparePrices,
  isPrice,
  normalizeDecimalString,
  parsePrice,
  PRICE_MAX_INTEGER_DIGITS,
  PRICE_MAX_SCALE,
  type PriceProblem,
} from '../src';

const priceOf = (text: string): string | null => {
  const parsed = parsePrice(text);
  return parsed.ok ? parsed.price : null;
};
const problemOf = (text: string): PriceProblem | null => {
  const parsed = parsePrice(text);
  return parsed.ok ? null : parsed.problem;
};

describe('parsePrice', () => {
  it.each([
    ['38.01', '38.01'],
    ['38.50', '38.5'],
    ['0038.5000', '38.5'],
    ['125005', '125005'],
    ['125005.0000', '125005'],
    ['100', '100'],
    ['007', '7'],
    ['0.0001', '0.0001'],
    ['00.0100', '0.01'],
    ['99999999999999.9999', '99999999999999.9999'],
  ])('reads %s as %s', (text, expected) => {
    expect(priceOf(text)).toBe(expected);
  });

  it('does not count padding zeros against the limits', () => {
    expect(priceOf('38.50000000')).toBe('38.5');
    expect(priceOf('000000000000000001')).toBe('1');
  });

  it.each([
    ['', 'MALFORMED'],
    ['abc', 'MALFORMED'],
    ['-1', 'MALFORMED'],
    ['+1', 'MALFORMED'],
    ['1e3', 'MALFORMED'],
    ['38,50', 'MALFORMED'],
    ['38.', 'MALFORMED'],
    ['.5', 'MALFORMED'],
    [' 38.5', 'MALFORMED'],
    ['1.2.3', 'MALFORMED'],
    ['0', 'NOT_POSITIVE'],
    ['0.0000', 'NOT_POSITIVE'],
    ['000', 'NOT_POSITIVE'],
    ['38.12345', 'TOO_PRECISE'],
    ['0.00001', 'TOO_PRECISE'],
    ['100000000000000', 'TOO_LARGE'],
    ['100000000000000.5', 'TOO_LARGE'],
  ])('refuses %j as %s', (text, problem) => {
    expect(problemOf(text)).toBe(problem);
  });

  it('reports the first problem in a fixed order', () => {
    expect(problemOf('100000000000000.12345')).toBe('TOO_PRECISE');
    expect(problemOf('0.00000')).toBe('NOT_POSITIVE');
  });

  it('matches the DECIMAL(18,4) columns', () => {
    expect(PRICE_MAX_INTEGER_DIGITS + PRICE_MAX_SCALE).toBe(18);
    expect(PRICE_MAX_SCALE).toBe(4);
  });
});

describe('isPrice', () => {
  it.each(['38.5', '125005', '0.0001', '99999999999999.9999'])('accepts canonical %s', (value) => {
    expect(isPrice(value)).toBe(true);
  });

  it.each(['38.50', '038.5', '0', '-38.5', '38.12345', '100000000000000', 38.5, null, undefined])('refuses %j', (value) => {
    expect(isPrice(value)).toBe(false);
  });
});

describe('normalizeDecimalString', () => {
  it.each([
    ['38.0100', '38.01'],
    ['125005.0000', '125005'],
    ['0.0001', '0.0001'],
    ['0.0000', '0'],
    ['-38.5000', '-38.5'],
    ['100', '100'],
    ['38.01', '38.01'],
  ])('turns %s into %s', (value, expected) => {
    expect(normalizeDecimalString(value)).toBe(expected);
  });
});

describe('comparePrices', () => {
  it.each([
    ['38.5', '38.5', 0],
    ['38.5', '38.50', 0],
    ['38.49', '38.5', -1],
    ['125000', '99999.9999', 1],
    ['0.0001', '0.001', -1],
    ['10', '9.9999', 1],
    ['007', '7', 0],
    ['0.5', '00.5000', 0],
    ['99999999999999.9999', '99999999999999.9998', 1],
  ])('%s vs %s is %i', (a, b, sign) => {
    expect(comparePrices(a, b)).toBe(sign);
    expect(comparePrices(b, a)).toBe(-sign || 0);
  });

  it('sorts without floats losing digits', () => {
    const prices = ['9007199254740.9931', '9007199254740.993', '38.5'];
    expect(Number(prices[0])).toBe(Number(prices[1]));
    expect([...prices].sort(comparePrices)).toEqual(['38.5', '9007199254740.993', '9007199254740.9931']);
  });

  it.each([['-1'], ['1e3'], ['abc'], ['']])('throws on %j, which is not a decimal', (bad) => {
    expect(() => comparePrices(bad, '1')).toThrow(RangeError);
    expect(() => comparePrices('1', bad)).toThrow(RangeError);
  });
});
