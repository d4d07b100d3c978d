import { buildFederatedSchema } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import type { AgentsContext } from './context';
import { MarketSessionResolver } from './graphql/market-session.resolver';

export function buildAgentsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<AgentsContext>({ resolvers: [MarketSessionResolver] });
}
