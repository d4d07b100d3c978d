import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Order, OrderId } from '../domain/order';
import type { OrdersContext } from '../context';
import { OrderErrors } from '../errors';
import { OrderStatusEnum } from './order.enums';
import { PlaceOrderInput } from './order.inputs';
import { OrderType, toOrderType } from './order.type';

@Resolver(() => OrderType)
export class OrderResolver {
  @Authorized('viewer')
  @Query(() => [OrderType], { description: "The caller's own orders, newest first" })
  async orders(
    @Ctx() ctx: OrdersContext,
    @Arg('status', () => OrderStatusEnum, { nullable: true }) status?: OrderStatusEnum,
    @Arg('symbol', { nullable: true }) symbol?: string,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 50 }) limit?: number | null,
  ): Promise<OrderType[]> {
    return (await ctx.orders.list(ctx.viewer!, { status, symbol, limit: limit ?? undefined })).map(toOrderType);
  }

  @Authorized('viewer')
  @Query(() => OrderType, { nullable: true, description: "One of the caller's orders; ORDERS_NOT_FOUND otherwise" })
  async order(@Arg('id', () => ID) id: string, @Ctx() ctx: OrdersContext): Promise<OrderType> {
    const order = await ctx.loaders.order.load(id as OrderId);
    if (!order) throw OrderErrors.notFound(id);
    return toOrderType(order);
  }

  @Authorized('trader')
  @Mutation(() => OrderType, { description: 'Places an order (trader role); it starts PENDING_NEW' })
  async placeOrder(@Arg('input') input: PlaceOrderInput, @Ctx() ctx: OrdersContext): Promise<OrderType> {
    return toOrderType(await ctx.orders.place(input, ctx.viewer!));
  }

  @Authorized('viewer')
  @Subscription(() => OrderType, {
    description: "Every change to the caller's own orders, in order (lossless)",
    subscribe: ({ context }) => {
      const ctx = context as OrdersContext;
      return ctx.orders.updates(ctx.viewer);
    },
  })
  orderUpdates(@Root() order: Order): OrderType {
    return toOrderType(order);
  }
}
