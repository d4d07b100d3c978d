import { barSpan } from '../src/domain/candle';
import type { TickerSymbol } from '../src/domain/trade';
import {
  assertTableName,
  candlesSql,
  candleTradeWindowStart,
  createTradesTableSql,
  dropTableSql,
  latestTimestampsSql,
  pingSql,
  questDbTimestamp,
  tradesAtSql,
  walStatusSql,
} from '../src/store/questdb-sql';

const PETR4 = 'PETR4' as TickerSymbol;
const WINZ26 = 'WINZ26' as TickerSymbol;
const ms = (iso: string) => Date.parse(iso);

const candlesText = (sampleBy: string) => `SELECT cast(ts AS LONG) AS start_us, open_price, high_price, low_price, close_price, volume, trade_count, turnover
FROM (
  SELECT ts, first(price) AS open_price, max(price) AS high_price, min(price) AS low_price, last(price) AS close_price,
    sum(quantity) AS volume, count() AS trade_count, sum(price * quantity) AS turnover
  FROM (
    SELECT ts, trade_number, price, quantity FROM trades
    WHERE symbol = $1 AND ts >= $2 AND ts < $3
    ORDER BY ts, trade_number
  ) TIMESTAMP(ts)
  SAMPLE BY ${sampleBy}
)
ORDER BY start_us`;

