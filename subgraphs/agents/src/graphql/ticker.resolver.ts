import { Arg, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AgentsContext } from '../context';
import { CandleIntervalEnum } from './enums';
import { MarketSignalType, toMarketSignalType } from './market-signal.type';
import { TickerRef } from './ticker-ref.type';

/** The agents' contribution to market's Ticker: the market analysis of its bars. */
@Resolver(() => TickerRef)
export class TickerResolver {
  @Authorized('viewer')
  @FieldResolver(() => MarketSignalType, { nullable: true, description: 'RSI, MACD, EMA 9/21/50, Bollinger, VWAP and ATR of the latest 200 bars, combined into one call' })
  async analysis(
    @Root() ticker: TickerRef,
    @Arg('interval', () => CandleIntervalEnum, { nullable: true, defaultValue: CandleIntervalEnum.M5 }) interval: CandleIntervalEnum | null,
    @Ctx() ctx: AgentsContext,
  ): Promise<MarketSignalType> {
    return toMarketSignalType(await ctx.loaders.analysis.load({ symbol: ticker.symbol, interval: interval ?? CandleIntervalEnum.M5 }));
  }
}
