import { Arg, Ctx, FieldResolver, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Trade } from '../domain/trade';
import type { MarketContext } from '../context';
import { TickerType, tickerRef } from './ticker.type';
import { TradeType, toTradeType } from './trade.type';

@Resolver(() => TickerType)
export class TickerResolver {
  @Query(() => TickerType, { description: 'A known instrument by symbol' })
  ticker(@Arg('symbol') symbol: string, @Ctx() ctx: MarketContext): TickerType {
    return tickerRef(ctx.market.checkSymbols([symbol])[0]);
  }

  @Query(() => [TickerType], { description: 'Several instruments at once (max 50)' })
  tickers(@Arg('symbols', () => [String]) symbols: string[], @Ctx() ctx: MarketContext): TickerType[] {
    return ctx.market.checkSymbols(symbols).map(tickerRef);
  }

  @FieldResolver(() => TradeType, { nullable: true, description: 'Latest trade, null before the first print' })
  async lastTrade(@Root() ticker: TickerType, @Ctx() ctx: MarketContext): Promise<TradeType | null> {
    const trade = await ctx.loaders.lastTrade.load(ctx.market.checkSymbols([ticker.symbol])[0]);
    return trade ? toTradeType(trade) : null;
  }
}

@Resolver()
export class TradeResolver {
  @Query(() => TradeType, { nullable: true, description: 'Latest trade of a symbol, null before the first print' })
  async lastTrade(@Arg('symbol') symbol: string, @Ctx() ctx: MarketContext): Promise<TradeType | null> {
    const trade = await ctx.loaders.lastTrade.load(ctx.market.checkSymbols([symbol])[0]);
    return trade ? toTradeType(trade) : null;
  }

  @Subscription(() => TradeType, {
    description: 'Live trades for the given symbols; a slow client receives the latest trade per symbol',
    subscribe: ({ args, context }) => (context as MarketContext).market.streamTicks((args as { symbols: string[] }).symbols),
  })
  ticks(@Root() trade: Trade, @Arg('symbols', () => [String]) _symbols: string[]): TradeType {
    return toTradeType(trade);
  }
}
