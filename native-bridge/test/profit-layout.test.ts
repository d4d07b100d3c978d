import koffi from 'koffi';
import { TConnectorAssetIdentifier, TConnectorTrade, TSystemTime } from '../src/profit/profit.types';

// Expected values are the x64 tables of ABI.md §2.1 / §2.5 / §1.5, not derived from the declarations under test.
describe('ProfitDLL struct layouts (x64)', () => {
  it('TSystemTime is eight uint16 fields in 16 bytes', () => {
    expect(koffi.sizeof(TSystemTime)).toBe(16);
    expect(koffi.alignof(TSystemTime)).toBe(2);
    const fields = ['wYear', 'wMonth', 'wDayOfWeek', 'wDay', 'wHour', 'wMinute', 'wSecond', 'wMilliseconds'];
    expect(fields.map((f) => koffi.offsetof(TSystemTime, f))).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
  });

  it('TConnectorAssetIdentifier matches §2.1', () => {
    expect(koffi.sizeof(TConnectorAssetIdentifier)).toBe(32);
    expect({
      Version: koffi.offsetof(TConnectorAssetIdentifier, 'Version'),
      Ticker: koffi.offsetof(TConnectorAssetIdentifier, 'Ticker'),
      Exchange: koffi.offsetof(TConnectorAssetIdentifier, 'Exchange'),
      FeedType: koffi.offsetof(TConnectorAssetIdentifier, 'FeedType'),
    }).toEqual({ Version: 0, Ticker: 8, Exchange: 16, FeedType: 24 });
  });

  it('TConnectorTrade matches §2.5', () => {
    expect(koffi.sizeof(TConnectorTrade)).toBe(64);
    const expected = {
      Version: 0,
      TradeDate: 2,
      TradeNumber: 20,
      Price: 24,
      Quantity: 32,
      Volume: 40,
      BuyAgent: 48,
      SellAgent: 52,
      TradeType: 56,
    };
    const actual = Object.fromEntries(Object.keys(expected).map((f) => [f, koffi.offsetof(TConnectorTrade, f)]));
    expect(actual).toEqual(expected);
  });
});
