import { buildFederatedSchema } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import type { BridgeContext } from './context';
import { BridgeResolver } from './graphql/bridge.resolver';
import { HistoryResolver } from './graphql/history.resolver';
import { RoutingResolver } from './graphql/routing.resolver';

export function buildBridgeSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<BridgeContext>({ resolvers: [BridgeResolver, HistoryResolver, RoutingResolver] });
}
