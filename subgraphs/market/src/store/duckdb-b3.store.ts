import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { normalizeDecimalString } from '@b3/kit';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { compareContractMonths } from '../domain/b3/contract-month';
import type { DailyAdjustment } from '../domain/b3/daily-adjustment';
import { type DxyAggregate, dxyBar, dxyDays } from '../domain/b3/dxy';
import { B3_IMPORT_KINDS, type B3ImportKind, type B3Rows } from '../domain/b3/import-kinds';
import type { Indicator, IndicatorHistoryPoint } from '../domain/b3/indicator';
import type { B3Instrument } from '../domain/b3/instruments';
import { type OptionChainRow, type OptionKind, toOptionChain } from '../domain/b3/option-row';
import type { Snapshot, SnapshotStatus } from '../domain/b3/snapshot';
import type { DeltaBucket, VolSurfacePoint } from '../domain/b3/vol-surface';
import { barSpan, INTERVAL_MS } from '../domain/candle';
import type { B3Store, B3WriteSession, SnapshotQuery } from './b3.store';

const HOUR_MS = INTERVAL_MS.H1;
/** Exact decimals: 12 integer digits, 6 decimals (see domain/b3/decimal.ts). */
const DECIMAL = 'DECIMAL(18,6)';

interface Column {
  name: string;
  type: string;
  key?: boolean;
  nullable?: boolean;
}

/**
 * How a kind is laid out in DuckDB. Rows are staged as text (exact strings, never JS floats) and cast
 * by DuckDB on the way into the typed table; instants are epoch milliseconds, dates DATE.
 */
interface TableSpec<R> {
  table: string;
  columns: readonly Column[];
  cells(row: R): Array<string | null>;
  /** SQL over the staged row `x` and the stored row `t`: true when the stored row is newer and must stay. */
  keepStored?: string;
}

const ms = (iso: string): string => String(Date.parse(iso));

const TABLES: { [K in B3ImportKind]: TableSpec<B3Rows[K]> } = {
  SNAPSHOTS: {
    table: 'b3_snapshots',
    columns: [
      { name: 'instrument', type: 'VARCHAR', key: true },
      { name: 'contract_month', type: 'VARCHAR', key: true },
      { name: 'ts', type: 'BIGINT', key: true },
      { name: 'settlement_price', type: DECIMAL },
      { name: 'previous_settlement', type: DECIMAL, nullable: true },
      { name: 'status', type: 'VARCHAR' },
      { name: 'source', type: 'VARCHAR' },
    ],
    cells: (r) => [r.instrument, r.contractMonth, ms(r.timestamp), r.settlementPrice, r.previousSettlement, r.status, r.source],
  },
  INDICATORS: {
    table: 'b3_indicators',
    columns: [
      { name: 'name', type: 'VARCHAR', key: true },
      { name: 'value', type: DECIMAL },
      { name: 'display_value', type: 'VARCHAR' },
      { name: 'updated_at', type: 'BIGINT' },
    ],
    cells: (r) => [r.name, r.value, r.displayValue, ms(r.updatedAt)],
    // the table holds the latest value per name: an older publication imported later does not replace it
    keepStored: 'x.updated_at < t.updated_at',
  },
  INDICATOR_HISTORY: {
    table: 'b3_indicator_history',
    columns: [
      { name: 'name', type: 'VARCHAR', key: true },
      { name: 'date', type: 'DATE', key: true },
      { name: 'value', type: DECIMAL },
    ],
    cells: (r) => [r.name, r.date, r.value],
  },
  VOL_SURFACE: {
    table: 'b3_vol_surface',
    columns: [
      { name: 'underlying', type: 'VARCHAR', key: true },
      { name: 'date', type: 'DATE', key: true },
      { name: 'contract_month', type: 'VARCHAR', key: true },
      { name: 'delta_bucket', type: 'VARCHAR', key: true },
      { name: 'vol', type: DECIMAL },
    ],
    cells: (r) => [r.underlying, r.date, r.contractMonth, r.deltaBucket, r.vol],
  },
  ADJUSTMENTS: {
    table: 'b3_daily_adjustments',
    columns: [
      { name: 'date', type: 'DATE', key: true },
      { name: 'instrument', type: 'VARCHAR', key: true },
      { name: 'contract_month', type: 'VARCHAR', key: true },
      { name: 'previous_settlement', type: DECIMAL },
      { name: 'settlement', type: DECIMAL },
      { name: 'adjustment_per_contract', type: DECIMAL },
    ],
    cells: (r) => [r.date, r.instrument, r.contractMonth, r.previousSettlement, r.settlement, r.adjustmentPerContract],
  },
  DXY: {
    table: 'b3_dxy_ticks',
    columns: [
      { name: 'ts', type: 'BIGINT', key: true },
      { name: 'price', type: DECIMAL },
    ],
    cells: (r) => [ms(r.time), r.price],
  },
  OPTIONS: {
    table: 'b3_option_quotes',
    columns: [
      { name: 'underlying', type: 'VARCHAR', key: true },
      { name: 'as_of', type: 'BIGINT', key: true },
      { name: 'symbol', type: 'VARCHAR', key: true },
      { name: 'underlying_price', type: DECIMAL },
      { name: 'rate', type: DECIMAL },
      { name: 'kind', type: 'VARCHAR' },
      { name: 'strike', type: DECIMAL },
      { name: 'open_interest', type: 'BIGINT' },
      { name: 'implied_vol', type: DECIMAL },
      { name: 'expiry', type: 'DATE' },
      { name: 'multiplier', type: 'INTEGER' },
    ],
    cells: (r) => [r.underlying, ms(r.asOf), r.symbol, r.underlyingPrice, r.rate, r.kind, r.strike, String(r.openInterest), r.impliedVol, r.expiry, String(r.multiplier)],
  },
};

