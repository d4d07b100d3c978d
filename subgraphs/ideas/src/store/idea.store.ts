import type { Category } from '../domain/category';
import type { CategoryId, Idea, IdeaId, IdeaPriority } from '../domain/idea';
import type { IdeaChangeEntry } from '../domain/idea-change';
import type { IdeaFilter, IdeaOrder } from '../domain/idea-filter';
import type { IdeaStatus } from '../domain/idea-status';

/** What the ideas services need from storage; prisma-idea.store.ts is the one implementation. */

/** The sort key of the last row of a page; a list continues strictly after it in the query's order. */
export interface IdeaCursor {
  readonly id: IdeaId;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly priority: IdeaPriority;
}

export interface IdeaListQuery {
  readonly filter: IdeaFilter;
  readonly orderBy: IdeaOrder;
  readonly first: number;
  readonly after?: IdeaCursor;
}

/** One idea's write: the new row, the version it must still be at, and its history lines. */
export interface IdeaWrite {
  readonly next: Idea;
  readonly expectedVersion: number;
  readonly history: readonly IdeaChangeEntry[];
}

export interface IdeaChangeRecord extends IdeaChangeEntry {
  readonly id: string;
}

export interface IdeaCounts {
  readonly byStatus: ReadonlyMap<IdeaStatus, number>;
  readonly byPriority: ReadonlyMap<IdeaPriority, number>;
  readonly byCategory: ReadonlyMap<CategoryId, number>;
  /** Monday (YYYY-MM-DD, UTC) → ideas created that week, from `since` on. */
  readonly createdPerWeek: ReadonlyMap<string, number>;
  /** Monday (YYYY-MM-DD, UTC) → ideas moved to COMPLETED that week, from `since` on. */
  readonly completedPerWeek: ReadonlyMap<string, number>;
}

/** A slug or name that another category has already; `field` says which. */
export class DuplicateCategoryError extends Error {
  constructor(readonly field: 'name' | 'slug') {
    super(`another category has this ${field}`);
  }
}

/** The idea's category was deleted between the check and the write. */
export class MissingCategoryError extends Error {
  constructor() {
    super('the category does not exist');
  }
}

export interface IdeaStore {
  // Categories
  listCategories(includeInactive: boolean): Promise<Category[]>;
  categoriesByIds(ids: readonly CategoryId[]): Promise<Category[]>;
  /** Throws DuplicateCategoryError. */
  createCategory(category: Category): Promise<Category>;
  /** Throws DuplicateCategoryError. */
  updateCategory(category: Category): Promise<Category>;
  /** Deletes a category no idea uses; otherwise deletes nothing and says how many use it. */
  deleteCategory(id: CategoryId): Promise<{ deleted: boolean; ideas: number }>;
  /** Ideas per category, for the categories asked (0 when none). */
  countIdeasByCategory(ids: readonly CategoryId[]): Promise<Map<CategoryId, number>>;

  // Ideas
  /** The idea and its CREATED line in one transaction; throws MissingCategoryError. */
  createIdea(idea: Idea, history: IdeaChangeEntry): Promise<void>;
  /**
   * Every write in one transaction, each only if its row is still at `expectedVersion`: all are applied,
   * or (an idea changed or vanished meanwhile) none and the answer is false. Throws MissingCategoryError.
   */
  saveIdeas(writes: readonly IdeaWrite[]): Promise<boolean>;
  /** Deletes the idea if it is still at `expectedVersion`, with its DELETED line; false otherwise. */
  deleteIdea(id: IdeaId, expectedVersion: number, history: IdeaChangeEntry): Promise<boolean>;
  ideasByIds(ids: readonly IdeaId[]): Promise<Idea[]>;
  /** One page in the query's order, and whether more follow. */
  listIdeas(query: IdeaListQuery): Promise<{ ideas: Idea[]; hasMore: boolean }>;
  countIdeas(filter: IdeaFilter): Promise<number>;
  countsOf(filter: IdeaFilter, since: Date): Promise<IdeaCounts>;
  /** The history of these ideas, each oldest first; kept after an idea is deleted. */
  historyOf(ids: readonly IdeaId[]): Promise<IdeaChangeRecord[]>;
  ping(): Promise<void>;
}
