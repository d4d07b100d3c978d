import { DecimalScalar } from '@b3/kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DailyAdjustment } from '../domain/b3/daily-adjustment';
import type { DxyBar, DxyTick } from '../domain/b3/dxy';
import type { B3ImportJob, B3ImportProgress, B3ImportStatus } from '../domain/b3/import-job';
import { IMPORT_STATUSES } from '../domain/b3/import-job';
import { B3_IMPORT_FORMATS, B3_IMPORT_KINDS, type B3ImportFormat, type B3ImportKind } from '../domain/b3/import-kinds';
import type { Indicator, IndicatorHistoryPoint } from '../domain/b3/indicator';
import { B3_INSTRUMENTS, type B3Instrument } from '../domain/b3/instruments';
import { SNAPSHOT_STATUSES, type Snapshot, type SnapshotStatus, snapshotSymbol } from '../domain/b3/snapshot';
import type { VolSurfaceGrid, VolSurfacePoint } from '../domain/b3/vol-surface';

/** GraphQL enums built from the domain's `as const` lists, so the two can never drift apart. */
function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const B3InstrumentEnum = enumOf(B3_INSTRUMENTS);
registerEnumType(B3InstrumentEnum, {
  name: 'B3Instrument',
  description:
    'B3 futures served by the B3 data API: DI1 (DI rate), DDI (cupom cambial), DOL/WDO (US dollar, full/mini), IND/WIN (Ibovespa, full/mini), DAP (IPCA coupon), FRC (FRA de cupom), BGI (live cattle), CCM (corn), ICF (arabica coffee), ISP (S&P 500)',
});

export const B3SnapshotStatusEnum = enumOf(SNAPSHOT_STATUSES);
registerEnumType(B3SnapshotStatusEnum, {
  name: 'B3SnapshotStatus',
  description: 'PRELIMINARY: may still change; FINAL: the official settlement; SUSPENDED: not traded, price carried over',
});

export const B3ImportKindEnum = enumOf(B3_IMPORT_KINDS);
registerEnumType(B3ImportKindEnum, { name: 'B3ImportKind', description: 'What a B3 data file holds' });

export const B3ImportFormatEnum = enumOf(B3_IMPORT_FORMATS);
registerEnumType(B3ImportFormatEnum, {
  name: 'B3ImportFormat',
  description: 'CSV with a header row (numbers as 1234.56 or Brazilian 1.234,56) or a JSON array of objects (decimals as strings)',
});

export const B3ImportStatusEnum = enumOf(IMPORT_STATUSES);
registerEnumType(B3ImportStatusEnum, { name: 'B3ImportStatus' });

@ObjectType('B3Snapshot', { description: 'A futures settlement at one moment' })
export class B3SnapshotType {
  @Field(() => B3InstrumentEnum)
  instrument!: B3Instrument;

  @Field({ description: 'Month letter + two-digit year, e.g. F27' })
  contractMonth!: string;

  @Field({ description: 'The listed ticker, e.g. DI1F27' })
  symbol!: string;

  @Field(() => DecimalScalar)
  settlementPrice!: string;

  @Field(() => DecimalScalar, { nullable: true, description: "Null on the contract's first session" })
  previousSettlement!: string | null;

  @Field(() => B3SnapshotStatusEnum)
  status!: SnapshotStatus;

  @Field()
  source!: string;

  @Field()
  timestamp!: Date;
}

export const toSnapshotType = (snapshot: Snapshot): B3SnapshotType =>
  Object.assign(new B3SnapshotType(), { ...snapshot, symbol: snapshotSymbol(snapshot), timestamp: new Date(snapshot.timestamp) });

@ObjectType('B3Indicator', { description: 'The latest value of an economic indicator (SELIC, CDI, IPCA, PTAX, IBOV…)' })
export class B3IndicatorType {
  @Field()
  name!: string;

  @Field(() => DecimalScalar, { description: "In the indicator's own unit: % a year for SELIC and CDI, BRL per USD for PTAX, points for IBOV" })
  value!: string;

  @Field({ description: 'As people write it, e.g. "15,00% a.a."' })
  displayValue!: string;

  @Field()
  updatedAt!: Date;
}

export const toIndicatorType = (indicator: Indicator): B3IndicatorType =>
  Object.assign(new B3IndicatorType(), { ...indicator, updatedAt: new Date(indicator.updatedAt) });

@ObjectType('B3IndicatorPoint', { description: "One São Paulo day of an indicator's history" })
export class B3IndicatorPointType {
  @Field()
  name!: string;

  @Field({ description: 'YYYY-MM-DD' })
  date!: string;

  @Field(() => DecimalScalar)
  value!: string;
}

export const toIndicatorPointType = (point: IndicatorHistoryPoint): B3IndicatorPointType => Object.assign(new B3IndicatorPointType(), point);

@ObjectType('B3VolSurfacePoint')
export class B3VolSurfacePointType {
  @Field()
  contractMonth!: string;

  @Field({ description: 'One of 10P, 25P, ATM, 25C, 10C' })
  deltaBucket!: string;

  @Field(() => DecimalScalar, { description: 'Annualised implied vol as a fraction (0.1525 = 15.25 %)' })
  vol!: string;
}

@ObjectType('B3VolSurfaceRow')
export class B3VolSurfaceRowType {
  @Field()
  contractMonth!: string;

