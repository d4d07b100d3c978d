import { buildFederatedSchema } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import type { MarketContext } from './context';
import { TickerResolver, TradeResolver } from './graphql/market.resolver';
import { tickerRef } from './graphql/ticker.type';

export function buildMarketSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<MarketContext>({
    resolvers: [TickerResolver, TradeResolver],
    references: {
      Ticker: (ref, ctx) => tickerRef(ctx.market.checkSymbol(String(ref.symbol))),
    },
  });
}
