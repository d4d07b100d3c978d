import type { SubgraphContext } from '@b3/kit';
import DataLoader from 'dataloader';
import type { System, SystemId } from './domain/system';
import type { PlatformStatusService } from './services/platform-status.service';
import type { SystemRegistryService } from './services/system-registry.service';

export interface DocsContext extends SubgraphContext {
  registry: SystemRegistryService;
  platformStatus: PlatformStatusService;
  loaders: { system: DataLoader<SystemId, System | null> };
}

export function createDocsContext(base: SubgraphContext, registry: SystemRegistryService, platformStatus: PlatformStatusService): DocsContext {
  return { ...base, registry, platformStatus, loaders: { system: new DataLoader((ids) => registry.byIds(ids)) } };
}
