import fc from 'fast-check';
import { parseBrl, parseMultiplier } from './money';
import { accountPnl, type DailyPnl, type Marks, startSession, symbolPnl } from './pnl';
import { applyFills, type Fill, type Position, positionFromFills } from './position';
import { aPosition, buy, sell } from './position.builders';

const marks = (entries: Record<string, string> = {}): Marks => new Map(Object.entries(entries));

function session(date: string, positions: Position[], sessionMarks: Marks): DailyPnl {
  const result = startSession({ account: 'ACC-1', date, marks: sessionMarks, positions });
  if (!result.ok) throw new Error(`missing marks: ${result.missingMarks.join(', ')}`);
  return result.daily;
}

describe('daily P&L (hand-computed)', () => {
  it('marks a carried position at the previous close and counts only what happened since', () => {
    // Yesterday: bought 100 @ 10.00, closed at 11.00 (+100 yesterday, not today's).
    const yesterday = aPosition({ fills: [buy(100, '10.00')] });
    const daily = session('2025-03-11', [yesterday], marks({ PETR4: '11.00' }));
    expect(daily.baselines.get('PETR4')?.unrealized).toBe(parseBrl('100'));

    // Today: sell 50 @ 12.00, last trade 11.50.
    const today = applyFills(yesterday, [sell(50, '12.00')]);
    const row = symbolPnl(daily, today, marks({ PETR4: '11.50' }));
    // Realized against the average: (12 - 10) x 50 = 100.00.
    expect(row.realizedToday.text).toBe('100.00');
    // Unrealized against the average: (11.50 - 10) x 50 = 75.00; at the session start it was 100.00.
    expect(row.unrealized.text).toBe('75.00');
    expect(row.unrealizedChange.text).toBe('-25.00');
    // The day: 50 sold 1.00 above the close (+50) and 50 held from 11.00 to 11.50 (+25) = 75.00.
    expect(row.net.text).toBe('75.00');
    expect(row.mark).toBe('11.5');
    expect(row.markSource).toBe('LAST_TRADE');
  });

  it('starts at zero when nothing has happened since the session start', () => {
    const position = aPosition({ symbol: 'WINJ25', multiplier: '0.20', fills: [buy(2, '125000'), sell(1, '125500')] });
    const daily = session('2025-03-11', [position], marks({ WINJ25: '126000' }));
    const row = symbolPnl(daily, position, marks({ WINJ25: '126000' }));
    expect(row.realizedToday.text).toBe('0.00');
    expect(row.unrealizedChange.text).toBe('0.00');
    expect(row.net.text).toBe('0.00');
    expect(row.unrealized.text).toBe('200.00'); // 1,000 points x 1 x 0.20: still shown against the average
  });

  it('resets at each session start: yesterday’s realized P&L is not today’s', () => {
    const monday = session('2025-03-10', [], marks());
    const dayTrade = aPosition({ fills: [buy(100, '10'), sell(100, '10.30')] });
    expect(symbolPnl(monday, dayTrade, marks()).realizedToday.text).toBe('30.00');

    const tuesday = session('2025-03-11', [dayTrade], marks());
    expect(symbolPnl(tuesday, dayTrade, marks()).net.text).toBe('0.00');
    const later = applyFills(dayTrade, [sell(100, '10.10'), buy(100, '10.00')]);
    expect(symbolPnl(tuesday, later, marks()).realizedToday.text).toBe('10.00');
    expect(later.realizedPnl).toBe(parseBrl('40')); // the position itself keeps its whole history
  });

  it('needs a mark for every carried position, not for flat ones', () => {
    const carried = aPosition({ symbol: 'VALE3', fills: [buy(100, '60')] });
    const flat = aPosition({ symbol: 'PETR4', fills: [buy(100, '30'), sell(100, '31')] });
    const result = startSession({ account: 'ACC-1', date: '2025-03-11', marks: marks(), positions: [flat, carried] });
    expect(result).toEqual({ ok: false, missingMarks: ['VALE3'] });
    expect(startSession({ account: 'ACC-1', date: '2025-03-11', marks: marks({ VALE3: '61' }), positions: [flat, carried] }).ok).toBe(true);
  });

  it('falls back to the session-start mark, then to the last fill, and says so', () => {
    const carried = aPosition({ symbol: 'VALE3', fills: [buy(100, '60')] });
    const daily = session('2025-03-11', [carried], marks({ VALE3: '61' }));
    const noTradeYet = symbolPnl(daily, carried, marks());
    expect(noTradeYet.markSource).toBe('SESSION_START');
    expect(noTradeYet.net.text).toBe('0.00');

    const openedToday = aPosition({ symbol: 'ITUB4', fills: [sell(200, '35.10')] });
    const row = symbolPnl(daily, openedToday, marks());
    expect(row.markSource).toBe('LAST_FILL');
    expect(row.mark).toBe('35.1');
    expect(row.net.text).toBe('0.00');

    expect(symbolPnl(daily, aPosition({ symbol: 'BBAS3' }), marks()).markSource).toBe('NONE');
  });

  it('rejects bad session dates and positions of another account', () => {
    expect(() => startSession({ account: 'ACC-1', date: '2025-02-30', marks: marks(), positions: [] })).toThrow(RangeError);
    expect(() => startSession({ account: 'ACC-1', date: '11/03/2025', marks: marks(), positions: [] })).toThrow(RangeError);
    const daily = session('2025-03-11', [], marks());
    expect(() => symbolPnl(daily, aPosition({ account: 'ACC-2' }), marks())).toThrow(RangeError);
  });
});

