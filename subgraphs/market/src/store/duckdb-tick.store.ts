import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { BIGINT, BOOLEAN, type DuckDBConnection, DuckDBDataChunk, DuckDBInstance, UINTEGER, UTINYINT } from '@duckdb/node-api';
import { type BarAggregate, barSpan, type Candle, candleFromAggregate, foldHoursIntoDays, INTERVAL_MS } from '../domain/candle';
import { priceToUnits, unitsToPrice } from '../domain/price-units';
import { AGGRESSORS, type Aggressor, type TickerSymbol, type Trade } from '../domain/trade';
import type { CandleQuery, TickStore } from './tick.store';
import { epochMs } from '../domain/utc-time';

const MINUTE_MS = 60_000;
const NO_LIMIT = Number.MAX_SAFE_INTEGER;
/** DuckDB's largest data chunk. */
const CHUNK_ROWS = 2048;

// Prices in units of 1/10,000 and times in epoch ms as BIGINT: exact, and cheap to aggregate. Symbols
// are numbered in `symbols` (like QuestDB's SYMBOL type): strings are the costliest column to append.
const TRADE_COLUMNS = `
  symbol_id UINTEGER NOT NULL,
  trade_number UINTEGER NOT NULL,
  price BIGINT NOT NULL,
  quantity UINTEGER NOT NULL,
  aggressor UTINYINT NOT NULL,
  ts BIGINT NOT NULL,
  is_edit BOOLEAN NOT NULL`;
