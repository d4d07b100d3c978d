import { DecimalScalar } from '@b3/kit';
import { Field, InputType, Int } from 'type-graphql';
import { OrderSideEnum, OrderTypeEnum } from './order.enums';

@InputType()
export class PlaceOrderInput {
  @Field({ description: 'B3 ticker, e.g. PETR4' })
  symbol!: string;

  @Field(() => OrderSideEnum)
  side!: OrderSideEnum;

  @Field(() => OrderTypeEnum)
  type!: OrderTypeEnum;

  @Field(() => Int, { description: 'Number of shares or contracts, 1 to 1000000' })
  quantity!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Required for LIMIT and STOP_LIMIT, forbidden for MARKET; at most 4 decimals' })
  limitPrice?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Required for STOP_LIMIT, forbidden otherwise; at most 4 decimals' })
  stopPrice?: string | null;
}
