import type { Logger } from '@b3/kit';
import { Sender } from '@questdb/nodejs-client';
import { Pool } from 'pg';
import { barSpan, barStart, type BarAggregate, type CandleInterval, candleFromAggregate } from '../domain/candle';
import { unitsToPrice } from '../domain/price-units';
import { AGGRESSORS, type Aggressor, type TickerSymbol, type Trade } from '../domain/trade';
import { type IlpTradeRow, ilpSenderConfig, ilpTradeRow, writeIlpTradeRow } from './questdb-ilp';
import {
  assertTableName,
  candlesSql,
  candleTradeWindowStart,
  createTradesTableSql,
  latestTimestampsSql,
  pingSql,
  type SqlStatement,
  tradesAtSql,
} from './questdb-sql';
import type { TickStore } from './tick.store';

export type QuestDbLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface QuestDbTickStoreOptions {
  /** Sender configuration string, e.g. `http::addr=127.0.0.1:9000` (see ilpSenderConfig for what is added). */
  ilp: string;
  /** PostgreSQL-wire connection string, e.g. `postgres://admin:quest@127.0.0.1:8812/qdb`. */
  pg: string;
  /** Default `trades`; must match /^[a-z_][a-z0-9_]*$/i. */
  table?: string;
  /** Flush as soon as this many rows are buffered (default 10,000). */
  flushRows?: number;
  /** Flush rows that have waited this long (default 500 ms). */
  flushIntervalMs?: number;
  /** append() refuses a batch that would buffer more than this while QuestDB is unreachable (default 500,000). */
  maxBufferedRows?: number;
  /**
   * Create the table at open (default true). Off only when the table is managed elsewhere: ILP would
   * otherwise create it on first write, without the dedup keys.
   */
  createTable?: boolean;
  logger?: QuestDbLogger;
}

export interface QuestDbTickStore extends TickStore {
  readonly kind: 'questdb';
  readonly table: string;
  /** Sends every buffered row now; rejects (keeping the rows for the next attempt) if QuestDB refuses them. */
  flush(): Promise<void>;
}

const DEFAULT_FLUSH_ROWS = 10_000;
const DEFAULT_FLUSH_INTERVAL_MS = 500;
const DEFAULT_MAX_BUFFERED_ROWS = 500_000;
// a handful of connections: reads are short aggregate queries and QuestDB serves them in parallel
const PG_POOL_MAX = 4;

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  const result = value ?? fallback;
  if (!Number.isSafeInteger(result) || result < 1) throw new RangeError(`QuestDB tick store: ${name} must be a positive integer, got ${value}`);
  return result;
}

/**
 * Trades in QuestDB: written over ILP/HTTP in batches (by size and by time), read over the PostgreSQL
 * wire. The store, not the ILP client, decides when to flush: the client only checks its interval when
 * a row is added and does not report how many rows it holds.
 */
