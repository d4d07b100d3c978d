import type { SubgraphContext } from '@b3/kit';
import DataLoader from 'dataloader';
import type { DocFile } from './domain/doc-file';
import type { DocIdea, DocIdeaId } from './domain/doc-idea';
import type { System, SystemId } from './domain/system';
import type { DocFileService } from './services/doc-file.service';
import type { DocIdeaService } from './services/doc-idea.service';
import type { PlatformStatusService } from './services/platform-status.service';
import type { SystemEvents } from './services/system-events';
import type { SystemRegistryService } from './services/system-registry.service';
import type { SystemCheckRecord } from './store/system.store';

/** The subgraph's long-lived services, built once in app.ts. */
export interface DocsServices {
  registry: SystemRegistryService;
  platformStatus: PlatformStatusService;
  ideas: DocIdeaService;
  files: DocFileService;
  events: SystemEvents;
}

export interface DocsContext extends SubgraphContext, DocsServices {
  loaders: {
    system: DataLoader<SystemId, System | null>;
    idea: DataLoader<DocIdeaId, DocIdea | null>;
    history: DataLoader<{ id: SystemId; limit: number }, SystemCheckRecord[], string>;
    filesByIdea: DataLoader<DocIdeaId, DocFile[]>;
    filesBySystem: DataLoader<SystemId, DocFile[]>;
  };
}

export function createDocsContext(base: SubgraphContext, services: DocsServices): DocsContext {
  const { registry, ideas, files } = services;
  return {
    ...base,
    ...services,
    loaders: {
      system: new DataLoader((ids) => registry.byIds(ids)),
      idea: new DataLoader((ids) => ideas.byIds(ids)),
      // one query per system, all in flight together (the registry lists tens of systems, not thousands)
      history: new DataLoader((keys) => Promise.all(keys.map((k) => registry.history(k.id, k.limit))), { cacheKeyFn: (k) => `${k.limit}:${k.id}` }),
      filesByIdea: new DataLoader((ids) => files.byIdeas(ids)),
      filesBySystem: new DataLoader((ids) => files.bySystems(ids)),
    },
  };
}
