import type { SubgraphContext } from '@b3/kit';
import DataLoader from 'dataloader';
import type { MarketSignal } from './domain/market-signal';
import type { Recommendation } from './domain/recommendation';
import type { CommentaryService } from './services/commentary.service';
import type { AnalysisKey, MarketAnalysisAgent } from './services/market-analysis.agent';
import type { MarketSessionService } from './services/market-session.service';
import type { RecommendationService } from './services/recommendation.service';
import type { RiskManagementAgent } from './services/risk-management.agent';
import type { SignalOrchestratorAgent } from './services/signal-orchestrator.agent';
import type { SignalAccount } from './store/recommendation.store';

/** Built once in app.ts and shared by every request. */
export interface AgentsServices {
  session: MarketSessionService;
  analysis: MarketAnalysisAgent;
  risk: RiskManagementAgent;
  orchestrator: SignalOrchestratorAgent;
  recommendations: RecommendationService;
  commentary: CommentaryService;
}

export interface AgentsContext extends SubgraphContext {
  services: AgentsServices;
  /** Per request, so entity fields on many Tickers or Signals cost one upstream or database round trip. */
  loaders: {
    analysis: DataLoader<AnalysisKey, MarketSignal, string>;
    latestRecommendation: DataLoader<SignalAccount, Recommendation | null, string>;
  };
}

export function createAgentsContext(base: SubgraphContext, services: AgentsServices): AgentsContext {
  return {
    ...base,
    services,
    loaders: {
      analysis: new DataLoader((keys) => services.analysis.analyzeMany(keys), { cacheKeyFn: (k) => `${k.symbol}|${k.interval}` }),
      latestRecommendation: new DataLoader((keys) => services.recommendations.latestFor(keys), { cacheKeyFn: (k) => `${k.signalId}|${k.account}` }),
    },
  };
}