export async function openQuestDbTickStore(options: QuestDbTickStoreOptions): Promise<QuestDbTickStore> {
  const table = assertTableName(options.table ?? 'trades');
  const flushRows = positiveInteger(options.flushRows, DEFAULT_FLUSH_ROWS, 'flushRows');
  const flushIntervalMs = positiveInteger(options.flushIntervalMs, DEFAULT_FLUSH_INTERVAL_MS, 'flushIntervalMs');
  const maxBufferedRows = positiveInteger(options.maxBufferedRows, DEFAULT_MAX_BUFFERED_ROWS, 'maxBufferedRows');
  const senderConfig = ilpSenderConfig(options.ilp);
  const logger = options.logger;

  // connects lazily, so a store whose table is created elsewhere opens without a reachable server
  const pool = new Pool({ connectionString: options.pg, max: PG_POOL_MAX, allowExitOnIdle: true });
  pool.on('error', (err) => logger?.warn({ err }, 'questdb: idle pg connection failed'));
  const run = async (statement: SqlStatement) => (await pool.query<Record<string, unknown>>(statement.text, [...statement.values])).rows;

  let sender: Sender;
  try {
    if (options.createTable !== false) await run(createTradesTableSql(table));
    sender = await Sender.fromConfig(senderConfig, logger ? { log: clientLog(logger) } : undefined);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }

  const writer = new BatchWriter(sender, table, { flushRows, flushIntervalMs, maxBufferedRows }, logger);
  let closing: Promise<void> | undefined;

  return {
    kind: 'questdb',
    table,
    append: (trades) => writer.append(trades),
    flush: () => writer.flush(),
    bufferedRows: () => writer.bufferedRows(),

    async candles({ symbol, interval, fromMs, toMs, limit }) {
      const range = barSpan(interval, fromMs, toMs);
      if (range.fromMs >= range.toMs) return [];
      const read = async (tradesFromMs: number) => {
        const bars = (await run(candlesSql(table, symbol, interval, tradesFromMs, range.toMs))).map(barFromRow);
        const misaligned = bars.find((bar) => barStart(interval, bar.startMs) !== bar.startMs);
        // only expected on a historical DST-change day, where QuestDB and session-time.ts may place a midnight differently
        if (misaligned) logger?.warn({ symbol, interval, startMs: misaligned.startMs }, 'questdb: bar start is not an interval boundary');
        return bars;
      };
      const bars = limit === undefined ? await read(range.fromMs) : await latestBars(interval, range, limit, read);
      return bars.map((bar) => candleFromAggregate(symbol, interval, bar));
    },

    async lastTrades(symbols) {
      const found = new Map<TickerSymbol, Trade>();
      const unique = [...new Set(symbols)];
      if (unique.length === 0) return found;
      const latest = await run(latestTimestampsSql(table, unique));
      if (latest.length === 0) return found;
      const points = latest.map((row) => ({ symbol: text(row, 'symbol') as TickerSymbol, tsMicros: integer(row, 'ts_us') }));
      // LATEST ON keeps one row per symbol with no rule among equal timestamps: fetch them all and let the trade number decide
      for (const row of await run(tradesAtSql(table, points))) {
        const trade = tradeFromRow(row);
        const previous = found.get(trade.symbol);
        if (!previous || trade.tradeNumber > previous.tradeNumber) found.set(trade.symbol, trade);
      }
      return found;
    },

    async ping() {
      await run(pingSql());
    },

    close() {
      closing ??= (async () => {
        let failure: unknown;
        try {
          await writer.close();
        } catch (err) {
          failure = err;
        }
        await pool.end();
        if (failure) throw failure;
      })();
      return closing;
    },
  };
}

/**
 * The last `limit` bars of `range`, read from a window of trades that grows until it holds that many
 * bars or covers the range. Empty slots (nights, weekends) mean it usually reaches back further than
 * `limit` slots; growing by 4× keeps the re-read work under a third of the final read.
 */
async function latestBars(
  interval: CandleInterval,
  range: { fromMs: number; toMs: number },
  limit: number,
  read: (tradesFromMs: number) => Promise<BarAggregate[]>,
): Promise<BarAggregate[]> {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`candle limit must be a positive integer, got ${limit}`);
  for (let slots = limit; ; slots *= 4) {
    const windowStart = candleTradeWindowStart(interval, range, slots);
    const bars = await read(windowStart);
    if (bars.length >= limit || windowStart <= range.fromMs) return bars.slice(-limit);
  }
}

/** Routes the ILP client's own messages (retries, unexpected replies) into our log. */
function clientLog(logger: QuestDbLogger): (level: 'error' | 'warn' | 'info' | 'debug', message: string | Error) => void {
  return (level, message) => {
    if (typeof message === 'string') logger[level]({ source: 'questdb-ilp-client' }, message);
    else logger[level]({ source: 'questdb-ilp-client', err: message }, message.message);
  };
}

interface BatchPolicy {
  flushRows: number;
  flushIntervalMs: number;
  maxBufferedRows: number;
}

/**
 * Rows go into the sender's buffer as they are appended; `unsent` mirrors them so that a failed flush
 * (after which the client has already dropped them from its buffer) can write them again.
 */
