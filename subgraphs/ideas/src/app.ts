import { type Logger, startSubgraph } from '@b3/kit';
import { databaseResource, openDatabase } from '@b3/prisma';
import type { IdeasConfig } from './config';
import { createIdeasContext, type IdeasServices } from './context';
import { createIdeaExportRoute } from './export/idea-export.route';
import { buildIdeasSchema } from './schema';
import { CategoryService } from './services/category.service';
import { IdeaEvents } from './services/idea-events';
import { IdeaService } from './services/idea.service';
import { createPrismaIdeaStore } from './store/prisma-idea.store';

export async function startIdeas(config: IdeasConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const db = await openDatabase(config.database);
  const store = createPrismaIdeaStore(db.prisma);
  const events = new IdeaEvents();
  const services: IdeasServices = { ideas: new IdeaService(store, events), categories: new CategoryService(store), events };
  return startSubgraph({
    name: 'ideas',
    port: config.port,
    logger,
    schema: await buildIdeasSchema(),
    context: (base) => createIdeasContext(base, services),
    httpRoutes: [createIdeaExportRoute(services)],
    resources: [databaseResource(db)],
  });
}
