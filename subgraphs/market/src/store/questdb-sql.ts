import { barSpan, type CandleInterval, INTERVAL_MS } from '../domain/candle';
import { B3_TIME_ZONE } from '../domain/session-time';
import type { TickerSymbol } from '../domain/trade';

/**
 * Every statement the QuestDB tick store sends over the PostgreSQL wire, built by pure functions so
 * tests can hold them to golden strings. Values always travel as bind parameters; the only text spliced
 * in is a table name checked by assertTableName and constants of this module.
 */
export interface SqlStatement {
  readonly text: string;
  readonly values: readonly string[];
}

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/i;

/** Table names come from configuration and cannot be bound, so they are held to a plain identifier. */
export function assertTableName(table: string): string {
  if (!TABLE_NAME.test(table)) throw new Error(`invalid QuestDB table name "${table}": expected ${TABLE_NAME}`);
  return table;
}

/**
 * The designated timestamp `ts` is in microseconds. Dedup on (ts, symbol, trade_number) makes a
 * replayed batch a no-op and lets an edit (same symbol, number and time) replace the stored row; dedup
 * needs a WAL table. Prices are LONG units of 1/10,000 (price-units.ts), never floats.
 */
export function createTradesTableSql(table: string): SqlStatement {
  return {
    text: `CREATE TABLE IF NOT EXISTS ${assertTableName(table)} (
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
  };
}

export function dropTableSql(table: string): SqlStatement {
  return { text: `DROP TABLE IF EXISTS ${assertTableName(table)}`, values: [] };
}

export function pingSql(): SqlStatement {
  return { text: 'SELECT 1', values: [] };
}

/** WAL progress of one table: rows are readable once writerTxn has caught up with sequencerTxn. */
export function walStatusSql(table: string): SqlStatement {
  return { text: 'SELECT suspended, writerTxn, sequencerTxn FROM wal_tables() WHERE name = $1', values: [assertTableName(table)] };
}

const SAMPLE_UNIT: Record<CandleInterval, string> = { M1: '1m', M5: '5m', M15: '15m', H1: '1h', D1: '1d' };

/**
 * Brazil's offsets are whole hours, so intraday buckets aligned in UTC are aligned in São Paulo too;
 * only day buckets need the zone. With TIME ZONE, QuestDB still returns bucket starts in UTC.
 */
function alignment(interval: CandleInterval): string {
  return interval === 'D1' ? `ALIGN TO CALENDAR TIME ZONE '${B3_TIME_ZONE}'` : 'ALIGN TO CALENDAR';
}

/**
 * Start of the trade window holding the last `bars` bar slots of `range` (a boundary, never before the
 * range). Reading only that window, and widening it while it yields fewer bars than wanted, keeps a
 * `limit` query from sorting a symbol's whole history.
 */
export function candleTradeWindowStart(interval: CandleInterval, range: { fromMs: number; toMs: number }, bars: number): number {
  return Math.max(range.fromMs, barSpan(interval, range.toMs - bars * INTERVAL_MS[interval], range.toMs).fromMs);
}

/** A bind value QuestDB parses as TIMESTAMP; a bare number would be refused ("could not parse as TIMESTAMP"). */
export function questDbTimestamp(epochMicros: bigint): string {
  const millis = epochMicros / 1000n - (epochMicros % 1000n < 0n ? 1n : 0n);
  const micros = epochMicros - millis * 1000n;
  const iso = new Date(Number(millis)).toISOString(); // yyyy-mm-ddThh:mm:ss.mmmZ
  return `${iso.slice(0, 23)}${micros.toString().padStart(3, '0')}Z`;
}

export function msToMicros(epochMs: number): bigint {
  return BigInt(epochMs) * 1000n;
}

/**
 * OHLCV bars in price units. first()/last() take rows in the order they reach SAMPLE BY, which for a
 * table is the designated timestamp order with no rule among equal timestamps; ordering a subquery by
 * (ts, trade_number) and re-electing ts as its designated timestamp makes open/close follow
 * (time, tradeNumber). Some QuestDB releases drop an ORDER BY under an aggregation (questdb#6405),
 * which loses only that tie-break: docs/market-store.md says how the real-server test catches it.
 * Bucket starts come back as epoch microseconds (LONG), because node-postgres would read a bare
 * TIMESTAMP as local time.
 */
export function candlesSql(table: string, symbol: TickerSymbol, interval: CandleInterval, tradesFromMs: number, tradesToMs: number): SqlStatement {
  return {
    text: `SELECT cast(ts AS LONG) AS start_us, open_price, high_price, low_price, close_price, volume, trade_count, turnover
FROM (
  SELECT ts, first(price) AS open_price, max(price) AS high_price, min(price) AS low_price, last(price) AS close_price,
    sum(quantity) AS volume, count() AS trade_count, sum(price * quantity) AS turnover
  FROM (
    SELECT ts, trade_number, price, quantity FROM ${assertTableName(table)}
    WHERE symbol = $1 AND ts >= $2 AND ts < $3
    ORDER BY ts, trade_number
  ) TIMESTAMP(ts)
  SAMPLE BY ${SAMPLE_UNIT[interval]} ${alignment(interval)}
)
ORDER BY start_us`,
    values: [symbol, questDbTimestamp(msToMicros(tradesFromMs)), questDbTimestamp(msToMicros(tradesToMs))],
  };
}

function placeholders(count: number, first = 1): string {
  return Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ');
}

/** The newest timestamp per symbol. LATEST ON alone cannot say which of several trades at that instant is last. */
export function latestTimestampsSql(table: string, symbols: readonly TickerSymbol[]): SqlStatement {
  return {
    text: `SELECT symbol, cast(ts AS LONG) AS ts_us
FROM (
  SELECT symbol, ts FROM ${assertTableName(table)}
  WHERE symbol IN (${placeholders(symbols.length)})
  LATEST ON ts PARTITION BY symbol
)`,
    values: [...symbols],
  };
}

const TRADE_COLUMNS = 'symbol, exchange, trade_number, price, quantity, aggressor, cast(ts AS LONG) AS ts_us, is_edit';

/**
 * Every trade at each symbol's newest instant (one timestamp point per branch, so each is an interval
 * scan of a single microsecond); the caller keeps the highest trade number.
 */
export function tradesAtSql(table: string, points: readonly { symbol: TickerSymbol; tsMicros: bigint }[]): SqlStatement {
  const name = assertTableName(table);
  return {
    text: points.map((_, i) => `SELECT ${TRADE_COLUMNS} FROM ${name} WHERE symbol = $${2 * i + 1} AND ts = $${2 * i + 2}`).join('\nUNION ALL\n'),
    values: points.flatMap((p) => [p.symbol, questDbTimestamp(p.tsMicros)]),
  };
}
