import { buildFederatedSchema } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import type { MarketContext } from './context';
import { B3ImportResolver } from './graphql/b3-import.resolver';
import { B3DataResolver } from './graphql/b3.resolver';
import { GammaResolver } from './graphql/gamma.resolver';
import { TickerResolver, TradeResolver } from './graphql/market.resolver';
import { tickerRef } from './graphql/ticker.type';

export function buildMarketSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<MarketContext>({
    resolvers: [TickerResolver, TradeResolver, B3DataResolver, B3ImportResolver, GammaResolver],
    references: {
      Ticker: (ref, ctx) => tickerRef(ctx.market.checkSymbol(String(ref.symbol))),
    },
  });
}
