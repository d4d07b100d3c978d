import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Recommendation } from '../domain/recommendation';
import { CandleIntervalEnum, RecommendationActionEnum, RecommendationTriggerEnum, TradeSideEnum } from './enums';
import { MarketSignalType, toMarketSignalType } from './market-signal.type';
import { RiskAssessmentType, toRiskAssessmentType } from './risk-assessment.type';
import { SignalRef, signalRef } from './signal-ref.type';
import { TickerRef, tickerRef } from './ticker-ref.type';

@ObjectType('Recommendation', { description: "The orchestrator's advice on one signal for one account; it never places an order" })
export class RecommendationType {
  @Field(() => ID)
  id!: string;

  @Field(() => SignalRef, { description: 'The signal, from the signals subgraph' })
  signal!: SignalRef;

  @Field(() => TickerRef, { description: 'The instrument, with live market data from the market subgraph' })
  ticker!: TickerRef;

  @Field({ description: 'The orders account it was assessed for' })
  account!: string;

  @Field()
  symbol!: string;

  @Field(() => TradeSideEnum)
  side!: TradeSideEnum;

  @Field(() => CandleIntervalEnum, { description: 'The bars the analysis read' })
  interval!: CandleIntervalEnum;

  @Field(() => RecommendationTriggerEnum)
  trigger!: RecommendationTriggerEnum;

  @Field(() => RecommendationActionEnum)
  action!: RecommendationActionEnum;

  @Field(() => Int, { description: "A multiple of the lot (stocks 100, futures 1) sized by the account's limits and the stop distance; 0 when skipped" })
  suggestedQuantity!: number;

  @Field(() => [String])
  reasons!: string[];

  @Field(() => MarketSignalType)
  analysis!: MarketSignalType;

  @Field(() => RiskAssessmentType)
  assessment!: RiskAssessmentType;

  @Field({ description: 'A user id, or service:agents for automatic runs' })
  requestedBy!: string;

  @Field()
  createdAt!: Date;

  /** Kept for the commentary resolver; not in the schema. */
  source!: Recommendation;
}

export function toRecommendationType(r: Recommendation): RecommendationType {
  return Object.assign(new RecommendationType(), {
    id: r.id,
    signal: signalRef(r.signalId),
    ticker: tickerRef(r.symbol),
    account: r.account,
    symbol: r.symbol,
    side: r.side as TradeSideEnum,
    interval: r.interval as CandleIntervalEnum,
    trigger: r.trigger as RecommendationTriggerEnum,
    action: r.action as RecommendationActionEnum,
    suggestedQuantity: r.suggestedQuantity,
    reasons: [...r.reasons],
    analysis: toMarketSignalType(r.analysis),
    assessment: toRiskAssessmentType(r.assessment),
    requestedBy: r.requestedBy,
    createdAt: r.createdAt,
    source: r,
  });
}

@ObjectType('RecommendationEdge')
export class RecommendationEdgeType {
  @Field()
  cursor!: string;

  @Field(() => RecommendationType)
  node!: RecommendationType;
}

@ObjectType('RecommendationPageInfo')
export class RecommendationPageInfoType {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page' })
  endCursor!: string | null;
}

@ObjectType('RecommendationConnection')
export class RecommendationConnectionType {
  @Field(() => [RecommendationEdgeType])
  edges!: RecommendationEdgeType[];

  @Field(() => RecommendationPageInfoType)
  pageInfo!: RecommendationPageInfoType;
}