function createTable(spec: TableSpec<never>): string {
  const columns = spec.columns.map((c) => `${c.name} ${c.type}${c.nullable ? '' : ' NOT NULL'}`);
  const keys = spec.columns.filter((c) => c.key).map((c) => c.name);
  return `CREATE TABLE IF NOT EXISTS ${spec.table} (${columns.join(', ')}, PRIMARY KEY (${keys.join(', ')}))`;
}

/** The SQL one kind's upserts need, generated once from its spec. */
function upsertSql(spec: TableSpec<never>): { createStage: string; counts: string; write: string; clear: string; stage: string } {
  const stage = `stage_${spec.table}`;
  const typed = `SELECT ${spec.columns.map((c) => `CAST(${c.name} AS ${c.type}) AS ${c.name}`).join(', ')} FROM ${stage}`;
  const keys = spec.columns.filter((c) => c.key);
  const join = keys.map((c) => `t.${c.name} = x.${c.name}`).join(' AND ');
  const missing = `t.${keys[0].name} IS NULL`;
  const changed = `(${spec.columns.filter((c) => !c.key).map((c) => `x.${c.name} IS DISTINCT FROM t.${c.name}`).join(' OR ')})`;
  const replaces = spec.keepStored ? `(${changed} AND NOT (${spec.keepStored}))` : changed;
  const from = `WITH x AS (${typed}) SELECT %s FROM x LEFT JOIN ${spec.table} t ON ${join}`;
  return {
    stage,
    createStage: `CREATE TEMP TABLE IF NOT EXISTS ${stage} (${spec.columns.map((c) => `${c.name} VARCHAR`).join(', ')})`,
    counts: from.replace('%s', `count(*) FILTER (WHERE ${missing}) AS inserted, count(*) FILTER (WHERE NOT ${missing} AND ${replaces}) AS updated, count(*) AS total`),
    write: `INSERT OR REPLACE INTO ${spec.table} ${from.replace('%s', 'x.*')} WHERE ${missing} OR ${replaces}`,
    clear: `DELETE FROM ${stage}`,
  };
}

