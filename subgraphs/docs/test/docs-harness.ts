import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, testContext, type Viewer } from '@b3/kit';
import { type Database, resetDatabase } from '@b3/prisma';
import { FileStorage } from '../src/adapters/file-storage';
import { createDocsContext, type DocsContext, type DocsServices } from '../src/context';
import type { PlatformService } from '../src/domain/platform-status';
import { DocFileService } from '../src/services/doc-file.service';
import { DocIdeaService } from '../src/services/doc-idea.service';
import { PlatformStatusService } from '../src/services/platform-status.service';
import { SystemEvents } from '../src/services/system-events';
import { SystemRegistryService } from '../src/services/system-registry.service';
import type { StatusSources } from '../src/services/status-sources.port';
import { createPrismaDocFileStore } from '../src/store/prisma-doc-file.store';
import { createPrismaDocIdeaStore } from '../src/store/prisma-doc-idea.store';
import { createPrismaSystemStore } from '../src/store/prisma-system.store';

export const admin: Viewer = { id: 'u-admin', roles: ['admin'] };
export const trader: Viewer = { id: 'u-trader', roles: ['trader'] };
export const otherTrader: Viewer = { id: 'u-trader-2', roles: ['trader'] };
export const viewer: Viewer = { id: 'u-viewer', roles: ['viewer'] };

export interface DocsHarness {
  services: DocsServices;
  storage: FileStorage;
  /** Every name under the files folder, the incoming one included (for "nothing was written"). */
  filesOnDisk(): string[];
  ctx(who: Viewer | null): DocsContext;
  cleanup(): void;
}

/** The docs services over a real database (PGlite or PostgreSQL) and a throw-away files folder. */
export async function createDocsHarness(
  db: Database,
  options: { sources: StatusSources; platform: readonly PlatformService[]; clock?: () => Date; statusClock?: () => number },
): Promise<DocsHarness> {
  await resetDatabase(db);
  const work = mkdtempSync(join(tmpdir(), 'b3-docs-files-'));
  const storage = new FileStorage(join(work, 'files'));
  await storage.init();
  const logger = createLogger('test', 'silent');
  const clock = options.clock;
  const files = new DocFileService(createPrismaDocFileStore(db.prisma), storage, logger, { clock });
  const services: DocsServices = {
    registry: new SystemRegistryService(createPrismaSystemStore(db.prisma), { clock, onRemoved: (ids) => files.forget(ids) }),
    platformStatus: new PlatformStatusService(options.sources, options.platform, { cacheMs: 1000, now: options.statusClock }),
    ideas: new DocIdeaService(createPrismaDocIdeaStore(db.prisma), { clock, onRemoved: (ids) => files.forget(ids) }),
    files,
    events: new SystemEvents(),
  };
  const listAll = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listAll(join(dir, e.name)).map((n) => `${e.name}/${n}`) : [e.name]));
  return {
    services,
    storage,
    filesOnDisk: () => listAll(storage.dir),
    ctx: (who) => createDocsContext(testContext(who), services),
    cleanup: () => rmSync(work, { recursive: true, force: true }),
  };
}