const COLUMN_TYPES = [UINTEGER, UINTEGER, BIGINT, UINTEGER, UTINYINT, BIGINT, BOOLEAN];
/** Aggressor stored as its index in AGGRESSORS. */
const AGGRESSOR_CODE = new Map<Aggressor, number>(AGGRESSORS.map((a, i) => [a, i]));

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS symbols (id UINTEGER PRIMARY KEY, symbol VARCHAR NOT NULL UNIQUE, exchange VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ticks (${TRADE_COLUMNS})`,
  // one row per symbol and minute with trades, rebuilt for the minutes each batch touches, so candle
  // queries read ~500 rows per symbol-day instead of every trade
  `CREATE TABLE IF NOT EXISTS bars_m1 (
     symbol_id UINTEGER NOT NULL,
     minute BIGINT NOT NULL,
     open BIGINT NOT NULL, high BIGINT NOT NULL, low BIGINT NOT NULL, close BIGINT NOT NULL,
     volume BIGINT NOT NULL, trades BIGINT NOT NULL, turnover HUGEINT NOT NULL,
     PRIMARY KEY (symbol_id, minute))`,
  `CREATE TEMP TABLE IF NOT EXISTS staging (${TRADE_COLUMNS})`,
];

/** Before the tick store had minute bars, trades lived in `trades` with DECIMAL prices: move them over once. */
const LEGACY_MIGRATION = [
  `INSERT INTO symbols SELECT row_number() OVER (ORDER BY symbol) - 1, symbol, any_value(exchange) FROM trades GROUP BY symbol`,
  `INSERT INTO staging SELECT s.id, t.trade_number::UINTEGER, (t.price * 10000)::BIGINT, t.quantity::UINTEGER,
     coalesce(list_position(['BUY', 'SELL', 'CROSS', 'AUCTION', 'UNKNOWN'], t.aggressor) - 1, 4), epoch_ms(t.ts), t.is_edit
     FROM trades t JOIN symbols s ON s.symbol = t.symbol`,
  `INSERT INTO ticks SELECT * FROM staging`,
  `DROP TABLE trades`,
];

const REBUILD_MINUTES = `
  INSERT OR REPLACE INTO bars_m1
  SELECT t.symbol_id, touched.minute,
         arg_min(t.price, (t.ts, t.trade_number)), max(t.price), min(t.price), arg_max(t.price, (t.ts, t.trade_number)),
         sum(t.quantity), count(*), sum(t.price::HUGEINT * t.quantity)
    FROM ticks t
    JOIN (SELECT DISTINCT symbol_id, ts // ${MINUTE_MS} AS minute FROM staging) touched
      ON t.symbol_id = touched.symbol_id AND t.ts >= touched.minute * ${MINUTE_MS} AND t.ts < (touched.minute + 1) * ${MINUTE_MS}
   WHERE t.ts BETWEEN $1 AND $2
   GROUP BY t.symbol_id, touched.minute`;

/** Bars of `size` minutes built from minute bars; the bucket is in minutes since the epoch. */
const BARS_FROM_MINUTES = `
  SELECT (minute // $2) * $2 AS bucket,
         arg_min(open, minute) AS open, max(high) AS high, min(low) AS low, arg_max(close, minute) AS close,
         sum(volume) AS volume, sum(trades) AS trades, sum(turnover) AS turnover
    FROM bars_m1
   WHERE symbol_id = $1 AND minute >= $3 AND minute < $4
   GROUP BY bucket
   ORDER BY bucket DESC
   LIMIT $5`;

const LAST_TRADES = (count: number) => `
  WITH last_minute AS (
    SELECT symbol_id, max(minute) AS minute FROM bars_m1 WHERE symbol_id IN (${placeholders(count)}) GROUP BY symbol_id)
  SELECT s.symbol, s.exchange, t.trade_number, t.price, t.quantity, t.aggressor, t.ts, t.is_edit
    FROM ticks t
    JOIN last_minute l ON t.symbol_id = l.symbol_id AND t.ts >= l.minute * ${MINUTE_MS}
    JOIN symbols s ON s.id = t.symbol_id
  QUALIFY row_number() OVER (PARTITION BY t.symbol_id ORDER BY t.ts DESC, t.trade_number DESC) = 1`;

function placeholders(count: number, from = 1): string {
  return Array.from({ length: count }, (_, i) => `$${i + from}`).join(', ');
}

type Row = Record<string, unknown>;
const big = (value: unknown): bigint => (typeof value === 'bigint' ? value : BigInt(String(value)));

function rowToAggregate(row: Row, startMs: number): BarAggregate {
  return {
    startMs,
    open: big(row.open),
    high: big(row.high),
    low: big(row.low),
    close: big(row.close),
    volume: big(row.volume),
    trades: Number(row.trades),
    turnover: big(row.turnover),
  };
}

/** Later trades with the same (symbol, number, time) replace earlier ones, inside a batch as across batches. */
function latestPerKey(trades: readonly Trade[]): Trade[] {
  // a feed numbers each symbol's trades upwards: only a batch that goes back can hold a repeat
  const lastNumber = new Map<string, number>();
  let ordered = true;
  for (const trade of trades) {
    const last = lastNumber.get(trade.symbol);
    if (last !== undefined && trade.tradeNumber <= last) {
      ordered = false;
      break;
    }
    lastNumber.set(trade.symbol, trade.tradeNumber);
  }
  if (ordered) return [...trades];
  const byKey = new Map<string, Trade>();
  for (const trade of trades) byKey.set(`${trade.symbol}\u0000${trade.tradeNumber}\u0000${trade.time}`, trade);
  return [...byKey.values()];
}

interface Columns {
  columns: unknown[][];
  firstMs: number;
  lastMs: number;
  /** Per symbol id, the batch's earliest and latest trade time. */
  spans: Map<number, { firstMs: number; lastMs: number }>;
}

function toColumns(trades: readonly Trade[], symbolIds: ReadonlyMap<string, number>): Columns {
  const columns: unknown[][] = COLUMN_TYPES.map(() => new Array<unknown>(trades.length));
  let firstMs = Infinity;
  let lastMs = -Infinity;
  const spans = new Map<number, { firstMs: number; lastMs: number }>();
  trades.forEach((t, i) => {
    const ms = epochMs(t.time);
    if (ms < firstMs) firstMs = ms;
    if (ms > lastMs) lastMs = ms;
    const id = symbolIds.get(t.symbol)!;
    const span = spans.get(id);
    if (!span) spans.set(id, { firstMs: ms, lastMs: ms });
    else if (ms < span.firstMs) span.firstMs = ms;
    else if (ms > span.lastMs) span.lastMs = ms;
    columns[0][i] = id;
    columns[1][i] = t.tradeNumber;
    columns[2][i] = priceToUnits(t.price);
    columns[3][i] = t.quantity;
    columns[4][i] = AGGRESSOR_CODE.get(t.aggressor) ?? AGGRESSORS.indexOf('UNKNOWN');
    columns[5][i] = BigInt(ms);
    columns[6][i] = t.isEdit;
  });
  return { columns, firstMs, lastMs, spans };
}

/**
 * The embedded tick store: a DuckDB file (or `:memory:`). Writes go through the appender into a staging
 * table and land in one transaction together with the minute bars they change; reads use a second
 * connection, so they see whole batches only.
 */
export async function openDuckDbTickStore(path: string): Promise<TickStore> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const instance = await DuckDBInstance.create(path);
  const writer: DuckDBConnection = await instance.connect();
  const reader: DuckDBConnection = await instance.connect();
  for (const statement of SCHEMA) await writer.run(statement);
  const legacy = await writer.runAndReadAll(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'trades'`);
  if (Number(legacy.getRowObjectsJS()[0].n) > 0) {
    await writer.run('BEGIN');
    for (const statement of LEGACY_MIGRATION) await writer.run(statement);
    await writer.run(REBUILD_MINUTES, [0n, BigInt(Number.MAX_SAFE_INTEGER)]);
    await writer.run('DELETE FROM staging');
    await writer.run('COMMIT');
  }

  const symbolIds = new Map<string, number>();
  for (const row of (await writer.runAndReadAll('SELECT id, symbol FROM symbols')).getRowObjectsJS()) symbolIds.set(String(row.symbol), Number(row.id));

  async function registerSymbols(batch: readonly Trade[]): Promise<void> {
    for (const trade of batch) {
      if (symbolIds.has(trade.symbol)) continue;
      const id = symbolIds.size;
      await writer.run('INSERT INTO symbols VALUES ($1, $2, $3)', [id, trade.symbol, trade.exchange]);
      symbolIds.set(trade.symbol, id);
    }
  }

  // newest stored trade time per symbol id: a batch entirely after it cannot repeat a stored trade
  const newestMs = new Map<number, number>();
  for (const row of (await writer.runAndReadAll('SELECT symbol_id, max(ts) AS ts FROM ticks GROUP BY symbol_id')).getRowObjectsJS()) {
    newestMs.set(Number(row.symbol_id), Number(row.ts));
  }

  let closed = false;
  let buffered = 0;
  // one writer transaction at a time: appends queue behind each other in call order
  let writeChain: Promise<void> = Promise.resolve();

  async function write(batch: Trade[]): Promise<void> {
    await registerSymbols(batch);
    const appender = await writer.createAppender('staging');
    const { columns, firstMs: lo, lastMs: hi, spans } = toColumns(batch, symbolIds);
    for (let offset = 0; offset < batch.length; offset += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, batch.length - offset);
      const chunk = DuckDBDataChunk.create(COLUMN_TYPES, rows);
      chunk.setColumns(columns.map((column) => column.slice(offset, offset + rows)) as never);
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
    appender.closeSync();
    const range = [BigInt(lo), BigInt(hi)];
    const minuteRange = [BigInt(Math.floor(lo / MINUTE_MS) * MINUTE_MS), BigInt(Math.floor(hi / MINUTE_MS) * MINUTE_MS + MINUTE_MS - 1)];
    // live feeds append in time order, so the replace step is usually skipped
    const mayRepeat = [...spans].some(([id, span]) => span.firstMs <= (newestMs.get(id) ?? -Infinity));
    await writer.run('BEGIN');
    try {
      if (mayRepeat) {
        await writer.run(
          `DELETE FROM ticks WHERE ts BETWEEN $1 AND $2 AND (symbol_id, trade_number, ts) IN (SELECT symbol_id, trade_number, ts FROM staging)`,
          range,
        );
      }
      await writer.run('INSERT INTO ticks SELECT * FROM staging');
      await writer.run(REBUILD_MINUTES, minuteRange);
      await writer.run('COMMIT');
      for (const [id, span] of spans) if (span.lastMs > (newestMs.get(id) ?? -Infinity)) newestMs.set(id, span.lastMs);
    } catch (error) {
      await writer.run('ROLLBACK');
      throw error;
    } finally {
      await writer.run('DELETE FROM staging');
    }
  }

  return {
    kind: 'duckdb',
    append(trades) {
      if (trades.length === 0) return Promise.resolve();
      const batch = latestPerKey(trades);
      buffered += batch.length;
      const done = writeChain.then(() => write(batch)).finally(() => void (buffered -= batch.length));
      writeChain = done.catch(() => undefined);
      return done;
    },

    async lastTrades(symbols) {
      const found = new Map<TickerSymbol, Trade>();
      const ids = symbols.flatMap((symbol) => symbolIds.get(symbol) ?? []);
      if (ids.length === 0) return found;
      const reader$ = await reader.runAndReadAll(LAST_TRADES(ids.length), ids);
      for (const row of reader$.getRowObjectsJS()) {
        const aggressor = AGGRESSORS[Number(row.aggressor)] ?? 'UNKNOWN';
        const trade: Trade = {
          symbol: String(row.symbol) as TickerSymbol,
          exchange: String(row.exchange),
          tradeNumber: Number(row.trade_number),
          price: unitsToPrice(big(row.price)),
          quantity: Number(row.quantity),
          aggressor,
          time: new Date(Number(row.ts)).toISOString(),
          isEdit: Boolean(row.is_edit),
        };
        found.set(trade.symbol, trade);
      }
      return found;
    },

    async candles(query: CandleQuery): Promise<Candle[]> {
      const id = symbolIds.get(query.symbol);
      if (id === undefined) return [];
      const span = barSpan(query.interval, query.fromMs, query.toMs);
      if (span.toMs <= span.fromMs) return [];
      const limit = BigInt(query.limit ?? NO_LIMIT);
      if (query.interval !== 'D1') {
        const size = INTERVAL_MS[query.interval] / MINUTE_MS;
        const result = await reader.runAndReadAll(BARS_FROM_MINUTES, [id, BigInt(size), BigInt(span.fromMs / MINUTE_MS), BigInt(span.toMs / MINUTE_MS), limit]);
        return result
          .getRowObjectsJS()
          .reverse()
          .map((row) => candleFromAggregate(query.symbol, query.interval, rowToAggregate(row, Number(row.bucket) * MINUTE_MS)));
      }
      // São Paulo days from hourly bars; the span starts and ends on day boundaries
      const hours = await reader.runAndReadAll(BARS_FROM_MINUTES, [id, 60n, BigInt(span.fromMs / MINUTE_MS), BigInt(span.toMs / MINUTE_MS), BigInt(NO_LIMIT)]);
      const days = foldHoursIntoDays(
        hours.getRowObjectsJS().reverse().map((row) => rowToAggregate(row, Number(row.bucket) * MINUTE_MS)),
        (day, hour) => {
          if (hour.high > day.high) day.high = hour.high;
          if (hour.low < day.low) day.low = hour.low;
          day.close = hour.close;
          day.volume += hour.volume;
          day.trades += hour.trades;
          day.turnover += hour.turnover;
        },
      );
      return days.slice(-Number(limit)).map((day) => candleFromAggregate(query.symbol, 'D1', day));
    },

    bufferedRows: () => buffered,

    async ping() {
      await reader.run('SELECT 1');
    },

    async close() {
      if (closed) return;
      closed = true;
      await writeChain;
      reader.closeSync();
      writer.closeSync();
      instance.closeSync();
    },
  };
}
