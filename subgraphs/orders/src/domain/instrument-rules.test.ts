import type { Price } from '@b3/kit';
import { instrumentRules, isOnTick, type Instrument } from './instrument-rules';

const rules = (symbol: string): Instrument => {
  const lookup = instrumentRules(symbol);
  if (!lookup.ok) throw new Error(lookup.issue);
  return lookup.instrument;
};

describe('instrumentRules', () => {
  it.each([
    // symbol, class, root, lot, tick, multiplier
    ['PETR4', 'STOCK', 'PETR', 100, '0.01', '1'],
    ['VALE3', 'STOCK', 'VALE', 100, '0.01', '1'],
    ['B3SA3', 'STOCK', 'B3SA', 100, '0.01', '1'],
    ['TAEE11', 'STOCK', 'TAEE', 100, '0.01', '1'],
    ['KLBN11', 'STOCK', 'KLBN', 100, '0.01', '1'], // has a futures shape (KLB + N11) but KLB is no futures root
    ['AAPL34', 'STOCK', 'AAPL', 100, '0.01', '1'],
    ['PETR4F', 'FRACTIONAL_STOCK', 'PETR', 1, '0.01', '1'],
    ['TAEE11F', 'FRACTIONAL_STOCK', 'TAEE', 1, '0.01', '1'],
    ['WINZ26', 'FUTURE', 'WIN', 1, '5', '0.2'],
    ['INDZ26', 'FUTURE', 'IND', 1, '5', '1'],
    ['WDOF27', 'FUTURE', 'WDO', 1, '0.5', '10'],
    ['DOLF27', 'FUTURE', 'DOL', 1, '0.5', '50'],
    ['DI1F27', 'FUTURE', 'DI1', 1, '0.01', null],
    ['BGIZ26', 'FUTURE', 'BGI', 1, '0.05', '330'],
    ['CCMZ26', 'FUTURE', 'CCM', 1, '0.01', '450'],
  ])('%s is a %s (root %s, lot %d, tick %s, multiplier %s)', (symbol, assetClass, root, lotSize, tickSize, multiplier) => {
    expect(rules(symbol)).toMatchObject({ symbol, assetClass, root, lotSize, tickSize, multiplier });
  });

  it('reads the contract month of a future', () => {
    expect(rules('WDOF27').expiry).toEqual({ year: 2027, month: 1 });
    expect(rules('WINZ26').expiry).toEqual({ year: 2026, month: 12 });
    expect(rules('PETR4').expiry).toBeNull();
  });

  it.each([
    ['PETR', /not a B3 ticker/],
    ['PETR1', /not a B3 ticker/], // subscription right
    ['PETR9', /not a B3 ticker/], // receipt
    ['PETR4X', /not a B3 ticker/],
    ['petr4', /not a B3 ticker/], // callers normalise case first
    ['WINZ2', /not a B3 ticker/],
    ['WINA26', /not a B3 ticker/], // A is no month code
    ['ICFZ26', /ICF is not a futures contract we trade/],
    ['XYZZ26', /XYZ is not a futures contract we trade/],
    ['WINH26', /WIN .* months G, J, M, Q, V, Z, not H/], // mini index futures expire in even months only
    ['INDF27', /IND .* not F/],
  ])('refuses %s with a clear issue', (symbol, issue) => {
    const lookup = instrumentRules(symbol);
    expect(lookup.ok).toBe(false);
    if (!lookup.ok) expect(lookup.issue).toMatch(issue);
  });

  it.each([
    ['WINZ26', '125005', true],
    ['WINZ26', '125003', false],
    ['WINZ26', '125005.5', false],
    ['WDOF27', '5432.5', true],
    ['WDOF27', '5432.25', false],
    ['PETR4', '38.51', true],
    ['PETR4', '38.505', false],
    ['BGIZ26', '310.05', true],
    ['BGIZ26', '310.03', false],
  ])('%s: %s on the tick grid is %s', (symbol, price, onTick) => {
    expect(isOnTick(price as Price, rules(symbol))).toBe(onTick);
  });
});
