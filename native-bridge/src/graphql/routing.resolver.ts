import { badInput, forbidden } from '@b3/kit';
import { Arg, Ctx, Directive, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { BridgeContext } from '../context';
import { BridgeError } from '../errors';
import type { BrokerOrder, OrderRouter } from '../order-router';
import { ORDER_SIDES, ORDER_TYPES, type OrderSide, type OrderType } from '../profit/order-codes';
import { ROUTING_CALLER_ID } from '../routing-caller';
import {
  BrokerAccountInput,
  BrokerAccountType,
  BrokerOrderRefInput,
  BrokerOrderType,
  BrokerPositionType,
  RoutedOrderType,
  RouteOrderInput,
  toBrokerAccount,
  toBrokerOrder,
  toBrokerPosition,
} from './routing.types';

/** Only the orders service (its signed identity, sent straight to this subgraph) may route. */
function routerFor(ctx: BridgeContext): OrderRouter {
  if (ctx.viewer?.id !== ROUTING_CALLER_ID) throw forbidden('Order routing is reserved to the orders service');
  const router = ctx.client.router();
  if (!router) throw new BridgeError('BRIDGE_ROUTING_UNAVAILABLE', 'The bridge logged in for market data only (PROFITDLL_ROUTING=0)');
  return router;
}

/** The router's argument checks are user input errors; DLL and connection failures keep their BRIDGE_* code. */
function asInputError<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof BridgeError && err.code === 'BRIDGE_INVALID_ARGS') throw badInput(err.message, { ...err.details });
    throw err;
  }
}

function oneOf<T extends string>(values: readonly T[], value: string, field: string): T {
  if (!(values as readonly string[]).includes(value)) throw badInput(`${field} must be one of ${values.join(', ')}`, { field });
  return value as T;
}

@Resolver()
export class RoutingResolver {
  @Directive('@inaccessible')
  @Mutation(() => RoutedOrderType, { description: 'Sends an order to the broker through the DLL (orders service only)' })
  routeOrder(@Arg('input', () => RouteOrderInput) input: RouteOrderInput, @Ctx() ctx: BridgeContext): RoutedOrderType {
    const router = routerFor(ctx);
    const side = oneOf<OrderSide>(ORDER_SIDES, input.side, 'side');
    const type = oneOf<OrderType>(ORDER_TYPES, input.type, 'type');
    const localOrderId = asInputError(() => router.send({ ...input, side, type }));
    return Object.assign(new RoutedOrderType(), { localOrderId });
  }

  @Directive('@inaccessible')
  @Mutation(() => Boolean)
  changeRoutedOrder(
    @Arg('order', () => BrokerOrderRefInput) order: BrokerOrderRefInput,
    @Arg('quantity') quantity: number,
    @Arg('price', () => String, { nullable: true }) price: string | null,
    @Arg('stopPrice', () => String, { nullable: true }) stopPrice: string | null,
    @Ctx() ctx: BridgeContext,
  ): boolean {
    const router = routerFor(ctx);
    asInputError(() => router.change(order, { quantity, price, stopPrice }));
    return true;
  }

  @Directive('@inaccessible')
  @Mutation(() => Boolean)
  cancelRoutedOrder(@Arg('order', () => BrokerOrderRefInput) order: BrokerOrderRefInput, @Ctx() ctx: BridgeContext): boolean {
    const router = routerFor(ctx);
    asInputError(() => router.cancel(order));
    return true;
  }

  @Directive('@inaccessible')
  @Mutation(() => Boolean, { description: 'Cancels every working order of the account, or of one instrument' })
  cancelAllRoutedOrders(
    @Arg('account', () => BrokerAccountInput) account: BrokerAccountInput,
    @Arg('symbol', () => String, { nullable: true }) symbol: string | null,
    @Arg('exchange', () => String, { nullable: true }) exchange: string | null,
    @Ctx() ctx: BridgeContext,
  ): boolean {
    const router = routerFor(ctx);
    if ((symbol === null) !== (exchange === null)) throw badInput('symbol and exchange go together', { field: symbol === null ? 'symbol' : 'exchange' });
    asInputError(() => router.cancelAll(account, symbol && exchange ? { symbol, exchange } : undefined));
    return true;
  }

  @Directive('@inaccessible')
  @Mutation(() => RoutedOrderType, { description: 'Sends the order that flattens the position (at market unless price)' })
  zeroRoutedPosition(
    @Arg('account', () => BrokerAccountInput) account: BrokerAccountInput,
    @Arg('symbol') symbol: string,
    @Arg('exchange') exchange: string,
    @Arg('price', () => String, { nullable: true }) price: string | null,
    @Ctx() ctx: BridgeContext,
  ): RoutedOrderType {
    const router = routerFor(ctx);
    const localOrderId = asInputError(() => router.zeroPosition(account, symbol, exchange, price));
    return Object.assign(new RoutedOrderType(), { localOrderId });
  }

  @Directive('@inaccessible')
  @Query(() => [BrokerOrderType], { description: "Every order the DLL holds for the account: what a restart reconciles with" })
  brokerOrders(@Arg('account', () => BrokerAccountInput) account: BrokerAccountInput, @Ctx() ctx: BridgeContext): BrokerOrderType[] {
    return routerFor(ctx).listOrders(account).map(toBrokerOrder);
  }

  @Directive('@inaccessible')
  @Query(() => BrokerPositionType, { nullable: true })
  brokerPosition(
    @Arg('account', () => BrokerAccountInput) account: BrokerAccountInput,
    @Arg('symbol') symbol: string,
    @Arg('exchange') exchange: string,
    @Ctx() ctx: BridgeContext,
  ): BrokerPositionType | null {
    const position = routerFor(ctx).position(account, symbol, exchange);
    return position ? toBrokerPosition(position) : null;
  }

  @Directive('@inaccessible')
  @Query(() => [BrokerAccountType])
  brokerAccounts(@Ctx() ctx: BridgeContext): BrokerAccountType[] {
    return routerFor(ctx).accounts().map(toBrokerAccount);
  }

  @Directive('@inaccessible')
  @Subscription(() => BrokerOrderType, {
    description: 'Every order update the DLL reports, latest state per order for a slow reader',
    subscribe: ({ context }) => (context as BridgeContext).routingUpdates.stream(routerFor(context as BridgeContext)),
  })
  brokerOrderUpdates(@Root() order: BrokerOrder): BrokerOrderType {
    return toBrokerOrder(order);
  }
}
