import { DecimalScalar } from '@b3/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { remainingQuantity, type Fill, type Order, type OrderSide, type OrderStatus, type OrderType as OrderKind, type TimeInForce } from '../domain/order-model';
import { OrderSideEnum, OrderStatusEnum, OrderTypeEnum, TimeInForceEnum } from './order.enums';
import { TickerRef } from './ticker-ref.type';

@ObjectType('OrderFill', { description: 'One execution of an order' })
export class OrderFillType {
  @Field({ description: "The broker's execution id" })
  fillId!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => DecimalScalar, { description: 'BRL per share, or points per contract' })
  price!: string;

  @Field({ description: 'When the venue executed it' })
  time!: Date;
}

@Directive('@key(fields: "id")')
@ObjectType('Order', { description: 'An order on B3, visible only to its account (and to admins)' })
export class OrderType {
  @Field(() => ID)
  id!: string;

  @Field({ description: "The client's key: placing again with it returns this order" })
  idempotencyKey!: string;

  @Field()
  account!: string;

  @Field()
  symbol!: string;

  @Field(() => TickerRef, { description: 'The instrument, with live market data from the market subgraph' })
  ticker!: TickerRef;

  @Field(() => OrderSideEnum)
  side!: OrderSide;

  @Field(() => OrderTypeEnum)
  type!: OrderKind;

  @Field(() => TimeInForceEnum)
  timeInForce!: TimeInForce;

  @Field(() => Int)
  quantity!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Limit price; LIMIT and STOP_LIMIT only' })
  price!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Trigger price; STOP and STOP_LIMIT only' })
  stopPrice!: string | null;

  @Field(() => OrderStatusEnum)
  status!: OrderStatus;

  @Field(() => Int, { description: 'Sum of the fills' })
  filledQuantity!: number;

  @Field(() => Int, { description: 'quantity − filledQuantity' })
  remainingQuantity!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Quantity-weighted average of the fills; null before the first' })
  averageFillPrice!: string | null;

  @Field(() => String, { nullable: true, description: "The broker's id for the order, once acknowledged" })
  brokerOrderId!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was REJECTED or FAILED' })
  rejectReason!: string | null;

  @Field(() => [OrderFillType], { description: 'Oldest first' })
  fills!: OrderFillType[];

  @Field(() => Int, { description: 'Grows by one with every change, so a client can drop an update older than one it has' })
  version!: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

const toFillType = (fill: Fill): OrderFillType => Object.assign(new OrderFillType(), { ...fill, time: new Date(fill.time) });

export function toOrderType(order: Order): OrderType {
  return Object.assign(new OrderType(), {
    ...order,
    ticker: Object.assign(new TickerRef(), { symbol: order.symbol }),
    remainingQuantity: remainingQuantity(order),
    fills: order.fills.map(toFillType),
    createdAt: new Date(order.createdAt),
    updatedAt: new Date(order.updatedAt),
  });
}
