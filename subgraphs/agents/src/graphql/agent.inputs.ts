import { DecimalScalar } from '@b3/kit';
import { Field, ID, InputType, Int } from 'type-graphql';
import { CandleIntervalEnum, RecommendationActionEnum, TradeSideEnum } from './enums';

@InputType('ValidateTradeInput', { description: 'A trade being considered, checked as a LIMIT order; nothing is placed or recorded' })
export class ValidateTradeInput {
  @Field(() => String, { nullable: true, description: 'Defaults to your own account; only an admin may name another' })
  account?: string | null;

  @Field()
  symbol!: string;

  @Field(() => TradeSideEnum)
  side!: TradeSideEnum;

  @Field(() => Int, { description: 'A multiple of the lot (stocks 100, futures 1)' })
  quantity!: number;

  @Field(() => DecimalScalar, { description: 'Limit price' })
  price!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Where it would be stopped out; empty: 2 × ATR(14) from the price' })
  stopPrice?: string | null;

  @Field(() => CandleIntervalEnum, { defaultValue: CandleIntervalEnum.M5, description: 'The bars the ATR is read from' })
  interval!: CandleIntervalEnum;
}

@InputType('RecommendationFilter')
export class RecommendationFilterInput {
  @Field(() => String, { nullable: true, description: 'Defaults to your own account; an admin may name any (naming none: every account)' })
  account?: string | null;

  @Field(() => String, { nullable: true, description: 'B3 ticker, any case' })
  symbol?: string | null;

  @Field(() => ID, { nullable: true })
  signalId?: string | null;

  @Field(() => RecommendationActionEnum, { nullable: true })
  action?: RecommendationActionEnum | null;

  @Field(() => Date, { nullable: true, description: 'Created at or after' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Created before' })
  to?: Date | null;
}
