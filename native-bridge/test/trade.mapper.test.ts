import { formatPrice, saoPauloToUtcIso, tickGrid, toBridgeTrade } from '../src/profit/trade.mapper';
import type { SystemTime } from '../src/profit/profit.types';

const at = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): SystemTime => ({
  wYear: y,
  wMonth: mo,
  wDayOfWeek: 0,
  wDay: d,
  wHour: h,
  wMinute: mi,
  wSecond: s,
  wMilliseconds: ms,
});

describe('formatPrice', () => {
  it('snaps float artefacts onto the tick grid', () => {
    expect(formatPrice(38.010000000000005, tickGrid('0.01'))).toBe('38.01');
    expect(formatPrice(3801 * 0.01, tickGrid('0.01'))).toBe('38.01');
    expect(formatPrice(38.0149, tickGrid('0.01'))).toBe('38.01');
    expect(formatPrice(0.07, tickGrid('0.01'))).toBe('0.07');
  });

  it('renders integer and half ticks without spurious decimals', () => {
    expect(formatPrice(125005, tickGrid('5'))).toBe('125005');
    expect(formatPrice(125003.2, tickGrid('5'))).toBe('125005');
    expect(formatPrice(5000.5, tickGrid('0.5'))).toBe('5000.5');
    expect(formatPrice(5000.74, tickGrid('0.5'))).toBe('5000.5');
    expect(formatPrice(5001, tickGrid('0.5'))).toBe('5001.0');
  });

  it('falls back to at most 8 decimals when the tick is unknown', () => {
    expect(formatPrice(38.010000000000005, undefined)).toBe('38.01');
    expect(formatPrice(125000, undefined)).toBe('125000');
  });

  it('rejects malformed ticks', () => {
    expect(() => tickGrid('0')).toThrow(RangeError);
    expect(() => tickGrid('1e-2')).toThrow(RangeError);
  });
});

describe('saoPauloToUtcIso', () => {
  it('converts exchange-local time to UTC with milliseconds', () => {
    expect(saoPauloToUtcIso(at(2026, 12, 1, 10, 0, 0, 123))).toBe('2026-12-01T13:00:00.123Z');
    expect(saoPauloToUtcIso(at(2026, 12, 31, 22, 30, 59, 999))).toBe('2027-01-01T01:30:59.999Z');
  });

  it('honours historical daylight saving time (UTC-2 in the 2018/19 summer)', () => {
    expect(saoPauloToUtcIso(at(2019, 1, 15, 10, 0, 0, 0))).toBe('2019-01-15T12:00:00.000Z');
    expect(saoPauloToUtcIso(at(2019, 6, 15, 10, 0, 0, 0))).toBe('2019-06-15T13:00:00.000Z');
  });
});

describe('toBridgeTrade', () => {
  it('maps aggressor codes, the edit flag and 64-bit quantities', () => {
    const base = {
      Version: 0,
      TradeDate: at(2026, 12, 1, 10, 0, 0, 5),
      TradeNumber: 7,
      Price: 61.5,
      Quantity: 300n,
      Volume: 0,
      BuyAgent: 3,
      SellAgent: 8,
      TradeType: 2,
    };
    const grid = tickGrid('0.01');
    const buy = toBridgeTrade({ ticker: 'VALE3', exchange: 'B', flags: 0, trade: base }, grid);
    expect(buy).toEqual({
      symbol: 'VALE3',
      exchange: 'B',
      price: '61.50',
      quantity: 300,
      tradeNumber: 7,
      aggressor: 'BUY',
      time: '2026-12-01T13:00:00.005Z',
      isEdit: false,
    });
    const kinds = [1, 3, 4, 32, 0].map((TradeType) => toBridgeTrade({ ticker: 'VALE3', exchange: 'B', flags: 1, trade: { ...base, TradeType } }, grid));
    expect(kinds.map((t) => t.aggressor)).toEqual(['CROSS', 'SELL', 'AUCTION', 'UNKNOWN', 'UNKNOWN']);
    expect(kinds.every((t) => t.isEdit)).toBe(true);
  });
});
