import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { B3ResolverContext } from './b3.context';
import {
  B3DailyAdjustmentType,
  B3IndicatorPointType,
  B3IndicatorType,
  B3SnapshotType,
  B3VolSurfaceType,
  DxyBucketType,
  DxyTickType,
  toDailyAdjustmentType,
  toDxyBucketType,
  toDxyTickType,
  toIndicatorPointType,
  toIndicatorType,
  toSnapshotType,
  toVolSurfaceType,
} from './b3.types';
import { CandleInterval } from './candle.type';

const INSTANT = 'ISO-8601 with Z or an offset';

/** B3 market data reads: arguments go to B3DataService as given; it checks them and names the bad one. */
@Resolver()
export class B3DataResolver {
  @Query(() => [B3SnapshotType], { description: 'Settlements of [from, to) (default: the last 30 days, at most 366), oldest first; the newest `limit` (default 1000, max 10000)' })
  async b3Snapshots(
    @Arg('instrument', { description: 'DI1, DOL, WIN… (see B3Instrument)' }) instrument: string,
    @Arg('contractMonth', () => String, { nullable: true, description: 'e.g. F27; all months when left out' }) contractMonth: string | null,
    @Arg('from', () => String, { nullable: true, description: INSTANT }) from: string | null,
    @Arg('to', () => String, { nullable: true, description: INSTANT }) to: string | null,
    @Arg('limit', () => Int, { nullable: true }) limit: number | null,
    @Ctx() ctx: B3ResolverContext,
  ): Promise<B3SnapshotType[]> {
    return (await ctx.b3.snapshots({ instrument, contractMonth, from, to, limit })).map(toSnapshotType);
  }

  @Query(() => B3SnapshotType, { nullable: true, description: 'The latest settlement of a contract' })
  async b3Snapshot(@Arg('instrument') instrument: string, @Arg('contractMonth') contractMonth: string, @Ctx() ctx: B3ResolverContext): Promise<B3SnapshotType | null> {
    const snapshot = await ctx.b3.latestSnapshot(instrument, contractMonth);
    return snapshot ? toSnapshotType(snapshot) : null;
  }

  @Query(() => [B3IndicatorType], { description: 'The latest value of every indicator, by name' })
  async b3Indicators(@Ctx() ctx: B3ResolverContext): Promise<B3IndicatorType[]> {
    return (await ctx.b3.indicators()).map(toIndicatorType);
  }

  @Query(() => B3IndicatorType, { nullable: true })
  async b3Indicator(@Arg('name', { description: 'e.g. SELIC, CDI, IPCA, PTAX, IBOV' }) name: string, @Ctx() ctx: B3ResolverContext): Promise<B3IndicatorType | null> {
    const indicator = await ctx.b3.indicator(name);
    return indicator ? toIndicatorType(indicator) : null;
  }

  @Query(() => [B3IndicatorPointType], { description: 'Daily values with from ≤ date ≤ to (default: the last 30 days, at most 366), by date' })
  async b3IndicatorHistory(
    @Arg('name') name: string,
    @Arg('from', () => String, { nullable: true, description: 'YYYY-MM-DD' }) from: string | null,
    @Arg('to', () => String, { nullable: true, description: 'YYYY-MM-DD, default today in São Paulo' }) to: string | null,
    @Ctx() ctx: B3ResolverContext,
  ): Promise<B3IndicatorPointType[]> {
    return (await ctx.b3.indicatorHistory(name, { from, to })).map(toIndicatorPointType);
  }

  @Query(() => B3VolSurfaceType, { nullable: true, description: 'The implied vol surface of an underlying as a grid; null when none is stored' })
  async volSurface(
    @Arg('underlying', { description: 'e.g. DOL, BOVA11, PETR4' }) underlying: string,
    @Arg('date', () => String, { nullable: true, description: 'YYYY-MM-DD; the latest date with data when left out' }) date: string | null,
    @Arg('deltaBuckets', () => [String], { nullable: true, description: 'Columns to include (10P, 25P, ATM, 25C, 10C); all when left out' }) deltaBuckets: string[] | null,
    @Ctx() ctx: B3ResolverContext,
  ): Promise<B3VolSurfaceType | null> {
    const grid = await ctx.b3.volSurface(underlying, date, deltaBuckets);
    return grid ? toVolSurfaceType(grid) : null;
  }

  @Query(() => [B3DailyAdjustmentType], { description: "A session's daily adjustments, by instrument and expiry" })
  async dailyAdjustments(
    @Arg('date', { description: 'YYYY-MM-DD' }) date: string,
    @Arg('instrument', () => String, { nullable: true, description: 'All instruments when left out' }) instrument: string | null,
    @Ctx() ctx: B3ResolverContext,
  ): Promise<B3DailyAdjustmentType[]> {
    return (await ctx.b3.dailyAdjustments(date, instrument)).map(toDailyAdjustmentType);
  }

  @Query(() => [DxyTickType], { description: 'DXY ticks of [from, to) (default: the last 30 days, at most 366), oldest first; the newest `limit` (default 1000, max 10000)' })
  async dxyTicks(
    @Arg('from', () => String, { nullable: true, description: INSTANT }) from: string | null,
    @Arg('to', () => String, { nullable: true, description: INSTANT }) to: string | null,
    @Arg('limit', () => Int, { nullable: true }) limit: number | null,
    @Ctx() ctx: B3ResolverContext,
  ): Promise<DxyTickType[]> {
    return (await ctx.b3.dxyTicks({ from, to, limit })).map(toDxyTickType);
  }

  @Query(() => [DxyBucketType], { description: 'DXY OHLC + count of the intervals starting in [from, to), computed from the ticks; D1 buckets are São Paulo days' })
  async dxyBuckets(
    @Arg('interval', () => CandleInterval) interval: CandleInterval,
    @Arg('from', () => String, { nullable: true, description: INSTANT }) from: string | null,
    @Arg('to', () => String, { nullable: true, description: INSTANT }) to: string | null,
    @Ctx() ctx: B3ResolverContext,
  ): Promise<DxyBucketType[]> {
    return (await ctx.b3.dxyBuckets(interval, { from, to })).map(toDxyBucketType);
  }
}
