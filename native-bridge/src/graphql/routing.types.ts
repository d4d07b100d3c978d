import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';
import type { AccountRef, BrokerAccount, BrokerOrder, BrokerPosition } from '../order-router';

/*
 * Routing is for the orders subgraph only: every type and field here is @inaccessible, so the gateway's public
 * API never shows it, and the resolvers also refuse any caller but the orders service's signed identity.
 */

@Directive('@inaccessible')
@InputType('BrokerAccountInput')
export class BrokerAccountInput {
  @Field(() => Int)
  brokerId!: number;

  @Field()
  accountId!: string;

  @Field(() => String, { nullable: true })
  subAccountId?: string | null;
}

@Directive('@inaccessible')
@InputType('RouteOrderInput')
export class RouteOrderInput {
  @Field(() => BrokerAccountInput)
  account!: BrokerAccountInput;

  @Field()
  symbol!: string;

  @Field()
  exchange!: string;

  @Field({ description: 'BUY or SELL' })
  side!: string;

  @Field({ description: 'MARKET, LIMIT or STOP_LIMIT' })
  type!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => String, { nullable: true })
  price?: string | null;

  @Field(() => String, { nullable: true })
  stopPrice?: string | null;
}

@Directive('@inaccessible')
@InputType('BrokerOrderRefInput')
export class BrokerOrderRefInput {
  @Field(() => BrokerAccountInput)
  account!: BrokerAccountInput;

  @Field(() => String, { nullable: true })
  localOrderId?: string | null;

  @Field(() => String, { nullable: true })
  clOrderId?: string | null;
}

@Directive('@inaccessible')
@ObjectType('BrokerAccountRef')
export class BrokerAccountRefType {
  @Field(() => Int)
  brokerId!: number;

  @Field()
  accountId!: string;

  @Field(() => String, { nullable: true })
  subAccountId!: string | null;
}

@Directive('@inaccessible')
@ObjectType('BrokerOrder')
export class BrokerOrderType {
  @Field()
  localOrderId!: string;

  @Field(() => String, { nullable: true })
  clOrderId!: string | null;

  @Field(() => BrokerAccountRefType)
  account!: BrokerAccountRefType;

  @Field()
  symbol!: string;

  @Field()
  exchange!: string;

  @Field()
  side!: string;

  @Field()
  type!: string;

  @Field({ description: 'ProfitDLL order status, e.g. NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED' })
  status!: string;

  @Field({ description: 'No further events will come for this order' })
  terminal!: boolean;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Int)
  tradedQuantity!: number;

  @Field(() => Int)
  leavesQuantity!: number;

  @Field(() => String, { nullable: true })
  price!: string | null;

  @Field(() => String, { nullable: true })
  stopPrice!: string | null;

  @Field(() => String, { nullable: true })
  averagePrice!: string | null;

  @Field()
  validity!: string;

  @Field(() => String, { nullable: true })
  createdAt!: string | null;

  @Field(() => String, { nullable: true })
  updatedAt!: string | null;

  @Field(() => String, { nullable: true })
  closedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Broker or exchange text, e.g. the rejection reason' })
  message!: string | null;

  @Field()
  eventId!: string;
}

@Directive('@inaccessible')
@ObjectType('BrokerPosition')
export class BrokerPositionType {
  @Field(() => BrokerAccountRefType)
  account!: BrokerAccountRefType;

  @Field()
  symbol!: string;

  @Field()
  exchange!: string;

  @Field(() => Int, { description: 'Positive long, negative short' })
  netQuantity!: number;

  @Field(() => String, { nullable: true })
  averagePrice!: string | null;

  @Field(() => Int)
  dailyBuyQuantity!: number;

  @Field(() => String, { nullable: true })
  dailyBuyAveragePrice!: string | null;

  @Field(() => Int)
  dailySellQuantity!: number;

  @Field(() => String, { nullable: true })
  dailySellAveragePrice!: string | null;
}

@Directive('@inaccessible')
@ObjectType('BrokerAccount')
export class BrokerAccountType {
  @Field(() => Int)
  brokerId!: number;

  @Field()
  accountId!: string;

  @Field(() => String, { nullable: true })
  subAccountId!: string | null;

  @Field()
  brokerName!: string;

  @Field()
  ownerName!: string;

  @Field()
  subOwnerName!: string;

  @Field()
  isSubAccount!: boolean;

  @Field()
  enabled!: boolean;
}

@Directive('@inaccessible')
@ObjectType('RoutedOrder')
export class RoutedOrderType {
  @Field({ description: "The DLL's session-local id; the broker's id arrives with the first order update" })
  localOrderId!: string;
}

const account = (a: AccountRef): BrokerAccountRefType => Object.assign(new BrokerAccountRefType(), { ...a, subAccountId: a.subAccountId ?? null });

export const toBrokerOrder = (o: BrokerOrder): BrokerOrderType => Object.assign(new BrokerOrderType(), o, { account: account(o.account) });
export const toBrokerPosition = (p: BrokerPosition): BrokerPositionType =>
  Object.assign(new BrokerPositionType(), p, { account: account(p.account) });
export const toBrokerAccount = (a: BrokerAccount): BrokerAccountType => Object.assign(new BrokerAccountType(), a);
