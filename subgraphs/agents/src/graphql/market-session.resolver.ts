import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { AgentsContext } from '../context';
import { MarketSessionType, toMarketSessionType } from './market-session.type';

@Resolver(() => MarketSessionType)
export class MarketSessionResolver {
  @Query(() => MarketSessionType, { description: 'B3 session phase at an instant (default: now)' })
  marketSession(@Ctx() ctx: AgentsContext, @Arg('at', { nullable: true }) at?: Date): MarketSessionType {
    return toMarketSessionType(ctx.services.session.sessionAt(at ?? undefined));
  }
}
