import { DecimalScalar, SafeIntScalar } from '@b3/kit';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DailyStats } from '../domain/daily-stats';

export enum ReferenceKind {
  PREVIOUS_CLOSE = 'PREVIOUS_CLOSE',
  SETTLEMENT = 'SETTLEMENT',
}
registerEnumType(ReferenceKind, { name: 'ReferenceKind', description: 'What a daily change is measured against' });

@ObjectType('DailyStats', { description: "Today's session so far, or the last session when the market is closed" })
export class DailyStatsType {
  @Field({ description: 'Session date in São Paulo (YYYY-MM-DD)' })
  date!: string;

  @Field(() => DecimalScalar)
  open!: string;

  @Field(() => DecimalScalar)
  high!: string;

  @Field(() => DecimalScalar)
  low!: string;

  @Field(() => DecimalScalar)
  last!: string;

  @Field(() => SafeIntScalar)
  volume!: number;

  @Field(() => Int)
  trades!: number;

  @Field(() => DecimalScalar)
  turnover!: string;

  @Field(() => DecimalScalar)
  vwap!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Previous settlement (futures, when the feed has it) or previous close' })
  reference!: string | null;

  @Field(() => ReferenceKind, { nullable: true })
  referenceKind!: ReferenceKind | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'last − reference' })
  change!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Change in percent, 2 decimals' })
  changePercent!: string | null;
}

export function toDailyStatsType(stats: DailyStats): DailyStatsType {
  return Object.assign(new DailyStatsType(), { ...stats, referenceKind: stats.referenceKind ? ReferenceKind[stats.referenceKind] : null });
}