describe('QuestDB SQL', () => {
  it('creates a WAL table with dedup keys, prices and quantities as LONG and ts as designated timestamp', () => {
    expect(createTradesTableSql('trades')).toEqual({
      text: `CREATE TABLE IF NOT EXISTS trades (
  ts TIMESTAMP,
  symbol SYMBOL CAPACITY 16384 CACHE INDEX,
  exchange SYMBOL,
  trade_number LONG,
  price LONG,
  quantity LONG,
  aggressor SYMBOL,
  is_edit BOOLEAN
) TIMESTAMP(ts) PARTITION BY DAY WAL
DEDUP UPSERT KEYS(ts, symbol, trade_number)`,
      values: [],
    });
  });

  it('drops, pings and reads WAL progress', () => {
    expect(dropTableSql('trades_test_1')).toEqual({ text: 'DROP TABLE IF EXISTS trades_test_1', values: [] });
    expect(pingSql()).toEqual({ text: 'SELECT 1', values: [] });
    expect(walStatusSql('trades')).toEqual({
      text: 'SELECT suspended, writerTxn, sequencerTxn FROM wal_tables() WHERE name = $1',
      values: ['trades'],
    });
  });

  it('refuses table names that are not plain identifiers', () => {
    expect(assertTableName('Trades_2026')).toBe('Trades_2026');
    for (const bad of ['', '1trades', 'trades;DROP TABLE x', 'my-trades', 'qdb.trades', '"trades"', 'trades ']) {
      expect(() => assertTableName(bad)).toThrow(/invalid QuestDB table name/);
      expect(() => createTradesTableSql(bad)).toThrow(/invalid QuestDB table name/);
      expect(() => candlesSql(bad, PETR4, 'M1', 0, 60_000)).toThrow(/invalid QuestDB table name/);
      expect(() => latestTimestampsSql(bad, [PETR4])).toThrow(/invalid QuestDB table name/);
    }
  });

  it.each([
    ['M1', '1m ALIGN TO CALENDAR'],
    ['M5', '5m ALIGN TO CALENDAR'],
    ['M15', '15m ALIGN TO CALENDAR'],
    ['H1', '1h ALIGN TO CALENDAR'],
  ] as const)('samples %s bars aligned in UTC, open/close ordered by (ts, trade_number)', (interval, sampleBy) => {
    expect(candlesSql('trades', PETR4, interval, ms('2026-11-26T13:00:00Z'), ms('2026-11-26T14:00:00Z'))).toEqual({
      text: candlesText(sampleBy),
      values: ['PETR4', '2026-11-26T13:00:00.000000Z', '2026-11-26T14:00:00.000000Z'],
    });
  });

  it('samples D1 bars on São Paulo calendar days', () => {
    expect(candlesSql('trades', WINZ26, 'D1', ms('2026-11-20T03:00:00Z'), ms('2026-11-30T03:00:00Z'))).toEqual({
      text: candlesText("1d ALIGN TO CALENDAR TIME ZONE 'America/Sao_Paulo'"),
      values: ['WINZ26', '2026-11-20T03:00:00.000000Z', '2026-11-30T03:00:00.000000Z'],
    });
  });

  it('filters trades between the first bar boundaries at or after from and to', () => {
    // from and to on boundaries: unchanged
    expect(barSpan('M1', ms('2026-11-26T13:01:00Z'), ms('2026-11-26T13:03:00Z'))).toEqual({ fromMs: ms('2026-11-26T13:01:00Z'), toMs: ms('2026-11-26T13:03:00Z') });
    // the 13:00 bar starts before from; the 13:03 bar starts before to, so its whole minute is read
    expect(barSpan('M1', ms('2026-11-26T13:00:30Z'), ms('2026-11-26T13:03:00.001Z'))).toEqual({ fromMs: ms('2026-11-26T13:01:00Z'), toMs: ms('2026-11-26T13:04:00Z') });
    expect(barSpan('H1', ms('2026-11-26T13:00:00.001Z'), ms('2026-11-26T13:59:00Z'))).toEqual({ fromMs: ms('2026-11-26T14:00:00Z'), toMs: ms('2026-11-26T14:00:00Z') });
    // D1: boundaries are São Paulo midnights (03:00 UTC)
    expect(barSpan('D1', ms('2026-11-20T00:00:00Z'), ms('2026-11-30T00:00:00Z'))).toEqual({ fromMs: ms('2026-11-20T03:00:00Z'), toMs: ms('2026-11-30T03:00:00Z') });
    expect(barSpan('D1', ms('2026-11-26T03:00:00Z'), ms('2026-11-26T03:00:00.001Z'))).toEqual({ fromMs: ms('2026-11-26T03:00:00Z'), toMs: ms('2026-11-27T03:00:00Z') });
  });

  it('narrows a limited query to the last bar slots of its range, never before the range', () => {
    const m1 = { fromMs: ms('2026-11-26T13:00:00Z'), toMs: ms('2026-11-26T13:04:00Z') };
    expect(candleTradeWindowStart('M1', m1, 2)).toBe(ms('2026-11-26T13:02:00Z'));
    expect(candleTradeWindowStart('M1', m1, 8)).toBe(m1.fromMs);
    const d1 = { fromMs: ms('2026-11-20T03:00:00Z'), toMs: ms('2026-11-30T03:00:00Z') };
    expect(candleTradeWindowStart('D1', d1, 3)).toBe(ms('2026-11-27T03:00:00Z'));
    expect(candleTradeWindowStart('D1', d1, 12)).toBe(d1.fromMs);
  });

  it('formats bind timestamps as ISO-8601 with microseconds, which QuestDB parses as TIMESTAMP', () => {
    expect(questDbTimestamp(1_795_698_000_000_000n)).toBe('2026-11-26T13:00:00.000000Z');
    expect(questDbTimestamp(1_795_698_059_999_123n)).toBe('2026-11-26T13:00:59.999123Z');
    expect(questDbTimestamp(-1n)).toBe('1969-12-31T23:59:59.999999Z');
  });

  it('finds the latest instant per symbol with LATEST ON and a bound IN list', () => {
    expect(latestTimestampsSql('trades', [PETR4, WINZ26])).toEqual({
      text: `SELECT symbol, cast(ts AS LONG) AS ts_us
FROM (
  SELECT symbol, ts FROM trades
  WHERE symbol IN ($1, $2)
  LATEST ON ts PARTITION BY symbol
)`,
      values: ['PETR4', 'WINZ26'],
    });
  });

  it('reads every trade at those instants, one bound point per symbol', () => {
    expect(tradesAtSql('trades', [{ symbol: PETR4, tsMicros: 1_795_698_210_000_000n }, { symbol: WINZ26, tsMicros: 1_795_723_200_000_000n }])).toEqual({
      text: `SELECT symbol, exchange, trade_number, price, quantity, aggressor, cast(ts AS LONG) AS ts_us, is_edit FROM trades WHERE symbol = $1 AND ts = $2
UNION ALL
SELECT symbol, exchange, trade_number, price, quantity, aggressor, cast(ts AS LONG) AS ts_us, is_edit FROM trades WHERE symbol = $3 AND ts = $4`,
      values: ['PETR4', '2026-11-26T13:03:30.000000Z', 'WINZ26', '2026-11-26T20:00:00.000000Z'],
    });
  });
});
