import { backoffDelay } from '../src/profit/reconnect-policy';
import { TradeDedupe } from '../src/profit/trade-dedupe';
import type { RawTrade } from '../src/profit/trade.mapper';

function trade(ticker: string, number: number, day = 1, flags = 0): RawTrade {
  return {
    ticker,
    exchange: 'B',
    flags,
    trade: {
      Version: 0,
      TradeDate: { wYear: 2026, wMonth: 12, wDayOfWeek: 2, wDay: day, wHour: 10, wMinute: 0, wSecond: 0, wMilliseconds: 0 },
      TradeNumber: number,
      Price: 38,
      Quantity: 100,
      Volume: 3800,
      BuyAgent: 1,
      SellAgent: 2,
      TradeType: 2,
    },
  };
}

describe('trade dedupe', () => {
  it('drops a replayed trade number per instrument and day, and passes edits and other days', () => {
    const dedupe = new TradeDedupe();
    const seen = [trade('PETR4', 1), trade('PETR4', 2), trade('VALE3', 1), trade('PETR4', 2), trade('PETR4', 1), trade('PETR4', 2, 1, 1), trade('PETR4', 1, 2), trade('PETR4', 3)]
      .filter((t) => dedupe.accept(t))
      .map((t) => `${t.ticker}#${t.trade.TradeNumber}/d${t.trade.TradeDate.wDay}${t.flags ? 'e' : ''}`);
    expect(seen).toEqual(['PETR4#1/d1', 'PETR4#2/d1', 'VALE3#1/d1', 'PETR4#2/d1e', 'PETR4#1/d2', 'PETR4#3/d1']);
    expect(dedupe.dropped).toBe(2);
  });
});

describe('reconnect backoff', () => {
  it('doubles from 1 s to a 60 s ceiling with jitter in the upper half', () => {
    const policy = { minMs: 1_000, maxMs: 60_000 };
    expect([0, 1, 2, 5, 6, 20].map((n) => backoffDelay(n, policy, () => 1))).toEqual([1_000, 2_000, 4_000, 32_000, 60_000, 60_000]);
    expect([0, 3, 10].map((n) => backoffDelay(n, policy, () => 0))).toEqual([500, 4_000, 30_000]);
  });
});
