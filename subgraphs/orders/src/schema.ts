import { buildFederatedSchema } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import type { OrdersContext } from './context';
import type { OrderId } from './domain/order-model';
import { OrderResolver } from './graphql/order.resolver';
import { RiskResolver } from './graphql/risk.resolver';
import { toOrderType } from './graphql/order.type';

export function buildOrdersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<OrdersContext>({
    resolvers: [OrderResolver, RiskResolver],
    references: {
      Order: async (ref, ctx) => {
        const order = await ctx.loaders.order.load(String(ref.id) as OrderId);
        return order ? toOrderType(order) : null;
      },
    },
  });
}
