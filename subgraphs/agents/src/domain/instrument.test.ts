import { instrumentKind, lotSize } from './instrument';

describe('instrument lots', () => {
  it('stocks trade in 100s, futures and fractional tickers one at a time', () => {
    expect(['PETR4', 'VALE3', 'BOVA11', 'KLBN11', 'WINZ26', 'WDOF27', 'DI1F27', 'PETR4F'].map(lotSize)).toEqual([100, 100, 100, 100, 1, 1, 1, 1]);
  });

  it('tells the kind apart, ignoring case', () => {
    expect(instrumentKind('winz26')).toBe('FUTURE');
    expect(instrumentKind('KLBN11')).toBe('STOCK');
    expect(instrumentKind('ITUB4F')).toBe('FRACTIONAL');
  });
});
