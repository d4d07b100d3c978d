import { Arg, Authorized, Ctx, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { BridgeContext } from '../context';
import type { BridgeStatusSnapshot } from '../services/bridge-status.service';
import { BridgeStatusType, BridgeSymbolInput, toBridgeStatus } from './bridge-status.type';
import { checkSymbols } from './symbols';

@Resolver()
export class BridgeResolver {
  @Query(() => BridgeStatusType, { description: 'State machine, subscriptions and flow of the ProfitDLL bridge' })
  bridgeStatus(@Ctx() ctx: BridgeContext): BridgeStatusType {
    return toBridgeStatus(ctx.status.snapshot());
  }

  @Subscription(() => BridgeStatusType, {
    name: 'bridgeStatus',
    description: 'The bridge status now, then on every connection change and once a second',
    subscribe: ({ context }) => (context as BridgeContext).status.stream(),
  })
  bridgeStatusChanged(@Root() snapshot: BridgeStatusSnapshot): BridgeStatusType {
    return toBridgeStatus(snapshot);
  }

  @Authorized('admin')
  @Mutation(() => BridgeStatusType, { description: 'Takes trades (and the book when `book`) of these instruments from the DLL' })
  async subscribeSymbols(
    @Arg('symbols', () => [BridgeSymbolInput]) symbols: BridgeSymbolInput[],
    @Arg('book', { defaultValue: false }) book: boolean,
    @Ctx() ctx: BridgeContext,
  ): Promise<BridgeStatusType> {
    await ctx.publisher.subscribe(checkSymbols(symbols), book);
    return toBridgeStatus(ctx.status.snapshot());
  }

  @Authorized('admin')
  @Mutation(() => BridgeStatusType, { description: 'Stops taking these instruments (trades and book)' })
  async unsubscribeSymbols(@Arg('symbols', () => [BridgeSymbolInput]) symbols: BridgeSymbolInput[], @Ctx() ctx: BridgeContext): Promise<BridgeStatusType> {
    await ctx.publisher.unsubscribe(checkSymbols(symbols));
    return toBridgeStatus(ctx.status.snapshot());
  }
}
