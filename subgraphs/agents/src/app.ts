import { createServiceClient, type Logger, type RunningSubgraph, serviceViewer, startSubgraph } from '@b3/kit';
import { databaseResource, openDatabase } from '@b3/prisma';
import type { AgentsConfig } from './config';
import { createAgentsContext, type AgentsServices } from './context';
import { buildAgentsSchema } from './schema';
import { AgentMetrics } from './services/agent-metrics';
import { CommentaryService } from './services/commentary.service';
import { type Commentator, NO_COMMENTATOR } from './services/commentator.port';
import { MarketAnalysisAgent } from './services/market-analysis.agent';
import { MarketSessionService } from './services/market-session.service';
import { RecommendationEvents } from './services/recommendation-events';
import { RecommendationService } from './services/recommendation.service';
import { RiskManagementAgent } from './services/risk-management.agent';
import { SignalOrchestratorAgent } from './services/signal-orchestrator.agent';
import { createPrismaRecommendationStore } from './store/prisma-recommendation.store';
import { ResilientCommentator } from './upstream/llm/resilient-commentator';
import { MarketClient } from './upstream/market.client';
import { OrdersClient } from './upstream/orders.client';
import { SignalsClient } from './upstream/signals.client';
import { upstreamHealthChecks } from './upstream/upstream-health';

export async function startAgents(config: AgentsConfig, logger: Logger): Promise<RunningSubgraph> {
  const db = await openDatabase(config.database);
  // Each upstream is called directly (not through the gateway), as the agents service's own signed identity.
  const client = (url: string) => createServiceClient({ url, identity: serviceViewer('agents'), secret: config.upstream.secret });
  const [marketClient, ordersClient, signalsClient] = [client(config.upstream.marketUrl), client(config.upstream.ordersUrl), client(config.upstream.signalsUrl)];
  const market = new MarketClient(marketClient, logger);
  const orders = new OrdersClient(ordersClient, logger);
  const signals = new SignalsClient(signalsClient, logger);
  // Nothing connects to an LLM unless AGENTS_LLM_URL is set.
  const commentator: Commentator = config.llm ? new ResilientCommentator(config.llm.endpoint, logger, config.llm.resilience) : NO_COMMENTATOR;
  const metrics = new AgentMetrics(() => commentator.state);

  const analysis = new MarketAnalysisAgent(market, { metrics });
  const risk = new RiskManagementAgent(orders, analysis, { metrics, riskPerTradePct: config.riskPerTradePct });
  const events = new RecommendationEvents();
  const store = createPrismaRecommendationStore(db.prisma);
  const orchestrator = new SignalOrchestratorAgent(
    { analysis, risk, signals, store, events },
    { account: config.account, interval: config.interval, scheduleMinutes: config.scheduleMinutes, followSignals: config.followSignals, logger, metrics },
  );
  const services: AgentsServices = {
    session: new MarketSessionService(),
    analysis,
    risk,
    orchestrator,
    recommendations: new RecommendationService(store, events),
    commentary: new CommentaryService(commentator),
  };
  logger.info(
    { account: config.account, interval: config.interval, scheduleMinutes: config.scheduleMinutes, followSignals: config.followSignals, llm: config.llm ? config.llm.endpoint.url : 'off' },
    'agents advise on signals; they never place orders',
  );

  const running = await startSubgraph({
    name: 'agents',
    port: config.port,
    logger,
    schema: await buildAgentsSchema(),
    context: (base) => createAgentsContext(base, services),
    metrics: (registry) => metrics.register(registry),
    healthChecks: upstreamHealthChecks(
      [
        { name: 'market', url: config.upstream.marketUrl, ping: () => market.ping() },
        { name: 'orders', url: config.upstream.ordersUrl, ping: () => orders.ping() },
        { name: 'signals', url: config.upstream.signalsUrl, ping: () => signals.ping() },
      ],
      commentator,
    ),
    // closed last-first: the orchestrator (its feed and queue), the upstream clients and the LLM, then the database
    resources: [
      databaseResource(db),
      {
        name: 'upstreams',
        close: async () => {
          await commentator.close();
          await Promise.all([marketClient.close(), ordersClient.close(), signalsClient.close()]);
        },
      },
      { name: 'orchestrator', close: () => orchestrator.close() },
    ],
  });
  // After the server is up: the first signal may arrive at once, and its recommendation has to be servable.
  orchestrator.start();
  return running;
}
