import { buildFederatedSchema } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import type { OrdersContext } from './context';
import type { OrderId } from './domain/order-model';
import { OrderResolver } from './graphql/order.resolver';
import { PositionResolver } from './graphql/position.resolver';
import { RiskResolver } from './graphql/risk.resolver';
import { TickerResolver } from './graphql/ticker.resolver';
import { toOrderType } from './graphql/order.type';
import { TickerRef } from './graphql/ticker-ref.type';

export function buildOrdersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<OrdersContext>({
    resolvers: [OrderResolver, RiskResolver, PositionResolver, TickerResolver],
    references: {
      Order: async (ref, ctx) => {
        const order = await ctx.loaders.order.load(String(ref.id) as OrderId);
        return order ? toOrderType(order) : null;
      },
      // Any symbol is a Ticker here: market decides which exist, orders only adds the caller's position.
      Ticker: (ref) => Object.assign(new TickerRef(), { symbol: String(ref.symbol) }),
    },
  });
}
