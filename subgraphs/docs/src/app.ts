import { type Logger, startSubgraph } from '@b3/kit';
import { openDatabase } from '@b3/prisma';
import { createHttpStatusSources } from './adapters/http-status.sources';
import type { DocsConfig } from './config';
import { createDocsContext } from './context';
import { buildDocsSchema } from './schema';
import { PlatformStatusService } from './services/platform-status.service';
import { SystemRegistryService } from './services/system-registry.service';
import { createPrismaSystemStore } from './store/prisma-system.store';

export async function startDocs(config: DocsConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const db = await openDatabase({ service: 'docs', databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const registry = new SystemRegistryService(createPrismaSystemStore(db.prisma), config.platform);
  const sources = createHttpStatusSources({ launcherUrl: config.launcherUrl, timeoutMs: config.statusTimeoutMs });
  const platformStatus = new PlatformStatusService(sources, config.platform);
  const server = await startSubgraph({
    name: 'docs',
    port: config.port,
    logger,
    schema: await buildDocsSchema(),
    context: (base) => createDocsContext(base, registry, platformStatus),
    healthChecks: [{ name: `database:${db.kind}`, critical: true, check: async () => void (await db.ping()) }],
  });
  return {
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