type Row = Record<string, unknown>;
const text = (value: unknown): string => String(value);
/** DECIMAL columns are read as VARCHAR ("38.010000") and lose only their padding. */
const decimal = (value: unknown): string => normalizeDecimalString(String(value));
const iso = (value: unknown): string => new Date(Number(value)).toISOString();
const decimalSelect = (column: string, alias = column): string => `CAST(${column} AS VARCHAR) AS ${alias}`;

const SNAPSHOT_COLUMNS = `instrument, contract_month, ts, ${decimalSelect('settlement_price')}, ${decimalSelect('previous_settlement')}, status, source`;
const toSnapshot = (r: Row): Snapshot => ({
  instrument: text(r.instrument) as B3Instrument,
  contractMonth: text(r.contract_month),
  settlementPrice: decimal(r.settlement_price),
  previousSettlement: r.previous_settlement === null ? null : decimal(r.previous_settlement),
  status: text(r.status) as SnapshotStatus,
  source: text(r.source),
  timestamp: iso(r.ts),
});

const INDICATOR_COLUMNS = `name, ${decimalSelect('value')}, display_value, updated_at`;
const toIndicator = (r: Row): Indicator => ({ name: text(r.name), value: decimal(r.value), displayValue: text(r.display_value), updatedAt: iso(r.updated_at) });

const toAggregate = (r: Row, sizeMs: number): DxyAggregate => ({
  startMs: Number(r.bucket) * sizeMs,
  open: decimal(r.open),
  high: decimal(r.high),
  low: decimal(r.low),
  close: decimal(r.close),
  count: Number(r.n),
});

const DXY_BARS = `
  SELECT ts // $1 AS bucket,
         ${decimalSelect('arg_min(price, ts)', 'open')}, ${decimalSelect('max(price)', 'high')},
         ${decimalSelect('min(price)', 'low')}, ${decimalSelect('arg_max(price, ts)', 'close')}, count(*) AS n
    FROM b3_dxy_ticks
   WHERE ts >= $2 AND ts < $3
   GROUP BY bucket
   ORDER BY bucket`;

const OPTION_COLUMNS = `underlying, as_of, symbol, ${decimalSelect('underlying_price')}, ${decimalSelect('rate')}, kind, ${decimalSelect('strike')},
  open_interest, ${decimalSelect('implied_vol')}, CAST(expiry AS VARCHAR) AS expiry, multiplier`;
const toOptionRow = (r: Row): OptionChainRow => ({
  asOf: iso(r.as_of),
  underlying: text(r.underlying),
  underlyingPrice: decimal(r.underlying_price),
  rate: decimal(r.rate),
  symbol: text(r.symbol),
  kind: text(r.kind) as OptionKind,
  strike: decimal(r.strike),
  openInterest: Number(r.open_interest),
  impliedVol: decimal(r.implied_vol),
  expiry: text(r.expiry),
  multiplier: Number(r.multiplier),
});

/** One statement at a time per connection: DuckDB connections are not meant to run queries concurrently. */
function serialize(connection: DuckDBConnection): (sql: string, params?: DuckDBValue[]) => Promise<Row[]> {
  let chain: Promise<unknown> = Promise.resolve();
  return (sql, params = []) => {
    const result = chain.then(async () => (await connection.runAndReadAll(sql, params)).getRowObjectsJS() as Row[]);
    chain = result.catch(() => undefined);
    return result;
  };
}

/**
 * The B3 data store on DuckDB: its own file (or ':memory:'). Each import writes through its own
 * connection and transaction; reads go through one reader connection and see committed imports only.
 */
