import { type Logger, startSubgraph } from '@b3/kit';
import type { AgentsConfig } from './config';
import { createAgentsContext } from './context';
import { buildAgentsSchema } from './schema';
import { MarketSessionService } from './services/market-session.service';

export async function startAgents(config: AgentsConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const session = new MarketSessionService();
  return startSubgraph({
    name: 'agents',
    port: config.port,
    logger,
    schema: await buildAgentsSchema(),
    context: (base) => createAgentsContext(base, session),
  });
}
