import { type Logger, startSubgraph } from '@b3/kit';
import { openDatabase } from '@b3/prisma';
import type { IdeasConfig } from './config';
import { createIdeasContext } from './context';
import { buildIdeasSchema } from './schema';
import { IdeaService } from './services/idea.service';
import { createPrismaIdeaStore } from './store/prisma-idea.store';

export async function startIdeas(config: IdeasConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const db = await openDatabase({ service: 'ideas', databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const ideas = new IdeaService(createPrismaIdeaStore(db.prisma));
  const server = await startSubgraph({
    name: 'ideas',
    port: config.port,
    logger,
    schema: await buildIdeasSchema(),
    context: (base) => createIdeasContext(base, ideas),
    healthChecks: [{ name: `database:${db.kind}`, critical: true, check: async () => void (await db.ping()) }],
  });
  return {
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