  @Field(() => [DecimalScalar], { nullable: 'items', description: 'One vol per deltaBuckets entry, in the same order; null where missing' })
  vols!: Array<string | null>;
}

@ObjectType('B3VolSurface', { description: 'Implied vols of one underlying on one day: contract months (rows, by expiry) × delta buckets (columns)' })
export class B3VolSurfaceType {
  @Field()
  underlying!: string;

  @Field({ description: 'YYYY-MM-DD' })
  date!: string;

  @Field(() => [String], { description: 'Columns, from deep puts to deep calls: 10P, 25P, ATM, 25C, 10C' })
  deltaBuckets!: string[];

  @Field(() => [String], { description: 'Rows, by expiry' })
  contractMonths!: string[];

  @Field(() => [B3VolSurfaceRowType])
  rows!: B3VolSurfaceRowType[];

  @Field(() => [B3VolSurfacePointType], { description: 'The same data as a flat list' })
  points!: B3VolSurfacePointType[];
}

const toPointType = (point: VolSurfacePoint): B3VolSurfacePointType =>
  Object.assign(new B3VolSurfacePointType(), { contractMonth: point.contractMonth, deltaBucket: point.deltaBucket, vol: point.vol });

export const toVolSurfaceType = (grid: VolSurfaceGrid): B3VolSurfaceType =>
  Object.assign(new B3VolSurfaceType(), {
    underlying: grid.underlying,
    date: grid.date,
    deltaBuckets: [...grid.deltaBuckets],
    contractMonths: grid.contractMonths,
    rows: grid.rows.map((row) => Object.assign(new B3VolSurfaceRowType(), row)),
    points: grid.points.map(toPointType),
  });

@ObjectType('B3DailyAdjustment', { description: "A session's mark-to-market of one futures contract" })
export class B3DailyAdjustmentType {
  @Field({ description: 'Session date, YYYY-MM-DD' })
  date!: string;

  @Field(() => B3InstrumentEnum)
  instrument!: B3Instrument;

  @Field()
  contractMonth!: string;

  @Field()
  symbol!: string;

  @Field(() => DecimalScalar)
  previousSettlement!: string;

  @Field(() => DecimalScalar)
  settlement!: string;

  @Field(() => DecimalScalar, { description: 'BRL per long contract; negative when the long side pays' })
  adjustmentPerContract!: string;
}

export const toDailyAdjustmentType = (adjustment: DailyAdjustment): B3DailyAdjustmentType =>
  Object.assign(new B3DailyAdjustmentType(), { ...adjustment, symbol: snapshotSymbol(adjustment) });

@ObjectType('DxyTick', { description: 'One print of the US dollar index' })
export class DxyTickType {
  @Field()
  time!: Date;

  @Field(() => DecimalScalar)
  price!: string;
}

export const toDxyTickType = (tick: DxyTick): DxyTickType => Object.assign(new DxyTickType(), { time: new Date(tick.time), price: tick.price });

@ObjectType('DxyBucket', { description: 'OHLC and tick count of one interval of the US dollar index; intervals without ticks have no bucket' })
export class DxyBucketType {
  @Field({ description: 'First instant inside the bucket' })
  start!: Date;

  @Field({ description: 'First instant after it' })
  end!: Date;

  @Field(() => DecimalScalar)
  open!: string;

  @Field(() => DecimalScalar)
  high!: string;

  @Field(() => DecimalScalar)
  low!: string;

  @Field(() => DecimalScalar)
  close!: string;

  @Field(() => Int, { description: 'Ticks in the bucket' })
  count!: number;
}

export const toDxyBucketType = (bar: DxyBar): DxyBucketType =>
  Object.assign(new DxyBucketType(), { ...bar, start: new Date(bar.start), end: new Date(bar.end) });

@ObjectType('B3ImportJob', { description: 'One import of a validated B3 data file; its rows become visible together, at DONE' })
export class B3ImportJobType {
  @Field(() => ID)
  id!: string;

  @Field(() => B3ImportKindEnum)
  kind!: B3ImportKind;

  @Field(() => B3ImportFormatEnum)
  format!: B3ImportFormat;

  @Field(() => B3ImportStatusEnum)
  status!: B3ImportStatus;

  @Field(() => Int, { description: 'Rows in the file' })
  total!: number;

  @Field(() => Int, { description: 'Rows written so far' })
  processed!: number;

  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int, { description: 'Rows equal to what was stored (or older than it, for indicators)' })
  unchanged!: number;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}

export const toImportJobType = (job: B3ImportJob): B3ImportJobType =>
  Object.assign(new B3ImportJobType(), { ...job, startedAt: new Date(job.startedAt), finishedAt: job.finishedAt ? new Date(job.finishedAt) : null });

@ObjectType('B3ImportProgress', { description: "An import job's counters after each chunk; the last event is DONE or FAILED" })
export class B3ImportProgressType {
  @Field(() => ID)
  jobId!: string;

  @Field(() => B3ImportKindEnum)
  kind!: B3ImportKind;

  @Field(() => Int)
  processed!: number;

  @Field(() => Int)
  total!: number;

  @Field(() => B3ImportStatusEnum)
  status!: B3ImportStatus;

  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => String, { nullable: true, description: 'Why the job failed; nothing was stored' })
  error!: string | null;
}

export const toImportProgressType = (progress: B3ImportProgress): B3ImportProgressType => Object.assign(new B3ImportProgressType(), progress);
