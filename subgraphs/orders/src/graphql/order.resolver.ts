import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { OrdersContext } from '../context';
import type { Order } from '../domain/order-model';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../services/order.service';
import { OrderConnectionType, toOrderConnection } from './order-connection.type';
import { OrderFilterInput, PlaceOrderInput, ReplaceOrderInput } from './order.inputs';
import { OrderType, toOrderType } from './order.type';

/** Thin: arguments in, one service call, GraphQL types out. Roles come from @Authorized. */
@Resolver(() => OrderType)
export class OrderResolver {
  @Authorized('viewer')
  @Query(() => OrderConnectionType, { description: "The caller's orders (an admin may name an account), newest first" })
  async orders(
    @Ctx() ctx: OrdersContext,
    @Arg('filter', () => OrderFilterInput, { nullable: true }) filter: OrderFilterInput | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `1 to ${MAX_PAGE_SIZE}` }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<OrderConnectionType> {
    return toOrderConnection(await ctx.orders.orders(ctx.viewer!, filter ?? {}, { first, after }));
  }

  @Authorized('viewer')
  @Query(() => OrderType, { nullable: true, description: 'One order the caller may see; ORDERS_NOT_FOUND otherwise' })
  async order(@Arg('id', () => ID) id: string, @Ctx() ctx: OrdersContext): Promise<OrderType> {
    return toOrderType(await ctx.orders.order(ctx.viewer!, id));
  }

  @Authorized('trader')
  @Mutation(() => OrderType, {
    description: 'Places an order (trader or admin); it starts PENDING. The same idempotencyKey returns the first order placed with it.',
  })
  async placeOrder(@Arg('input', () => PlaceOrderInput) input: PlaceOrderInput, @Ctx() ctx: OrdersContext): Promise<OrderType> {
    return toOrderType(await ctx.orders.placeOrder(ctx.viewer!, input));
  }

  @Authorized('trader')
  @Mutation(() => OrderType, {
    description: "Cancels a working order and waits briefly for the venue: CANCELED, or still working if the venue has not answered yet (the change follows on orderUpdates)",
  })
  async cancelOrder(@Arg('id', () => ID) id: string, @Ctx() ctx: OrdersContext): Promise<OrderType> {
    return toOrderType(await ctx.orders.cancelOrder(ctx.viewer!, id));
  }

  @Authorized('trader')
  @Mutation(() => OrderType, { description: "Changes a working order's limit price and/or total quantity, risk-checked, and waits briefly for the venue's confirmation" })
  async replaceOrder(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ReplaceOrderInput) input: ReplaceOrderInput,
    @Ctx() ctx: OrdersContext,
  ): Promise<OrderType> {
    return toOrderType(await ctx.orders.replaceOrder(ctx.viewer!, id, input));
  }

  @Authorized('trader')
  @Mutation(() => [OrderType], { description: "Cancels every working order of the caller's account (an admin may name one), or of one symbol" })
  async cancelAllOrders(
    @Arg('symbol', () => String, { nullable: true }) symbol: string | null,
    @Arg('account', () => String, { nullable: true }) account: string | null,
    @Ctx() ctx: OrdersContext,
  ): Promise<OrderType[]> {
    return (await ctx.orders.cancelAllOrders(ctx.viewer!, { symbol, account })).map(toOrderType);
  }

  @Authorized('viewer')
  @Subscription(() => OrderType, {
    description: "Every change to the caller's own orders, in order (lossless)",
    subscribe: ({ context }) => {
      const ctx = context as OrdersContext;
      return ctx.orders.orderUpdates(ctx.viewer);
    },
  })
  orderUpdates(@Root() order: Order): OrderType {
    return toOrderType(order);
  }
}
