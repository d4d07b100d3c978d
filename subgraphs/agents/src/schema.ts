import { buildFederatedSchema } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import type { AgentsContext } from './context';
import { AgentResolver } from './graphql/agent.resolver';
import { MarketSessionResolver } from './graphql/market-session.resolver';
import { MarketSignalResolver } from './graphql/market-signal.resolver';
import { RecommendationResolver } from './graphql/recommendation.resolver';
import { SignalResolver } from './graphql/signal.resolver';
import { signalRef } from './graphql/signal-ref.type';
import { TickerResolver } from './graphql/ticker.resolver';
import { tickerRef } from './graphql/ticker-ref.type';

export function buildAgentsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<AgentsContext>({
    resolvers: [MarketSessionResolver, TickerResolver, SignalResolver, MarketSignalResolver, RecommendationResolver, AgentResolver],
    references: {
      // Market decides which symbols exist and signals which ids do; the agents only add fields to them.
      Ticker: (ref) => tickerRef(String(ref.symbol)),
      Signal: (ref) => signalRef(String(ref.id)),
    },
  });
}
