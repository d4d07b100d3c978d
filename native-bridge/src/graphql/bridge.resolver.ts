import { Ctx, Query, Resolver } from 'type-graphql';
import type { BridgeContext } from '../context';
import { BridgeStatusType } from './bridge-status.type';

@Resolver()
export class BridgeResolver {
  @Query(() => BridgeStatusType)
  bridgeStatus(@Ctx() ctx: BridgeContext): BridgeStatusType {
    const state = ctx.client.state();
    const publisher = ctx.publisher.stats();
    return Object.assign(new BridgeStatusType(), {
      ...state,
      library: ctx.library,
      tradesReceived: ctx.client.stats().tradesReceived,
      tradesPublished: publisher.published,
      subscriptions: publisher.subscriptions,
    });
  }
}
