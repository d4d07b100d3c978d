import type { SubgraphContext } from '@b3/kit';
import DataLoader from 'dataloader';
import type { DailyStats } from './domain/daily-stats';
import type { TickerSymbol, Trade } from './domain/trade';
import type { B3Context } from './graphql/b3.context';
import type { GammaContext } from './graphql/gamma.resolver';
import type { BookService } from './services/book.service';
import type { CandleService } from './services/candle.service';
import type { MarketDataService } from './services/market-data.service';

/** The services a request may use; built once by the composition root. */
export interface MarketServices extends B3Context, GammaContext {
  market: MarketDataService;
  candles: CandleService;
  books: BookService;
}

export interface MarketContext extends SubgraphContext, MarketServices {
  loaders: {
    lastTrade: DataLoader<TickerSymbol, Trade | null>;
    dailyStats: DataLoader<TickerSymbol, DailyStats | null>;
  };
}

export function createMarketContext(base: SubgraphContext, services: MarketServices): MarketContext {
  return {
    ...base,
    ...services,
    loaders: {
      lastTrade: new DataLoader((symbols) => services.market.lastTrades(symbols)),
      dailyStats: new DataLoader((symbols) => services.candles.dailyStats(symbols)),
    },
  };
}
