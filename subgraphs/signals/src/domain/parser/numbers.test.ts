import { canonicalPrice, readNumber, resolveNumber, timesThousand } from './numbers';

describe('readNumber', () => {
  it.each([
    ['38', '38'],
    ['38,5', '38.5'],
    ['38,50', '38.50'],
    ['38.50', '38.50'],
    ['0.25', '0.25'],
    ['0,0125', '0.0125'],
    ['1.250,50', '1250.50'],
    ['1,250.50', '1250.50'],
    ['1.250.000', '1250000'],
    ['1,250,000', '1250000'],
    ['1.125.005,5', '1125005.5'],
    ['0,250', '0.250'],
    ['1250.000', '1250.000'],
  ])('reads %s exactly as %s', (text, value) => {
    expect(readNumber(text)).toEqual({ kind: 'exact', value });
  });

  it.each([
    ['125.000', '125.000', '125000'],
    ['1,250', '1.250', '1250'],
    ['5.432', '5.432', '5432'],
  ])('leaves %s ambiguous', (text, decimal, grouped) => {
    expect(readNumber(text)).toEqual({ kind: 'ambiguous', decimal, grouped });
  });

  it.each(['1.2.3', '39,40,42', '1,25.000,5', '12.34,56', 'abc', '1..2'])('refuses %s', (text) => {
    expect(readNumber(text).kind).toBe('malformed');
  });
});

describe('resolveNumber', () => {
  const ambiguous = readNumber('125.000');

  it('follows the asset magnitude first', () => {
    expect(resolveNumber(ambiguous, 'GROUPED', ['1.5'])).toBe('125000');
    expect(resolveNumber(readNumber('13.455'), 'DECIMAL', ['13000'])).toBe('13.455');
  });

  it('otherwise picks the reading nearest the unambiguous prices', () => {
    expect(resolveNumber(readNumber('1.300'), null, ['1250.50'])).toBe('1300');
    expect(resolveNumber(readNumber('39.500'), null, ['38.50', '37.9'])).toBe('39.500');
  });

  it('defaults to a decimal with nothing to compare', () => {
    expect(resolveNumber(readNumber('1.250'), null, [])).toBe('1.250');
  });

  it('passes exact readings through and rejects malformed ones', () => {
    expect(resolveNumber(readNumber('38,5'), 'GROUPED', [])).toBe('38.5');
    expect(resolveNumber(readNumber('1.2.3'), null, [])).toBeNull();
  });
});

describe('timesThousand', () => {
  it.each([
    ['125', '125000'],
    ['1.5', '1500'],
    ['0.0125', '12.5'],
    ['125.3456', '125345.6'],
  ])('%s → %s', (plain, expected) => {
    expect(timesThousand(plain)).toBe(expected);
  });
});

describe('canonicalPrice', () => {
  it('gives the kit canonical form', () => {
    expect(canonicalPrice('038.50')).toEqual({ ok: true, price: '38.5' });
    expect(canonicalPrice('125000')).toEqual({ ok: true, price: '125000' });
  });

  it('reports zero and over-precise values', () => {
    expect(canonicalPrice('0.00')).toEqual({ ok: false, problem: 'NOT_POSITIVE' });
    expect(canonicalPrice('1.23456')).toEqual({ ok: false, problem: 'TOO_PRECISE' });
  });
});
