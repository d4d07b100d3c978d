import type { SubgraphContext } from '@b3/kit';
import type { MarketSessionService } from './services/market-session.service';

/** Agents keeps no entities yet, so it needs no per-request loaders. */
export interface AgentsContext extends SubgraphContext {
  session: MarketSessionService;
}

export function createAgentsContext(base: SubgraphContext, session: MarketSessionService): AgentsContext {
  return { ...base, session };
}
