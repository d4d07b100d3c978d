import type { Idea, IdeaId, NewIdea } from '../domain/idea';

export interface IdeaQuery {
  symbol?: string;
  limit: number;
}

export interface IdeaStore {
  create(idea: NewIdea, authorId: string): Promise<Idea>;
  list(query: IdeaQuery): Promise<Idea[]>;
  byIds(ids: readonly IdeaId[]): Promise<Idea[]>;
  ping(): Promise<void>;
}
