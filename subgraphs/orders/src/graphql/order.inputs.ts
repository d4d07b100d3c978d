import { DecimalScalar } from '@b3/kit';
import { Field, InputType, Int } from 'type-graphql';
import type { OrderSide, OrderStatus, OrderType, TimeInForce } from '../domain/order-model';
import { OrderSideEnum, OrderStatusEnum, OrderTypeEnum, TimeInForceEnum } from './order.enums';

@InputType()
export class PlaceOrderInput {
  @Field({ description: 'B3 ticker: a stock (PETR4, lot 100), a fractional ticker (PETR4F, lot 1) or a future (WINZ26, lot 1)' })
  symbol!: string;

  @Field(() => OrderSideEnum)
  side!: OrderSide;

  @Field(() => OrderTypeEnum)
  type!: OrderType;

  @Field(() => Int, { description: "1 to 999,999, a multiple of the instrument's lot" })
  quantity!: number;

  @Field(() => DecimalScalar, { nullable: true, description: "Limit price for LIMIT and STOP_LIMIT, empty otherwise; on the instrument's tick, at most 2 decimals" })
  price?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Trigger price for STOP and STOP_LIMIT, empty otherwise' })
  stopPrice?: string | null;

  @Field(() => TimeInForceEnum, { defaultValue: 'DAY' })
  timeInForce!: TimeInForce;

  @Field({ description: 'Your name for this order, 8–64 of A-Z a-z 0-9 _ -: placing again with the same key returns the first order' })
  idempotencyKey!: string;

  @Field(() => String, { nullable: true, description: "Defaults to your own account; only an admin may name another" })
  account?: string | null;
}

@InputType()
export class OrderFilterInput {
  @Field(() => String, { nullable: true, description: "Defaults to your own account; only an admin may name another" })
  account?: string | null;

  @Field(() => OrderStatusEnum, { nullable: true })
  status?: OrderStatus | null;

  @Field(() => String, { nullable: true })
  symbol?: string | null;
}

@InputType('ReplaceOrderInput', { description: 'What to change on a working order; an empty field keeps its value' })
export class ReplaceOrderInput {
  @Field(() => DecimalScalar, { nullable: true, description: "New limit price (LIMIT, STOP_LIMIT), on the instrument's tick" })
  price?: string | null;

  @Field(() => Int, { nullable: true, description: 'New total quantity, above what has already filled' })
  quantity?: number | null;
}
