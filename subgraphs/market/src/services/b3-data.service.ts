import { createReadRetry } from '@b3/kit';
import { MarketErrors } from '../errors';
import type { Check } from '../domain/b3/check';
import { checkContractMonth } from '../domain/b3/contract-month';
import type { DailyAdjustment } from '../domain/b3/daily-adjustment';
import { addDays, checkDate, checkInstant, daysBetween } from '../domain/b3/dates';
import type { DxyBar, DxyTick } from '../domain/b3/dxy';
import { checkIndicatorName, type Indicator, type IndicatorHistoryPoint } from '../domain/b3/indicator';
import { type B3Instrument, checkInstrument, checkUnderlying } from '../domain/b3/instruments';
import type { Snapshot } from '../domain/b3/snapshot';
import { buildSurfaceGrid, checkDeltaBucket, type DeltaBucket, type VolSurfaceGrid } from '../domain/b3/vol-surface';
import { CANDLE_INTERVALS, type CandleInterval, INTERVAL_MS } from '../domain/candle';
import type { OptionChain } from '../domain/option-chain';
import { saoPauloDate } from '../domain/session-time';
import type { B3Store } from '../store/b3.store';
import type { OptionChainSource } from './option-chain.port';

const DAY_MS = 86_400_000;

export const B3_QUERY_LIMITS = {
  /** Rows a list query returns when no limit is given, and the most it may ask for. */
  defaultRows: 1000,
  maxRows: 10_000,
  /** The widest from/to range, in days. */
  maxRangeDays: 366,
  /** How far back `from` goes when only `to` (or nothing) is given. */
  defaultRangeDays: 30,
  /** DXY bars per request. */
  maxBuckets: 10_000,
} as const;

export type ReadRetry = <T>(read: () => Promise<T>) => Promise<T>;

export interface B3DataServiceOptions {
  /** Wraps every store read; createReadRetry() by default (transient failures retried twice). */
  read?: ReadRetry;
  now?: () => number;
}

/** Instants as ISO-8601 text: [from, to); `to` defaults to now and `from` to 30 days before `to`. */
export interface InstantRangeArgs {
  from?: string | null;
  to?: string | null;
}

export interface SnapshotArgs extends InstantRangeArgs {
  instrument: string;
  contractMonth?: string | null;
  limit?: number | null;
}

/** São Paulo dates, both ends included; `to` defaults to today and `from` to 30 days before `to`. */
export interface DateRangeArgs {
  from?: string | null;
  to?: string | null;
}

/** `field` names the GraphQL argument, so a client knows which input to fix. */
function argument<T>(field: string, check: Check<T>): T {
  if (!check.ok) throw MarketErrors.badArgument(field, `${field}: ${check.reason}`);
  return check.value;
}

/**
 * Read side of B3 market data: checks every argument (a bad one is BAD_USER_INPUT naming it, never a
 * store error), applies defaults and limits, and reads through the retry wrapper.
 */
export class B3DataService implements OptionChainSource {
  private readonly read: ReadRetry;
  private readonly now: () => number;

  constructor(
    private readonly store: B3Store,
    options: B3DataServiceOptions = {},
  ) {
    this.read = options.read ?? createReadRetry();
    this.now = options.now ?? Date.now;
  }

  /** Settlements of an instrument (one contract month, or all), oldest first; the newest `limit` of the range. */
  async snapshots(args: SnapshotArgs): Promise<Snapshot[]> {
    const instrument = argument('instrument', checkInstrument(args.instrument));
    const contractMonth = args.contractMonth == null ? null : argument('contractMonth', checkContractMonth(args.contractMonth));
    const { fromMs, toMs } = this.instantRange(args);
    const limit = this.limit(args.limit);
    return this.read(() => this.store.snapshots({ instrument, contractMonth, fromMs, toMs, limit }));
  }

  async latestSnapshot(instrument: string, contractMonth: string): Promise<Snapshot | null> {
    const checked = argument('instrument', checkInstrument(instrument));
    const month = argument('contractMonth', checkContractMonth(contractMonth));
    return this.read(() => this.store.latestSnapshot(checked, month));
  }

  async indicators(): Promise<Indicator[]> {
    return this.read(() => this.store.indicators());
  }

  async indicator(name: string): Promise<Indicator | null> {
    const checked = argument('name', checkIndicatorName(name));
    return this.read(() => this.store.indicator(checked));
  }