describe('account roll-up', () => {
  it('totals realized today, unrealized and net, per symbol and overall', () => {
    const petr = aPosition({ symbol: 'PETR4', fills: [buy(100, '30.00')] });
    const win = aPosition({ symbol: 'WINJ25', multiplier: '0.20', fills: [sell(5, '125000')] });
    const daily = session('2025-03-11', [win, petr], marks({ PETR4: '30.50', WINJ25: '124800' }));

    const petrNow = applyFills(petr, [sell(40, '31.00')]); // +40.00 realized against the 30.00 average
    const winNow = applyFills(win, [buy(2, '124500'), buy(1, '124700')]); // +200.00 +60.00 realized
    const now = marks({ PETR4: '30.80', WINJ25: '124600' });
    const pnl = accountPnl(daily, [winNow, petrNow], now);

    expect(pnl.symbols.map((row) => row.symbol)).toEqual(['PETR4', 'WINJ25']);
    const [petrRow, winRow] = pnl.symbols;
    // PETR4: realized 40.00; unrealized (30.80 - 30) x 60 = 48.00, was (30.50 - 30) x 100 = 50.00.
    expect([petrRow.realizedToday.text, petrRow.unrealized.text, petrRow.unrealizedChange.text, petrRow.net.text]).toEqual([
      '40.00',
      '48.00',
      '-2.00',
      '38.00',
    ]);
    // WINJ25: realized 260.00; short 2 @ 125000 marked 124600 = 400 x 2 x 0.20 = 160.00, was 200 x 5 x 0.2 = 200.00.
    expect([winRow.realizedToday.text, winRow.unrealized.text, winRow.unrealizedChange.text, winRow.net.text]).toEqual([
      '260.00',
      '160.00',
      '-40.00',
      '220.00',
    ]);
    expect(pnl.realizedToday.text).toBe('300.00');
    expect(pnl.unrealized.text).toBe('208.00');
    expect(pnl.unrealizedChange.text).toBe('-42.00');
    expect(pnl.net.text).toBe('258.00');
    expect(pnl.account).toBe('ACC-1');
    expect(pnl.sessionDate).toBe('2025-03-11');
  });

  it('rounds totals once, from the exact sum', () => {
    const daily = session('2025-03-11', [], marks());
    // Each symbol realizes 0.005 (0.0050 x 1), which rounds half-even to 0.00; together they are 0.01.
    const a = aPosition({ symbol: 'AAAA3', fills: [buy(1, '10'), sell(1, '10.005')] });
    const b = aPosition({ symbol: 'BBBB3', fills: [buy(1, '10'), sell(1, '10.005')] });
    const pnl = accountPnl(daily, [a, b], marks());
    expect(pnl.symbols.map((row) => row.net.text)).toEqual(['0.00', '0.00']);
    expect(pnl.net.text).toBe('0.01');
    expect(pnl.net.exact).toBe(parseBrl('0.01'));
  });

  it('refuses to leave out a position that was in the session baseline', () => {
    const carried = aPosition({ symbol: 'VALE3', fills: [buy(100, '60')] });
    const daily = session('2025-03-11', [carried], marks({ VALE3: '61' }));
    expect(() => accountPnl(daily, [], marks())).toThrow(RangeError);
    expect(() => accountPnl(daily, [carried, carried], marks())).toThrow(RangeError);
  });
});

// ---- property test --------------------------------------------------------------------------------

const priceText = (units: bigint): string => `${units / 10_000n}.${(units % 10_000n).toString().padStart(4, '0')}`;
const rawFill = fc.record({
  side: fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'),
  quantity: fc.integer({ min: 1, max: 500 }),
  priceUnits: fc.bigInt({ min: 1n, max: 2_000_000_000n }),
});
type RawFill = { side: 'BUY' | 'SELL'; quantity: number; priceUnits: bigint };
const signed = (raw: RawFill): bigint => (raw.side === 'BUY' ? BigInt(raw.quantity) : -BigInt(raw.quantity));
const toFills = (raws: readonly RawFill[], prefix: string): Fill[] =>
  raws.map((raw, index) => ({ fillId: `${prefix}${index}`, side: raw.side, quantity: raw.quantity, price: priceText(raw.priceUnits), time: new Date(0) }));

describe('daily P&L property', () => {
  it('the day’s net is today’s cash plus the change in mark-to-market value, exactly', () => {
    fc.assert(
      fc.property(
        fc.array(rawFill, { maxLength: 30 }),
        fc.array(rawFill, { maxLength: 30 }),
        fc.constantFrom(10_000n, 2_000n, 100_000n, 3n),
        fc.bigInt({ min: 1n, max: 2_000_000_000n }),
        fc.bigInt({ min: 1n, max: 2_000_000_000n }),
        (before, during, multiplier, close, mark) => {
          const carried = positionFromFills('ACC-1', 'TEST3', parseMultiplier(priceText(multiplier)), toFills(before, 'Y'));
          const daily = session('2025-03-11', [carried], marks({ TEST3: priceText(close) }));
          const now = applyFills(carried, toFills(during, 'T'));
          const row = accountPnl(daily, [now], marks({ TEST3: priceText(mark) }));

          const openNet = before.reduce((sum, raw) => sum + signed(raw), 0n);
          const net = openNet + during.reduce((sum, raw) => sum + signed(raw), 0n);
          const todayCash = during.reduce((sum, raw) => sum - signed(raw) * raw.priceUnits, 0n);
          const expected = (todayCash + net * mark - openNet * close) * multiplier;
          expect(row.net.exact).toBe(expected);
          expect(row.realizedToday.exact + row.unrealizedChange.exact).toBe(expected);
        },
      ),
    );
  });
});
