import type { Viewer } from '@b3/kit';
import type { Category } from '../domain/category';
import type { CategoryId, Idea, IdeaId } from '../domain/idea';
import { MissingCategoryError, type IdeaStore, type IdeaWrite } from '../store/idea.store';
import { IdeaEvents, type IdeaEvent } from './idea-events';
import { IdeaService } from './idea.service';

/**
 * The service's concurrency rules with a scripted store: a write that loses a race is retried from a fresh
 * read, events go out only after a write succeeded. (The real store's behaviour is in test/idea.store.test.ts.)
 */
const author: Viewer = { id: 'u1', roles: ['trader'] };
const CATEGORY = '1dea0000-0000-4000-8000-000000000001' as CategoryId;
const at = new Date('2026-11-26T13:00:00.000Z');

const idea = (n: number, overrides: Partial<Idea> = {}): Idea => ({
  id: `00000000-0000-4000-8000-00000000000${n}` as IdeaId,
  title: `Ideia ${n}`,
  description: 'd',
  categoryId: CATEGORY,
  priority: 'MEDIUM',
  status: 'NEW',
  tags: [],
  ticker: null,
  signalId: null,
  authorId: 'u1',
  createdAt: at,
  updatedAt: at,
  version: 1,
  ...overrides,
});

const category: Category = { id: CATEGORY, name: 'Geral', slug: 'geral', color: '#64748B', icon: null, order: 0, active: true, createdAt: at, updatedAt: at, updatedBy: 'm' };

/** A store whose reads come from a script (one answer per call, the last one repeating) and whose writes are recorded. */
function scriptedStore(reads: Idea[][], saves: boolean[]) {
  const writes: IdeaWrite[][] = [];
  let read = 0;
  let save = 0;
  const partial: Partial<IdeaStore> = {
    ideasByIds: async () => reads[Math.min(read++, reads.length - 1)]!,
    categoriesByIds: async () => [category],
    saveIdeas: async (w) => {
      writes.push([...w]);
      return saves[Math.min(save++, saves.length - 1)]!;
    },
    createIdea: async () => {
      throw new MissingCategoryError();
    },
  };
  const store = new Proxy(partial, {
    get: (target, name: string) => target[name as keyof IdeaStore] ?? (() => Promise.reject(new Error(`unexpected store call ${name}`))),
  }) as IdeaStore;
  return { store, writes };
}

function service(reads: Idea[][], saves: boolean[]) {
  const { store, writes } = scriptedStore(reads, saves);
  const events = new IdeaEvents();
  const published: IdeaEvent[] = [];
  const stream = events.changes();
  const drain = async () => {
    for (;;) {
      const next = await Promise.race([stream.next(), Promise.resolve(null)]);
      if (!next) return published;
      published.push(next.value as IdeaEvent);
    }
  };
  return { ideas: new IdeaService(store, events, () => new Date(at.getTime() + 60_000)), writes, drain };
}

describe('IdeaService writes under concurrency', () => {
  it('retries an update that lost a race from a fresh read, applying the change to the newer version', async () => {
    const { ideas, writes, drain } = service([[idea(1)], [idea(1, { version: 2, priority: 'HIGH' })]], [false, true]);
    const updated = await ideas.update(author, idea(1).id, { status: 'REVIEW' });
    expect(updated).toMatchObject({ status: 'REVIEW', priority: 'HIGH', version: 3 });
    expect(writes.map((w) => w.map((x) => x.expectedVersion))).toEqual([[1], [2]]);
    expect((await drain()).map((e) => [e.kind, e.idea.version])).toEqual([['UPDATED', 3]]);
  });

  it('gives up with CONFLICT after three lost races, announcing nothing', async () => {
    const { ideas, writes, drain } = service([[idea(1)]], [false]);
    await expect(ideas.update(author, idea(1).id, { priority: 'LOW' })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(writes).toHaveLength(3);
    expect(await drain()).toEqual([]);
  });

  it('turns a lost race into a version CONFLICT when the client said which version it read', async () => {
    const { ideas } = service([[idea(1)], [idea(1, { version: 2 })]], [false]);
    await expect(ideas.update(author, idea(1).id, { priority: 'LOW', expectedVersion: 1 })).rejects.toMatchObject({
      extensions: { code: 'CONFLICT', field: 'expectedVersion', version: 2 },
    });
  });

  it('re-checks a whole bulk change after a lost race: an idea that moved on meanwhile becomes a problem', async () => {
    const { ideas, writes } = service([[idea(1), idea(2)], [idea(1), idea(2, { status: 'REJECTED', version: 4 })]], [false]);
    const result = await ideas.bulkUpdate(author, { ids: [idea(1).id, idea(2).id], status: 'REVIEW' });
    expect(result).toMatchObject({ applied: false, changed: 0, problems: [{ id: idea(2).id, field: 'status', code: 'BAD_USER_INPUT' }] });
    expect(writes).toHaveLength(1);
  });

  it('turns a category deleted between the check and the write into BAD_USER_INPUT on categoryId', async () => {
    const { ideas } = service([[]], [true]);
    await expect(ideas.create(author, { title: 't', description: 'd', categoryId: CATEGORY })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'categoryId' },
    });
  });
});
