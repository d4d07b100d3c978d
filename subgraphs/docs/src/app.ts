import { type Logger, startSubgraph } from '@b3/kit';
import { databaseResource, openDatabase } from '@b3/prisma';
import { createHttpStatusSources } from './adapters/http-status.sources';
import type { DocsConfig } from './config';
import { createDocsContext } from './context';
import { buildDocsSchema } from './schema';
import { PlatformStatusService } from './services/platform-status.service';
import { SystemRegistryService } from './services/system-registry.service';
import { createPrismaSystemStore } from './store/prisma-system.store';

export async function startDocs(config: DocsConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const db = await openDatabase(config.database);
  const registry = new SystemRegistryService(createPrismaSystemStore(db.prisma), config.platform);
  const sources = createHttpStatusSources({ launcherUrl: config.launcherUrl, timeoutMs: config.statusTimeoutMs });
  const platformStatus = new PlatformStatusService(sources, config.platform);
  return startSubgraph({
    name: 'docs',
    port: config.port,
    logger,
    schema: await buildDocsSchema(),
    context: (base) => createDocsContext(base, registry, platformStatus),
    resources: [databaseResource(db)],
  });
}