class BatchWriter {
  private unsent: IlpTradeRow[] = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Flushes run one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly sender: Sender,
    private readonly table: string,
    private readonly policy: BatchPolicy,
    private readonly logger: QuestDbLogger | undefined,
  ) {}

  bufferedRows(): number {
    return this.unsent.length + this.inFlight;
  }

  async append(trades: readonly Trade[]): Promise<void> {
    if (this.closed) throw new Error('QuestDB tick store is closed');
    if (trades.length === 0) return;
    const rows = trades.map(ilpTradeRow);
    if (this.bufferedRows() + rows.length > this.policy.maxBufferedRows) {
      throw new Error(`QuestDB tick store: ${this.bufferedRows()} rows are waiting for QuestDB; refusing ${rows.length} more`);
    }
    // written and counted in one synchronous step, so a flush never sees a row it has not counted
    const written = rows.map((row) => writeIlpTradeRow(this.sender, this.table, row));
    for (const row of rows) this.unsent.push(row);
    await Promise.all(written);
    if (this.unsent.length >= this.policy.flushRows) await this.flush();
    else this.scheduleFlush();
  }

  flush(): Promise<void> {
    const run = this.queue.then(() => this.sendUnsent());
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearTimer();
    try {
      await this.flush();
    } catch (err) {
      this.logger?.error({ err, rows: this.bufferedRows() }, 'questdb: rows lost at close, QuestDB refused the last flush');
      this.sender.reset();
      throw err;
    } finally {
      await this.sender.close();
    }
  }

  private async sendUnsent(): Promise<void> {
    if (this.unsent.length === 0) return;
    this.clearTimer();
    const batch = this.unsent;
    this.unsent = [];
    this.inFlight = batch.length;
    try {
      await this.sender.flush();
      this.logger?.debug({ rows: batch.length }, 'questdb: flushed');
    } catch (err) {
      await Promise.all(batch.map((row) => writeIlpTradeRow(this.sender, this.table, row)));
      this.unsent = this.unsent.concat(batch);
      throw new Error(`QuestDB ILP flush of ${batch.length} rows failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    } finally {
      this.inFlight = 0;
      if (this.unsent.length > 0) this.scheduleFlush();
    }
  }

  private scheduleFlush(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((err: unknown) => this.logger?.error({ err, rows: this.bufferedRows() }, 'questdb: timed flush failed, rows kept for retry'));
    }, this.policy.flushIntervalMs);
    // a pending flush must not keep a process (or a test run) alive; close() flushes what is left
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function text(row: Record<string, unknown>, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new Error(`questdb: column ${column} is not text: ${String(value)}`);
  return value;
}

/** LONG columns arrive from node-postgres as decimal strings (int8 does not fit a JS number). */
function integer(row: Record<string, unknown>, column: string): bigint {
  const value = row[column];
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return BigInt(value);
  throw new Error(`questdb: column ${column} is not an integer: ${String(value)}`);
}

function microsToMs(micros: bigint): number {
  return Number(micros / 1000n);
}

function barFromRow(row: Record<string, unknown>): BarAggregate {
  return {
    startMs: microsToMs(integer(row, 'start_us')),
    open: integer(row, 'open_price'),
    high: integer(row, 'high_price'),
    low: integer(row, 'low_price'),
    close: integer(row, 'close_price'),
    volume: integer(row, 'volume'),
    trades: Number(integer(row, 'trade_count')),
    turnover: integer(row, 'turnover'),
  };
}

function tradeFromRow(row: Record<string, unknown>): Trade {
  const aggressor = text(row, 'aggressor') as Aggressor;
  const isEdit = row.is_edit;
  return {
    symbol: text(row, 'symbol') as TickerSymbol,
    exchange: text(row, 'exchange'),
    price: unitsToPrice(integer(row, 'price')),
    quantity: Number(integer(row, 'quantity')),
    tradeNumber: Number(integer(row, 'trade_number')),
    aggressor: AGGRESSORS.includes(aggressor) ? aggressor : 'UNKNOWN',
    time: new Date(microsToMs(integer(row, 'ts_us'))).toISOString(),
    isEdit: isEdit === true || isEdit === 't' || isEdit === 'true',
  };
}
