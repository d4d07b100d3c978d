import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Trade } from '../domain/trade';
import type { MarketContext } from '../context';
import type { OrderBook } from '../domain/order-book';
import type { CandleUpdate } from '../services/forming-bars';
import { OrderBookType, QuoteType, toOrderBookType, toQuoteType } from './book.type';
import { CandleInterval, CandleType, toCandleType } from './candle.type';
import { DailyStatsType, toDailyStatsType } from './daily-stats.type';
import { TickerType, tickerRef } from './ticker.type';
import { TradeType, toTradeType } from './trade.type';

@Resolver(() => TickerType)
export class TickerResolver {
  @Query(() => TickerType, { description: 'A known instrument by symbol' })
  ticker(@Arg('symbol') symbol: string, @Ctx() ctx: MarketContext): TickerType {
    return tickerRef(ctx.market.checkSymbol(symbol));
  }

  @Query(() => [TickerType], { description: 'Several instruments at once (max 50)' })
  tickers(@Arg('symbols', () => [String]) symbols: string[], @Ctx() ctx: MarketContext): TickerType[] {
    return ctx.market.checkSymbols(symbols).map(tickerRef);
  }

  @FieldResolver(() => TradeType, { nullable: true, description: 'Latest trade, null before the first print' })
  async lastTrade(@Root() ticker: TickerType, @Ctx() ctx: MarketContext): Promise<TradeType | null> {
    const trade = await ctx.loaders.lastTrade.load(ctx.market.checkSymbol(ticker.symbol));
    return trade ? toTradeType(trade) : null;
  }

  @FieldResolver(() => QuoteType, { nullable: true, description: 'Best bid and offer, null until the first book arrives' })
  quote(@Root() ticker: TickerType, @Ctx() ctx: MarketContext): QuoteType | null {
    const quote = ctx.books.quote(ctx.market.checkSymbol(ticker.symbol));
    return quote ? toQuoteType(quote) : null;
  }

  @FieldResolver(() => OrderBookType, { nullable: true, description: 'Price depth (1–10 levels a side), null until the first book arrives' })
  book(@Root() ticker: TickerType, @Arg('depth', () => Int, { defaultValue: 10 }) depth: number, @Ctx() ctx: MarketContext): OrderBookType | null {
    const book = ctx.books.book(ctx.market.checkSymbol(ticker.symbol), depth);
    return book ? toOrderBookType(book) : null;
  }

  @FieldResolver(() => [CandleType], {
    description: 'Bars whose start is in [from, to), oldest first, at most `limit` (the latest ones). `to` defaults to now and `from` to `limit` bars earlier; the last bar may be forming.',
  })
  async candles(
    @Root() ticker: TickerType,
    @Arg('interval', () => CandleInterval) interval: CandleInterval,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Arg('limit', () => Int, { defaultValue: 500 }) limit: number,
    @Ctx() ctx: MarketContext,
  ): Promise<CandleType[]> {
    const candles = await ctx.candles.candles(ctx.market.checkSymbol(ticker.symbol), interval, { from, to, limit });
    return candles.map(toCandleType);
  }

  @FieldResolver(() => DailyStatsType, { nullable: true, description: "Today's session (or the last one), null when the symbol never traded" })
  async dailyStats(@Root() ticker: TickerType, @Ctx() ctx: MarketContext): Promise<DailyStatsType | null> {
    const stats = await ctx.loaders.dailyStats.load(ctx.market.checkSymbol(ticker.symbol));
    return stats ? toDailyStatsType(stats) : null;
  }
}

@Resolver()
export class TradeResolver {
  @Query(() => TradeType, { nullable: true, description: 'Latest trade of a symbol, null before the first print' })
  async lastTrade(@Arg('symbol') symbol: string, @Ctx() ctx: MarketContext): Promise<TradeType | null> {
    const trade = await ctx.loaders.lastTrade.load(ctx.market.checkSymbol(symbol));
    return trade ? toTradeType(trade) : null;
  }

  @Subscription(() => TradeType, {
    description: 'Live trades for the given symbols; a slow client receives the latest trade per symbol',
    subscribe: ({ args, context }) => (context as MarketContext).market.streamTicks((args as { symbols: string[] }).symbols),
  })
  ticks(@Root() trade: Trade, @Arg('symbols', () => [String]) _symbols: string[]): TradeType {
    return toTradeType(trade);
  }

  @Subscription(() => TradeType, {
    description: 'Every trade of the given symbols, in order (a tape); a client 10,000 trades behind is disconnected with an error',
    subscribe: ({ args, context }) => (context as MarketContext).market.streamTrades((args as { symbols: string[] }).symbols),
  })
  trades(@Root() trade: Trade, @Arg('symbols', () => [String]) _symbols: string[]): TradeType {
    return toTradeType(trade);
  }

  @Subscription(() => CandleType, {
    description: 'The forming bar now, its update on every trade, then the closed bar (closed: true) when the interval ends',
    subscribe: ({ args, context }) => {
      const ctx = context as MarketContext;
      const { symbol, interval } = args as { symbol: string; interval: CandleInterval };
      return ctx.candles.stream(ctx.market.checkSymbol(symbol), interval);
    },
  })
  candles(
    @Root() update: CandleUpdate,
    @Arg('symbol') _symbol: string,
    @Arg('interval', () => CandleInterval) _interval: CandleInterval,
  ): CandleType {
    return toCandleType(update);
  }

  @Subscription(() => OrderBookType, {
    description: 'The book now, then its changes at most `maxUpdatesPerSecond` times a second (1–50); the newest state always arrives',
    subscribe: ({ args, context }) => {
      const ctx = context as MarketContext;
      const { symbol, depth, maxUpdatesPerSecond } = args as { symbol: string; depth: number; maxUpdatesPerSecond: number };
      return ctx.books.stream(ctx.market.checkSymbol(symbol), depth, maxUpdatesPerSecond);
    },
  })
  book(
    @Root() book: OrderBook,
    @Arg('symbol') _symbol: string,
    @Arg('depth', () => Int, { defaultValue: 10 }) _depth: number,
    @Arg('maxUpdatesPerSecond', () => Int, { defaultValue: 10 }) _rate: number,
  ): OrderBookType {
    return toOrderBookType(book);
  }
}
