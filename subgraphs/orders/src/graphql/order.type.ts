import { DecimalScalar } from '@b3/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { Order } from '../domain/order';
import { OrderSideEnum, OrderStatusEnum, OrderTypeEnum, sideToEnum, statusToEnum, typeToEnum } from './order.enums';
import { TickerRef } from './ticker-ref.type';

@Directive('@key(fields: "id")')
@ObjectType('Order', { description: "An order on B3, visible only to the account that placed it" })
export class OrderType {
  @Field(() => ID)
  id!: string;

  @Field()
  accountId!: string;

  @Field()
  symbol!: string;

  @Field(() => TickerRef, { description: 'The instrument, with live market data from the market subgraph' })
  ticker!: TickerRef;

  @Field(() => OrderSideEnum)
  side!: OrderSideEnum;

  @Field(() => OrderTypeEnum)
  type!: OrderTypeEnum;

  @Field(() => Int)
  quantity!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Limit price in BRL; null for MARKET orders' })
  limitPrice!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Trigger price in BRL; only STOP_LIMIT orders have one' })
  stopPrice!: string | null;

  @Field(() => OrderStatusEnum)
  status!: OrderStatusEnum;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

export function toOrderType(order: Order): OrderType {
  return Object.assign(new OrderType(), {
    ...order,
    ticker: Object.assign(new TickerRef(), { symbol: order.symbol }),
    side: sideToEnum[order.side],
    type: typeToEnum[order.type],
    status: statusToEnum[order.status],
  });
}