  async indicatorHistory(name: string, range: DateRangeArgs = {}): Promise<IndicatorHistoryPoint[]> {
    const checked = argument('name', checkIndicatorName(name));
    const to = range.to == null ? saoPauloDate(this.now()) : argument('to', checkDate(range.to));
    const from = range.from == null ? addDays(to, -B3_QUERY_LIMITS.defaultRangeDays) : argument('from', checkDate(range.from));
    if (from > to) throw MarketErrors.badArgument('from', `from (${from}) is after to (${to})`);
    if (daysBetween(from, to) > B3_QUERY_LIMITS.maxRangeDays) {
      throw MarketErrors.badArgument('from', `the range ${from}..${to} spans more than ${B3_QUERY_LIMITS.maxRangeDays} days`);
    }
    return this.read(() => this.store.indicatorHistory(checked, from, to));
  }

  /** The surface on `date` (default: the latest date with data) as a grid, or null when there is none. */
  async volSurface(underlying: string, date?: string | null, deltaBuckets?: readonly string[] | null): Promise<VolSurfaceGrid | null> {
    const checked = argument('underlying', checkUnderlying(underlying));
    const day = date == null ? null : argument('date', checkDate(date));
    let buckets: DeltaBucket[] | undefined;
    if (deltaBuckets != null) {
      if (deltaBuckets.length === 0) throw MarketErrors.badArgument('deltaBuckets', 'deltaBuckets: give at least one bucket, or leave it out for all');
      buckets = deltaBuckets.map((bucket) => argument('deltaBuckets', checkDeltaBucket(bucket)));
    }
    const points = await this.read(() => this.store.volSurface(checked, day));
    if (points.length === 0) return null;
    return buildSurfaceGrid(checked, points[0].date, points, buckets);
  }

  async dailyAdjustments(date: string, instrument?: string | null): Promise<DailyAdjustment[]> {
    const day = argument('date', checkDate(date));
    const checked: B3Instrument | null = instrument == null ? null : argument('instrument', checkInstrument(instrument));
    return this.read(() => this.store.dailyAdjustments(day, checked));
  }

  /** DXY ticks of [from, to), oldest first; the newest `limit` of them. */
  async dxyTicks(range: InstantRangeArgs & { limit?: number | null } = {}): Promise<DxyTick[]> {
    const { fromMs, toMs } = this.instantRange(range);
    const limit = this.limit(range.limit);
    return this.read(() => this.store.dxyTicks(fromMs, toMs, limit));
  }

  /** OHLC + count of the bars starting in [from, to); D1 bars are São Paulo days. */
  async dxyBuckets(interval: string, range: InstantRangeArgs = {}): Promise<DxyBar[]> {
    if (!(CANDLE_INTERVALS as readonly string[]).includes(interval)) {
      throw MarketErrors.badArgument('interval', `interval: ${JSON.stringify(interval)} is not one of ${CANDLE_INTERVALS.join(', ')}`);
    }
    const checked = interval as CandleInterval;
    const { fromMs, toMs } = this.instantRange(range);
    if ((toMs - fromMs) / INTERVAL_MS[checked] > B3_QUERY_LIMITS.maxBuckets) {
      throw MarketErrors.badArgument('from', `the range holds more than ${B3_QUERY_LIMITS.maxBuckets} ${checked} bars; narrow it or use a longer interval`);
    }
    return this.read(() => this.store.dxyBars(checked, fromMs, toMs));
  }

  /** The newest options chain of an underlying (the OptionChainSource port). */
  async latestChain(underlying: string): Promise<OptionChain | null> {
    const checked = argument('underlying', checkUnderlying(underlying));
    return this.read(() => this.store.latestChain(checked));
  }

  private instantRange(range: InstantRangeArgs): { fromMs: number; toMs: number } {
    const toMs = range.to == null ? this.now() + 1 : Date.parse(argument('to', checkInstant(range.to)));
    const fromMs = range.from == null ? toMs - B3_QUERY_LIMITS.defaultRangeDays * DAY_MS : Date.parse(argument('from', checkInstant(range.from)));
    if (fromMs >= toMs) throw MarketErrors.badArgument('from', `from (${new Date(fromMs).toISOString()}) must be before to (${new Date(toMs).toISOString()})`);
    if (toMs - fromMs > B3_QUERY_LIMITS.maxRangeDays * DAY_MS) {
      throw MarketErrors.badArgument('from', `the range spans more than ${B3_QUERY_LIMITS.maxRangeDays} days`);
    }
    return { fromMs, toMs };
  }

  private limit(limit: number | null | undefined): number {
    const value = limit ?? B3_QUERY_LIMITS.defaultRows;
    if (!Number.isInteger(value) || value < 1 || value > B3_QUERY_LIMITS.maxRows) {
      throw MarketErrors.badArgument('limit', `limit must be a whole number from 1 to ${B3_QUERY_LIMITS.maxRows}, got ${value}`);
    }
    return value;
  }
}
