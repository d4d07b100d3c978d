import type { SubgraphContext } from '@b3/kit';
import DataLoader from 'dataloader';
import type { Idea, IdeaId } from './domain/idea';
import type { IdeaService } from './services/idea.service';

export interface IdeasContext extends SubgraphContext {
  ideas: IdeaService;
  loaders: { idea: DataLoader<IdeaId, Idea | null> };
}

export function createIdeasContext(base: SubgraphContext, ideas: IdeaService): IdeasContext {
  return { ...base, ideas, loaders: { idea: new DataLoader((ids) => ideas.byIds(ids)) } };
}
