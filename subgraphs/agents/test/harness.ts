import { createLogger } from '@b3/kit';
import type { AgentsServices } from '../src/context';
import { CommentaryService } from '../src/services/commentary.service';
import { type Commentator, NO_COMMENTATOR } from '../src/services/commentator.port';
import { AgentMetrics } from '../src/services/agent-metrics';
import { MarketAnalysisAgent } from '../src/services/market-analysis.agent';
import { MarketSessionService } from '../src/services/market-session.service';
import { RecommendationEvents } from '../src/services/recommendation-events';
import { RecommendationService } from '../src/services/recommendation.service';
import { RiskManagementAgent } from '../src/services/risk-management.agent';
import { SignalOrchestratorAgent } from '../src/services/signal-orchestrator.agent';
import type { RecommendationStore } from '../src/store/recommendation.store';
import { candlesFrom, line } from './builders';
import { FakeDesk, FakeMarket, FakeSignalFeed, MemoryRecommendationStore } from './fakes';

/** The agents' services as app.ts wires them, over fakes for market, orders and signals. */
export function agentsWithFakes(options: { store?: RecommendationStore; clock?: () => Date; commentator?: Commentator } = {}) {
  const clock = options.clock ?? (() => new Date('2026-11-26T14:00:00Z'));
  const market = new FakeMarket({ PETR4: candlesFrom(line(80, 30, 0.1)), VALE3: candlesFrom(Array(80).fill(60), { spread: 0.05 }) });
  const desk = new FakeDesk();
  const feed = new FakeSignalFeed();
  const store = options.store ?? new MemoryRecommendationStore();
  const events = new RecommendationEvents();
  const commentator = options.commentator ?? NO_COMMENTATOR;
  const metrics = new AgentMetrics(() => commentator.state);
  const analysis = new MarketAnalysisAgent(market, { clock, metrics });
  const risk = new RiskManagementAgent(desk, analysis, { riskPerTradePct: '10', clock, metrics });
  const orchestrator = new SignalOrchestratorAgent(
    { analysis, risk, signals: feed, store, events },
    { account: 'demo-trader', interval: 'M5', scheduleMinutes: 0, followSignals: true, logger: createLogger('test', 'silent'), metrics, clock },
  );
  const services: AgentsServices = {
    session: new MarketSessionService(clock),
    analysis,
    risk,
    orchestrator,
    recommendations: new RecommendationService(store, events),
    commentary: new CommentaryService(commentator),
  };
  return { services, market, desk, feed, store, events, metrics };
}
