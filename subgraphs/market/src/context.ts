import type { SubgraphContext } from '@b3/kit';
import DataLoader from 'dataloader';
import type { TickerSymbol, Trade } from './domain/trade';
import type { MarketDataService } from './services/market-data.service';

export interface MarketContext extends SubgraphContext {
  market: MarketDataService;
  loaders: { lastTrade: DataLoader<TickerSymbol, Trade | null> };
}

export function createMarketContext(base: SubgraphContext, market: MarketDataService): MarketContext {
  return { ...base, market, loaders: { lastTrade: new DataLoader((symbols) => market.lastTrades(symbols)) } };
}
