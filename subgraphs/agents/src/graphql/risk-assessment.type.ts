import { DecimalScalar } from '@b3/kit';
import { Field, Int, ObjectType } from 'type-graphql';
import type { CheckOutcome, RiskAssessment } from '../domain/risk-assessment';
import { RiskLevelEnum, TradeSideEnum } from './enums';

@ObjectType('RiskAssessmentCheck')
export class RiskAssessmentCheckType {
  @Field()
  passed!: boolean;

  @Field(() => String, { nullable: true })
  limit!: string | null;

  @Field(() => String, { nullable: true })
  actual!: string | null;

  @Field({ description: 'For people' })
  message!: string;
}

@ObjectType('RiskAssessmentChecks')
export class RiskAssessmentChecksType {
  @Field(() => RiskAssessmentCheckType, { description: "Orders' DAILY_LOSS rule" })
  dailyLoss!: RiskAssessmentCheckType;

  @Field(() => RiskAssessmentCheckType, { description: "Orders' MAX_POSITION, MAX_ORDER_QUANTITY and MAX_ORDER_NOTIONAL rules together" })
  positionSize!: RiskAssessmentCheckType;

  @Field(() => RiskAssessmentCheckType, { description: "Orders' TRADING_HOURS rule" })
  tradingHours!: RiskAssessmentCheckType;

  @Field(() => RiskAssessmentCheckType, { description: "The agent's own: the stop at least one ATR(14) from the price (without a stop, one is placed 2 × ATR away)" })
  volatility!: RiskAssessmentCheckType;
}

@ObjectType('PreTradeRuleCheck', { description: 'One pre-trade rule as the orders subgraph evaluated it' })
export class PreTradeRuleCheckType {
  @Field({ description: "Orders' RiskRule name (TRADING_HOURS, KILL_SWITCH, DAILY_LOSS, …)" })
  rule!: string;

  @Field()
  passed!: boolean;

  @Field(() => String, { nullable: true })
  limit!: string | null;

  @Field(() => String, { nullable: true })
  actual!: string | null;

  @Field(() => String, { nullable: true })
  message!: string | null;
}

@ObjectType('RiskAssessment', { description: "The risk agent's verdict on a trade: orders' pre-trade rules plus its own volatility check" })
export class RiskAssessmentType {
  @Field()
  account!: string;

  @Field()
  symbol!: string;

  @Field(() => TradeSideEnum)
  side!: TradeSideEnum;

  @Field(() => Int)
  quantity!: number;

  @Field(() => DecimalScalar, { description: 'The limit price assessed' })
  price!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The stop assessed: the one given, or 2 × ATR(14) from the price' })
  stopPrice!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  stopDistance!: string | null;

  @Field(() => RiskLevelEnum)
  riskLevel!: RiskLevelEnum;

  @Field()
  approved!: boolean;

  @Field(() => RiskAssessmentChecksType)
  checks!: RiskAssessmentChecksType;

  @Field(() => [PreTradeRuleCheckType], { description: 'Every rule orders evaluated, in its order; empty when orders refused the order as written' })
  rules!: PreTradeRuleCheckType[];

  @Field(() => [String])
  reasons!: string[];

  @Field()
  assessedAt!: Date;
}

const toCheck = (c: CheckOutcome): RiskAssessmentCheckType => Object.assign(new RiskAssessmentCheckType(), c);

export function toRiskAssessmentType(a: RiskAssessment): RiskAssessmentType {
  return Object.assign(new RiskAssessmentType(), {
    account: a.proposal.account,
    symbol: a.proposal.symbol,
    side: a.proposal.side as TradeSideEnum,
    quantity: a.proposal.quantity,
    price: a.proposal.price,
    stopPrice: a.stopPrice,
    stopDistance: a.stopDistance,
    riskLevel: a.riskLevel as RiskLevelEnum,
    approved: a.approved,
    checks: Object.assign(new RiskAssessmentChecksType(), {
      dailyLoss: toCheck(a.checks.dailyLoss),
      positionSize: toCheck(a.checks.positionSize),
      tradingHours: toCheck(a.checks.tradingHours),
      volatility: toCheck(a.checks.volatility),
    }),
    rules: a.rules.map((r) => Object.assign(new PreTradeRuleCheckType(), r)),
    reasons: [...a.reasons],
    assessedAt: a.assessedAt,
  });
}
