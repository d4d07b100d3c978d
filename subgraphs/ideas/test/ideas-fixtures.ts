import { randomUUID } from 'node:crypto';
import type { Category } from '../src/domain/category';
import type { CategoryId, Idea, IdeaId } from '../src/domain/idea';
import { createdEntry } from '../src/domain/idea-change';
import type { IdeaStore } from '../src/store/idea.store';

/** Test-data builders for the ideas subgraph's records. */

export const MIGRATION_CATEGORIES = {
  geral: '1dea0000-0000-4000-8000-000000000001',
  estrategia: '1dea0000-0000-4000-8000-000000000002',
  analise: '1dea0000-0000-4000-8000-000000000003',
  risco: '1dea0000-0000-4000-8000-000000000004',
  infra: '1dea0000-0000-4000-8000-000000000005',
} as const;

export const at = (minute: number, second = 0, ms = 0): Date => new Date(Date.UTC(2026, 10, 26, 13, minute, second, ms));

export function aCategory(overrides: Partial<Category> = {}): Category {
  const name = overrides.name ?? `Categoria ${randomUUID().slice(0, 8)}`;
  return {
    id: randomUUID() as CategoryId,
    name,
    slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    color: '#2563EB',
    icon: null,
    order: 0,
    active: true,
    createdAt: at(0),
    updatedAt: at(0),
    updatedBy: 'test',
    ...overrides,
  };
}

export function anIdea(categoryId: CategoryId | string, overrides: Partial<Idea> = {}): Idea {
  const createdAt = overrides.createdAt ?? at(0);
  return {
    id: randomUUID() as IdeaId,
    title: 'Comprar PETR4 no suporte',
    description: 'Suporte em 37,50',
    categoryId: categoryId as CategoryId,
    priority: 'MEDIUM',
    status: 'NEW',
    tags: [],
    ticker: 'PETR4',
    signalId: null,
    authorId: 'u1',
    updatedAt: createdAt,
    version: 1,
    ...overrides,
    createdAt,
  };
}

/** Writes ideas as the service would (with their CREATED line), one by one. */
export async function storeIdeas(store: IdeaStore, ideas: readonly Idea[]): Promise<Idea[]> {
  for (const idea of ideas) await store.createIdea(idea, createdEntry(idea, idea.authorId));
  return [...ideas];
}

/** The categories the migration seeds, with its ids, for tests that emptied the tables. */
export async function seedDefaultCategories(store: IdeaStore): Promise<void> {
  const rows: Array<[keyof typeof MIGRATION_CATEGORIES, string, string, string, number]> = [
    ['geral', 'Geral', '#64748B', 'inbox', 0],
    ['estrategia', 'Estratégia', '#2563EB', 'target', 10],
    ['analise', 'Análise', '#16A34A', 'chart-line', 20],
    ['risco', 'Risco', '#DC2626', 'shield', 30],
    ['infra', 'Infra', '#7C3AED', 'server', 40],
  ];
  for (const [slug, name, color, icon, order] of rows) {
    await store.createCategory(aCategory({ id: MIGRATION_CATEGORIES[slug] as CategoryId, slug, name, color, icon, order, updatedBy: 'migration' }));
  }
}

/** Wraps a store to count the batch reads DataLoaders should collapse. */
export function countingStore(store: IdeaStore): IdeaStore & { calls: Record<'ideasByIds' | 'categoriesByIds' | 'historyOf' | 'countIdeasByCategory' | 'listIdeas', number> } {
  const calls = { ideasByIds: 0, categoriesByIds: 0, historyOf: 0, countIdeasByCategory: 0, listIdeas: 0 };
  return {
    ...store,
    calls,
    ideasByIds: (ids) => (calls.ideasByIds++, store.ideasByIds(ids)),
    categoriesByIds: (ids) => (calls.categoriesByIds++, store.categoriesByIds(ids)),
    historyOf: (ids) => (calls.historyOf++, store.historyOf(ids)),
    countIdeasByCategory: (ids) => (calls.countIdeasByCategory++, store.countIdeasByCategory(ids)),
    listIdeas: (query) => (calls.listIdeas++, store.listIdeas(query)),
  };
}
