import type { SubgraphContext } from '@b3/kit';
import DataLoader from 'dataloader';
import type { Category } from './domain/category';
import type { CategoryId, Idea, IdeaId } from './domain/idea';
import type { CategoryService } from './services/category.service';
import type { IdeaEvents } from './services/idea-events';
import type { IdeaService } from './services/idea.service';
import type { IdeaChangeRecord } from './store/idea.store';

export interface IdeasServices {
  readonly ideas: IdeaService;
  readonly categories: CategoryService;
  readonly events: IdeaEvents;
}

export interface IdeasContext extends SubgraphContext, IdeasServices {
  /** Per request, so nothing cached outlives it. */
  loaders: {
    idea: DataLoader<IdeaId, Idea | null>;
    category: DataLoader<CategoryId, Category | null>;
    categoryIdeaCount: DataLoader<CategoryId, number>;
    history: DataLoader<IdeaId, IdeaChangeRecord[]>;
  };
}

export function createIdeasContext(base: SubgraphContext, services: IdeasServices): IdeasContext {
  const { ideas, categories } = services;
  return {
    ...base,
    ...services,
    loaders: {
      idea: new DataLoader((ids) => ideas.byIds(ids)),
      category: new DataLoader((ids) => categories.byIds(ids)),
      categoryIdeaCount: new DataLoader((ids) => categories.ideaCounts(ids)),
      history: new DataLoader((ids) => ideas.historyOf(ids)),
    },
  };
}
