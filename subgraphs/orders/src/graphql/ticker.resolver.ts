import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { OrdersContext } from '../context';
import { PositionType, toPositionType } from './position.types';
import { TickerRef } from './ticker-ref.type';

/** Orders' contribution to market's Ticker entity: the caller's position in it. */
@Resolver(() => TickerRef)
export class TickerResolver {
  @FieldResolver(() => PositionType, { nullable: true, description: "The caller's position in this instrument; null when signed out or never traded" })
  async position(@Root() ticker: TickerRef, @Ctx() ctx: OrdersContext): Promise<PositionType | null> {
    const view = await ctx.loaders.position.load(ticker.symbol);
    return view ? toPositionType(view) : null;
  }
}
