import { type Logger, startSubgraph } from '@b3/kit';
import { databaseResource, openDatabase } from '@b3/prisma';
import { FileStorage } from './adapters/file-storage';
import { createHttpStatusSources } from './adapters/http-status.sources';
import { createSystemProber } from './adapters/system-prober';
import type { DocsConfig } from './config';
import { createDocsContext, type DocsServices } from './context';
import { createDownloadRoute } from './http/download.route';
import { createUploadRoute } from './http/upload.route';
import { buildDocsSchema } from './schema';
import { DocFileService } from './services/doc-file.service';
import { DocIdeaService } from './services/doc-idea.service';
import { HealthChecker } from './services/health-checker.service';
import { PlatformStatusService } from './services/platform-status.service';
import { SystemEvents } from './services/system-events';
import { SystemRegistryService } from './services/system-registry.service';
import { createPrismaDocFileStore } from './store/prisma-doc-file.store';
import { createPrismaDocIdeaStore } from './store/prisma-doc-idea.store';
import { createPrismaSystemStore } from './store/prisma-system.store';

/** Multipart framing and headers around five full files. */
const FRAMING_BYTES = 1024 * 1024;

export async function startDocs(config: DocsConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const db = await openDatabase(config.database);
  const storage = new FileStorage(config.files.dir);
  await storage.init();
  const systemStore = createPrismaSystemStore(db.prisma);
  const files = new DocFileService(createPrismaDocFileStore(db.prisma), storage, logger);
  const registry = new SystemRegistryService(systemStore, { onRemoved: (ids) => files.forget(ids) });
  // every start: the platform's services at the ports this run uses
  await registry.seed(config.systems);
  const sources = createHttpStatusSources({ launcherUrl: config.launcherUrl, timeoutMs: config.statusTimeoutMs });
  const events = new SystemEvents();
  const { health } = config;
  const checker = new HealthChecker(systemStore, createSystemProber({ timeoutMs: health.timeoutMs, slowMs: health.slowMs }), sources, events, {
    intervalMs: health.intervalMs,
    jitterMs: Math.min(1000, Math.floor(health.intervalMs / 10)),
    concurrency: 8,
    historyPerSystem: health.historyPerSystem,
    historyMaxAgeMs: health.historyMaxAgeMs,
    logger: logger.child({ component: 'health-checker' }),
  });
  const sweeper = files.sweeper(config.files.sweepIntervalMs);
  const services: DocsServices = {
    registry,
    platformStatus: new PlatformStatusService(sources, config.platform),
    ideas: new DocIdeaService(createPrismaDocIdeaStore(db.prisma), { onRemoved: (ids) => files.forget(ids) }),
    files,
    events,
  };
  const limits = { maxFileBytes: config.files.maxFileBytes, maxFiles: config.files.maxFiles, maxBodyBytes: config.files.maxFiles * config.files.maxFileBytes + FRAMING_BYTES };
  const running = await startSubgraph({
    name: 'docs',
    port: config.port,
    logger,
    schema: await buildDocsSchema(),
    context: (base) => createDocsContext(base, services),
    httpRoutes: [createUploadRoute({ files, storage, limits }), createDownloadRoute({ files, storage })],
    // closed last-first: the checker and the sweeper, then the database
    resources: [databaseResource(db), sweeper, checker],
  });
  checker.start();
  sweeper.start();
  return running;
}
