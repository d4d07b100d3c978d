import { DecimalScalar } from '@b3/kit';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { MarketSignal } from '../domain/market-signal';
import { CandleIntervalEnum, ConfidenceLabelEnum, MarketDirectionEnum, MarketIndicatorEnum } from './enums';

@ObjectType('IndicatorVote', { description: "One indicator's reading and vote" })
export class IndicatorVoteType {
  @Field(() => MarketIndicatorEnum)
  indicator!: MarketIndicatorEnum;

  @Field(() => MarketDirectionEnum, { nullable: true, description: 'Empty: too few bars, or an indicator that never votes (ATR)' })
  vote!: MarketDirectionEnum | null;

  @Field(() => Int, { description: 'Out of 8 in all' })
  weight!: number;

  @Field()
  reason!: string;
}

@ObjectType('IndicatorValues', { description: 'At the latest bar, rounded to 4 decimals; empty without enough bars' })
export class IndicatorValuesType {
  @Field(() => DecimalScalar, { nullable: true, description: "RSI(14), Wilder's" })
  rsi!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'MACD(12,26,9) line' })
  macd!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  macdSignal!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  macdHistogram!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  ema9!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  ema21!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  ema50!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Bollinger(20,2)' })
  bollingerUpper!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  bollingerMiddle!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  bollingerLower!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "The latest São Paulo session's VWAP (D1: the whole window), exact" })
  vwap!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "ATR(14), Wilder's" })
  atr!: string | null;
}

@ObjectType('MarketSignal', { description: "The market analysis agent's deterministic reading of a symbol's bars" })
export class MarketSignalType {
  @Field()
  symbol!: string;

  @Field(() => CandleIntervalEnum)
  interval!: CandleIntervalEnum;

  @Field(() => MarketDirectionEnum)
  direction!: MarketDirectionEnum;

  @Field(() => Float, { description: 'Share of the indicator weight (0–1) that voted for the direction' })
  confidence!: number;

  @Field(() => ConfidenceLabelEnum)
  confidenceLabel!: ConfidenceLabelEnum;

  @Field(() => DecimalScalar, { nullable: true, description: 'The latest close (of the forming bar: the live price); empty without bars' })
  price!: string | null;

  @Field(() => [String], { description: "One line per indicator, naming its vote" })
  reasons!: string[];

  @Field(() => [IndicatorVoteType])
  votes!: IndicatorVoteType[];

  @Field(() => IndicatorValuesType)
  indicators!: IndicatorValuesType;

  @Field(() => Int, { description: 'Bars read (up to 200)' })
  candles!: number;

  @Field()
  generatedAt!: Date;

  /** Kept for the commentary resolver; not in the schema. */
  source!: MarketSignal;
}

export function toMarketSignalType(signal: MarketSignal): MarketSignalType {
  return Object.assign(new MarketSignalType(), {
    symbol: signal.symbol,
    interval: signal.interval as CandleIntervalEnum,
    direction: signal.direction as MarketDirectionEnum,
    confidence: Number(signal.confidence),
    confidenceLabel: signal.confidenceLabel as ConfidenceLabelEnum,
    price: signal.price,
    reasons: [...signal.reasons],
    votes: signal.votes.map((v) => Object.assign(new IndicatorVoteType(), { ...v, indicator: v.indicator as MarketIndicatorEnum, vote: v.vote as MarketDirectionEnum | null })),
    indicators: Object.assign(new IndicatorValuesType(), signal.indicators),
    candles: signal.candles,
    generatedAt: signal.generatedAt,
    source: signal,
  });
}
