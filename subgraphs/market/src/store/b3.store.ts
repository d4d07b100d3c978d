import type { CandleInterval } from '../domain/candle';
import type { DailyAdjustment } from '../domain/b3/daily-adjustment';
import type { DxyBar, DxyTick } from '../domain/b3/dxy';
import type { B3ImportKind, B3Rows } from '../domain/b3/import-kinds';
import type { Indicator, IndicatorHistoryPoint } from '../domain/b3/indicator';
import type { B3Instrument } from '../domain/b3/instruments';
import type { Snapshot } from '../domain/b3/snapshot';
import type { VolSurfacePoint } from '../domain/b3/vol-surface';
import type { OptionChain } from '../domain/option-chain';

/** What an upsert did with the rows it was given; rows equal to what is stored are `unchanged`. */
export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * One import's writes: chunks are written inside one transaction, so readers see the whole file or none
 * of it, and a failure half-way leaves nothing behind. Rows within a session must have distinct keys.
 */
export interface B3WriteSession<K extends B3ImportKind> {
  write(rows: ReadonlyArray<B3Rows[K]>): Promise<UpsertCounts>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface SnapshotQuery {
  instrument: B3Instrument;
  /** null: every contract month of the instrument. */
  contractMonth: string | null;
  /** Snapshots with fromMs ≤ timestamp < toMs. */
  fromMs: number;
  toMs: number;
  limit: number;
}

/**
 * Storage of B3 market data (settlements, indicators, vol surfaces, daily adjustments, DXY ticks and
 * option chains). Every kind is upserted by its natural key (see the domain types), so importing a file
 * again stores nothing new. Lists are returned oldest first; where a limit applies, it keeps the newest.
 */
export interface B3Store {
  begin<K extends B3ImportKind>(kind: K): Promise<B3WriteSession<K>>;
  /** begin + write + commit. */
  upsert<K extends B3ImportKind>(kind: K, rows: ReadonlyArray<B3Rows[K]>): Promise<UpsertCounts>;

  snapshots(query: SnapshotQuery): Promise<Snapshot[]>;
  latestSnapshot(instrument: B3Instrument, contractMonth: string): Promise<Snapshot | null>;
  /** The latest value of every indicator, by name. */
  indicators(): Promise<Indicator[]>;
  indicator(name: string): Promise<Indicator | null>;
  /** Days with fromDate ≤ date ≤ toDate (YYYY-MM-DD), by date. */
  indicatorHistory(name: string, fromDate: string, toDate: string): Promise<IndicatorHistoryPoint[]>;
  /** Every point of the underlying's surface on `date`, or on its latest date when null. */
  volSurface(underlying: string, date: string | null): Promise<VolSurfacePoint[]>;
  /** By instrument, then contract month by expiry. */
  dailyAdjustments(date: string, instrument: B3Instrument | null): Promise<DailyAdjustment[]>;
  /** The newest `limit` ticks with fromMs ≤ time < toMs. */
  dxyTicks(fromMs: number, toMs: number, limit: number): Promise<DxyTick[]>;
  /** Bars (D1: São Paulo days) that start in [fromMs, toMs), each over all of its ticks. */
  dxyBars(interval: CandleInterval, fromMs: number, toMs: number): Promise<DxyBar[]>;
  /** The chain with the newest asOf for the underlying (what OptionChainSource asks for), or null. */
  latestChain(underlying: string): Promise<OptionChain | null>;

  rowCounts(): Promise<Record<B3ImportKind, number>>;
  isEmpty(): Promise<boolean>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
