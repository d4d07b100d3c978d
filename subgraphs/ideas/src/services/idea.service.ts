import type { Viewer } from '@b3/kit';
import { checkNewIdea, type Idea, type IdeaId, type NewIdea } from '../domain/idea';
import { IdeaErrors } from '../errors';
import type { IdeaStore } from '../store/idea.store';

const MAX_LIMIT = 200;

export class IdeaService {
  constructor(private readonly store: IdeaStore) {}

  async create(input: NewIdea, author: Viewer): Promise<Idea> {
    const { idea, issues } = checkNewIdea(input);
    if (issues.length > 0) throw IdeaErrors.invalid(issues);
    return this.store.create(idea, author.id);
  }

  async list(filter: { symbol?: string; limit?: number }): Promise<Idea[]> {
    const limit = filter.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw IdeaErrors.limitOutOfRange(MAX_LIMIT);
    return this.store.list({ symbol: filter.symbol?.toUpperCase(), limit });
  }

  /** DataLoader batch function: results in the order of `ids`, null where missing. */
  async byIds(ids: readonly IdeaId[]): Promise<Array<Idea | null>> {
    const found = new Map((await this.store.byIds(ids)).map((idea) => [idea.id, idea]));
    return ids.map((id) => found.get(id) ?? null);
  }
}
