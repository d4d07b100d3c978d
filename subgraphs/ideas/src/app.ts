import { type Logger, startSubgraph } from '@b3/kit';
import { databaseResource, openDatabase } from '@b3/prisma';
import type { IdeasConfig } from './config';
import { createIdeasContext } from './context';
import { buildIdeasSchema } from './schema';
import { IdeaService } from './services/idea.service';
import { createPrismaIdeaStore } from './store/prisma-idea.store';

export async function startIdeas(config: IdeasConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const db = await openDatabase(config.database);
  const ideas = new IdeaService(createPrismaIdeaStore(db.prisma));
  return startSubgraph({
    name: 'ideas',
    port: config.port,
    logger,
    schema: await buildIdeasSchema(),
    context: (base) => createIdeasContext(base, ideas),
    resources: [databaseResource(db)],
  });
}