export async function openDuckDbB3Store(path: string): Promise<B3Store> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const instance = await DuckDBInstance.create(path);
  const readerConnection = await instance.connect();
  const read = serialize(readerConnection);
  for (const kind of B3_IMPORT_KINDS) await readerConnection.run(createTable(TABLES[kind] as TableSpec<never>));
  const sql = Object.fromEntries(B3_IMPORT_KINDS.map((kind) => [kind, upsertSql(TABLES[kind] as TableSpec<never>)])) as Record<B3ImportKind, ReturnType<typeof upsertSql>>;
  const open = new Set<{ rollback(): Promise<void> }>();
  let closed = false;

  async function begin<K extends B3ImportKind>(kind: K): Promise<B3WriteSession<K>> {
    if (closed) throw new Error('the B3 store is closed');
    const spec = TABLES[kind] as TableSpec<B3Rows[K]>;
    const statements = sql[kind];
    const connection = await instance.connect();
    const run = serialize(connection);
    let finished = false;
    const finish = async (statement: string): Promise<void> => {
      if (finished) return;
      finished = true;
      open.delete(session);
      try {
        await run(statement);
      } finally {
        connection.closeSync();
      }
    };
    const session: B3WriteSession<K> = {
      async write(rows) {
        if (finished) throw new Error('the write session is finished');
        if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
        const appender = await connection.createAppender(statements.stage);
        try {
          for (const row of rows) {
            for (const cell of spec.cells(row)) {
              if (cell === null) appender.appendNull();
              else appender.appendVarchar(cell);
            }
            appender.endRow();
          }
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
        try {
          const [counts] = await run(statements.counts);
          await run(statements.write);
          const inserted = Number(counts.inserted);
          const updated = Number(counts.updated);
          return { inserted, updated, unchanged: Number(counts.total) - inserted - updated };
        } finally {
          await run(statements.clear);
        }
      },
      commit: () => finish('COMMIT'),
      rollback: () => finish('ROLLBACK'),
    };
    try {
      await run(statements.createStage);
      await run('BEGIN TRANSACTION');
    } catch (error) {
      connection.closeSync();
      throw error;
    }
    open.add(session);
    return session;
  }

  const store: B3Store = {
    begin,

    async upsert(kind, rows) {
      const session = await begin(kind);
      try {
        const counts = await session.write(rows);
        await session.commit();
        return counts;
      } catch (error) {
        await session.rollback();
        throw error;
      }
    },

    async snapshots(query: SnapshotQuery) {
      const rows = await read(
        `SELECT ${SNAPSHOT_COLUMNS} FROM b3_snapshots
          WHERE instrument = $1 AND ($2::VARCHAR IS NULL OR contract_month = $2) AND ts >= $3 AND ts < $4
          ORDER BY ts DESC, contract_month DESC LIMIT $5`,
        [query.instrument, query.contractMonth, BigInt(query.fromMs), BigInt(query.toMs), BigInt(query.limit)],
      );
      return rows.reverse().map(toSnapshot);
    },

    async latestSnapshot(instrument, contractMonth) {
      const [row] = await read(`SELECT ${SNAPSHOT_COLUMNS} FROM b3_snapshots WHERE instrument = $1 AND contract_month = $2 ORDER BY ts DESC LIMIT 1`, [
        instrument,
        contractMonth,
      ]);
      return row ? toSnapshot(row) : null;
    },

    async indicators() {
      return (await read(`SELECT ${INDICATOR_COLUMNS} FROM b3_indicators ORDER BY name`)).map(toIndicator);
    },

    async indicator(name) {
      const [row] = await read(`SELECT ${INDICATOR_COLUMNS} FROM b3_indicators WHERE name = $1`, [name]);
      return row ? toIndicator(row) : null;
    },

    async indicatorHistory(name, fromDate, toDate) {
      const rows = await read(
        `SELECT name, CAST(date AS VARCHAR) AS date, ${decimalSelect('value')} FROM b3_indicator_history
          WHERE name = $1 AND date BETWEEN CAST($2 AS DATE) AND CAST($3 AS DATE) ORDER BY date`,
        [name, fromDate, toDate],
      );
      return rows.map((r): IndicatorHistoryPoint => ({ name: text(r.name), date: text(r.date), value: decimal(r.value) }));
    },

    async volSurface(underlying, date) {
      const rows = await read(
        `SELECT underlying, CAST(date AS VARCHAR) AS date, contract_month, delta_bucket, ${decimalSelect('vol')} FROM b3_vol_surface
          WHERE underlying = $1
            AND date = coalesce(CAST($2 AS DATE), (SELECT max(date) FROM b3_vol_surface WHERE underlying = $1))`,
        [underlying, date],
      );
      return rows.map(
        (r): VolSurfacePoint => ({
          underlying: text(r.underlying),
          date: text(r.date),
          contractMonth: text(r.contract_month),
          deltaBucket: text(r.delta_bucket) as DeltaBucket,
          vol: decimal(r.vol),
        }),
      );
    },

    async dailyAdjustments(date, instrument) {
      const rows = await read(
        `SELECT CAST(date AS VARCHAR) AS date, instrument, contract_month, ${decimalSelect('previous_settlement')}, ${decimalSelect('settlement')},
                ${decimalSelect('adjustment_per_contract')}
           FROM b3_daily_adjustments WHERE date = CAST($1 AS DATE) AND ($2::VARCHAR IS NULL OR instrument = $2)`,
        [date, instrument],
      );
      return rows
        .map(
          (r): DailyAdjustment => ({
            date: text(r.date),
            instrument: text(r.instrument) as B3Instrument,
            contractMonth: text(r.contract_month),
            previousSettlement: decimal(r.previous_settlement),
            settlement: decimal(r.settlement),
            adjustmentPerContract: decimal(r.adjustment_per_contract),
          }),
        )
        .sort((a, b) => a.instrument.localeCompare(b.instrument) || compareContractMonths(a.contractMonth, b.contractMonth));
    },

    async dxyTicks(fromMs, toMs, limit) {
      const rows = await read(`SELECT ts, ${decimalSelect('price')} FROM b3_dxy_ticks WHERE ts >= $1 AND ts < $2 ORDER BY ts DESC LIMIT $3`, [
        BigInt(fromMs),
        BigInt(toMs),
        BigInt(limit),
      ]);
      return rows.reverse().map((r) => ({ time: iso(r.ts), price: decimal(r.price) }));
    },

    async dxyBars(interval, fromMs, toMs) {
      const { fromMs: first, toMs: end } = barSpan(interval, fromMs, toMs);
      if (end <= first) return [];
      if (interval !== 'D1') {
        const size = INTERVAL_MS[interval];
        const rows = await read(DXY_BARS, [BigInt(size), BigInt(first), BigInt(end)]);
        return rows.map((r) => dxyBar(interval, toAggregate(r, size)));
      }
      // São Paulo days from hourly bars: Brazil's offsets are whole hours, so days start on an hour
      const hours = await read(DXY_BARS, [BigInt(HOUR_MS), BigInt(first), BigInt(end)]);
      return dxyDays(hours.map((r) => toAggregate(r, HOUR_MS))).map((day) => dxyBar('D1', day));
    },

    async latestChain(underlying) {
      const rows = await read(
        `SELECT ${OPTION_COLUMNS} FROM b3_option_quotes
          WHERE underlying = $1 AND as_of = (SELECT max(as_of) FROM b3_option_quotes WHERE underlying = $1)
          ORDER BY expiry, strike, kind, symbol`,
        [underlying],
      );
      return toOptionChain(rows.map(toOptionRow));
    },

    async rowCounts() {
      const counts = {} as Record<B3ImportKind, number>;
      for (const kind of B3_IMPORT_KINDS) {
        const [row] = await read(`SELECT count(*) AS n FROM ${TABLES[kind].table}`);
        counts[kind] = Number(row.n);
      }
      return counts;
    },

    async isEmpty() {
      return Object.values(await store.rowCounts()).every((n) => n === 0);
    },

    async ping() {
      await read('SELECT 1');
    },

    async close() {
      if (closed) return;
      closed = true;
      for (const session of [...open]) await session.rollback().catch(() => undefined);
      await read('SELECT 1').catch(() => undefined); // let queued reads finish
      readerConnection.closeSync();
      instance.closeSync();
    },
  };
  return store;
}
