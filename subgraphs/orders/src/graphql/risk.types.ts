import { DecimalScalar, domainEnum } from '@b3/kit';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { OrderSide, OrderType as OrderKind } from '../domain/order-model';
import { RISK_RULES, type RiskLimits, type RiskRule } from '../domain/risk';
import type { RiskEvent } from '../services/risk.service';
import type { RiskLimitsChangeRecord, StoredKillSwitch } from '../store/risk.store';
import { OrderSideEnum, OrderTypeEnum } from './order.enums';

export const RiskRuleEnum = domainEnum(RISK_RULES, { name: 'RiskRule', description: 'Pre-trade rules, in the order they are checked' });

@ObjectType('KillSwitch', { description: 'The platform-wide kill switch: while active every new order is refused with KILL_SWITCH_ACTIVE' })
export class KillSwitchType {
  @Field()
  active!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it was last turned on or off' })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'The admin who last changed it, or DAILY_LOSS when it tripped by itself' })
  changedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was turned on; empty while off' })
  activatedAt!: Date | null;
}

export const toKillSwitchType = (state: StoredKillSwitch): KillSwitchType => ({
  active: state.active,
  reason: state.reason,
  changedBy: state.changedBy,
  activatedAt: state.activatedAt,
});

@ObjectType('RiskLimits', { description: "One account's pre-trade limits; the defaults until an admin sets them" })
export class RiskLimitsType {
  @Field(() => DecimalScalar, { description: 'BRL; orders are refused, and the kill switch trips, once the day loses this much' })
  dailyLossLimit!: string;

  @Field(() => Int, { description: 'Largest absolute net position per symbol after the order' })
  maxPositionPerSymbol!: number;

  @Field(() => Int)
  maxOrderQuantity!: number;

  @Field(() => DecimalScalar, { description: 'BRL: price × quantity × contract multiplier' })
  maxOrderNotional!: string;

  @Field(() => DecimalScalar, { description: 'LIMIT and STOP_LIMIT prices must lie within ± this percentage of the last trade' })
  priceBandPct!: string;

  @Field(() => Int, { description: 'Approved orders per account in any one-second window' })
  maxOrdersPerSecond!: number;
}

export const toRiskLimitsType = (limits: RiskLimits): RiskLimitsType => ({ ...limits });

@InputType({ description: 'Fields left out keep their current value' })
export class RiskLimitsInput {
  @Field(() => DecimalScalar, { nullable: true, description: 'BRL, 100 to 1,000,000' })
  dailyLossLimit?: string | null;

  @Field(() => Int, { nullable: true })
  maxPositionPerSymbol?: number | null;

  @Field(() => Int, { nullable: true, description: '1 to 999,999' })
  maxOrderQuantity?: number | null;

  @Field(() => DecimalScalar, { nullable: true })
  maxOrderNotional?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Greater than 0, at most 100' })
  priceBandPct?: string | null;

  @Field(() => Int, { nullable: true })
  maxOrdersPerSecond?: number | null;
}

@ObjectType('RiskLimitsChange', { description: 'One edit of an account’s limits' })
export class RiskLimitsChangeType {
  @Field()
  account!: string;

  @Field(() => RiskLimitsType, { nullable: true, description: 'Empty when the account still had the defaults' })
  before!: RiskLimitsType | null;

  @Field(() => RiskLimitsType)
  after!: RiskLimitsType;

  @Field()
  changedBy!: string;

  @Field()
  reason!: string;

  @Field()
  at!: Date;
}

export const toRiskLimitsChangeType = (change: RiskLimitsChangeRecord): RiskLimitsChangeType => ({
  account: change.account,
  before: change.before ? toRiskLimitsType(change.before) : null,
  after: toRiskLimitsType(change.after),
  changedBy: change.changedBy,
  reason: change.reason,
  at: change.at,
});

@ObjectType('RiskDecision', { description: 'One pre-trade check, approved or refused' })
export class RiskDecisionType {
  @Field(() => ID, { description: 'The order it was about (a refused order is never written)' })
  orderId!: string;

  @Field()
  account!: string;

  @Field()
  symbol!: string;

  @Field(() => OrderSideEnum)
  side!: OrderSide;

  @Field(() => OrderTypeEnum)
  type!: OrderKind;

  @Field(() => Int)
  quantity!: number;

  @Field(() => DecimalScalar, { nullable: true })
  price!: string | null;

  @Field()
  approved!: boolean;

  @Field(() => RiskRuleEnum, { nullable: true, description: 'The rule that refused it; empty when approved' })
  rule!: RiskRule | null;

  @Field(() => String, { nullable: true })
  limit!: string | null;

  @Field(() => String, { nullable: true })
  actual!: string | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field()
  at!: Date;
}

export const toRiskDecisionType = (event: RiskEvent): RiskDecisionType => ({
  orderId: event.orderId,
  account: event.account,
  symbol: event.symbol,
  side: event.side,
  type: event.type,
  quantity: event.quantity,
  price: event.price,
  approved: event.approved,
  rule: event.rule ?? null,
  limit: event.limit ?? null,
  actual: event.actual ?? null,
  message: event.message ?? null,
  at: event.at,
});

@InputType('RiskPreviewInput', { description: 'An order being considered; validated like placeOrder, never written' })
export class RiskPreviewInput {
  @Field(() => String, { nullable: true, description: 'Defaults to your own account; only an admin may name another' })
  account?: string | null;

  @Field()
  symbol!: string;

  @Field(() => OrderSideEnum)
  side!: OrderSide;

  @Field(() => OrderTypeEnum)
  type!: OrderKind;

  @Field(() => Int)
  quantity!: number;

  @Field(() => DecimalScalar, { nullable: true })
  price?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  stopPrice?: string | null;
}

@ObjectType('RiskRuleCheck')
export class RiskRuleCheckType {
  @Field(() => RiskRuleEnum)
  rule!: RiskRule;

  @Field()
  passed!: boolean;

  @Field(() => String, { nullable: true })
  limit!: string | null;

  @Field(() => String, { nullable: true })
  actual!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it failed, for people' })
  message!: string | null;
}

@ObjectType('RiskPreview', { description: 'What the pre-trade check would decide now, every rule evaluated; nothing is recorded' })
export class RiskPreviewType {
  @Field()
  approved!: boolean;

  @Field(() => [RiskRuleCheckType], { description: 'Every rule in the order it is checked' })
  checks!: RiskRuleCheckType[];
}
