import { describeWithService } from '@b3/kit';
import { type Database, openPostgresTestDatabase, openTestDatabase, resetDatabase } from '@b3/prisma';
import type { Category } from '../src/domain/category';
import { applyPatch, IDEA_PRIORITIES, type Idea, type IdeaId } from '../src/domain/idea';
import { deletedEntry, updatedEntries } from '../src/domain/idea-change';
import { IDEA_ORDERS, type IdeaFilter, type IdeaOrder } from '../src/domain/idea-filter';
import { IDEA_STATUSES } from '../src/domain/idea-status';
import { createPrismaIdeaStore } from '../src/store/prisma-idea.store';
import { DuplicateCategoryError, MissingCategoryError, type IdeaCursor, type IdeaStore } from '../src/store/idea.store';
import { aCategory, anIdea, at, MIGRATION_CATEGORIES, storeIdeas } from './ideas-fixtures';

const cursorOf = (i: Idea): IdeaCursor => ({ id: i.id, createdAt: i.createdAt, updatedAt: i.updatedAt, priority: i.priority });

/** The order each IdeaOrder promises, written independently of the SQL. */
function expectedOrder(ideas: readonly Idea[], order: IdeaOrder): string[] {
  const key = (i: Idea): Array<number | string> => {
    switch (order) {
      case 'CREATED_AT_DESC':
      case 'CREATED_AT_ASC':
        return [i.createdAt.getTime(), i.id];
      case 'UPDATED_AT_DESC':
      case 'UPDATED_AT_ASC':
        return [i.updatedAt.getTime(), i.id];
      case 'PRIORITY_DESC':
      case 'PRIORITY_ASC':
        return [IDEA_PRIORITIES.indexOf(i.priority), i.createdAt.getTime(), i.id];
    }
  };
  const cmp = (a: Idea, b: Idea): number => {
    const [ka, kb] = [key(a), key(b)];
    for (let n = 0; n < ka.length; n++) if (ka[n] !== kb[n]) return ka[n]! < kb[n]! ? -1 : 1;
    return 0;
  };
  const sorted = [...ideas].sort(cmp);
  return (order.endsWith('_DESC') ? sorted.reverse() : sorted).map((i) => i.id);
}

async function readAll(store: IdeaStore, order: IdeaOrder, pageSize: number, filter: IdeaFilter = {}): Promise<string[]> {
  const seen: string[] = [];
  let after: IdeaCursor | undefined;
  for (let page = 0; page < 1000; page++) {
    const { ideas, hasMore } = await store.listIdeas({ filter, orderBy: order, first: pageSize, after });
    seen.push(...ideas.map((i) => i.id));
    if (!hasMore) return seen;
    after = cursorOf(ideas[ideas.length - 1]!);
  }
  throw new Error('paging never ended');
}

/** The same checks on every database the store runs on (the PostgreSQL block skips when it is missing). */
function storeContract(open: () => Promise<Database>): void {
  let db: Database;
  let store: IdeaStore;
  let seeded: Category[];
  let cat: Category;
  let other: Category;

  beforeAll(async () => {
    db = await open();
    store = createPrismaIdeaStore(db.prisma);
    seeded = await store.listCategories(true);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    cat = await store.createCategory(aCategory({ name: 'Análise', slug: 'analise', order: 20 }));
    other = await store.createCategory(aCategory({ name: 'Risco', slug: 'risco', order: 30 }));
  });

  it('starts with the default categories of the migration, so a new user can file an idea at once', () => {
    expect(seeded.map((c) => [c.id, c.slug, c.name, c.active])).toEqual([
      [MIGRATION_CATEGORIES.geral, 'geral', 'Geral', true],
      [MIGRATION_CATEGORIES.estrategia, 'estrategia', 'Estratégia', true],
      [MIGRATION_CATEGORIES.analise, 'analise', 'Análise', true],
      [MIGRATION_CATEGORIES.risco, 'risco', 'Risco', true],
      [MIGRATION_CATEGORIES.infra, 'infra', 'Infra', true],
    ]);
    for (const c of seeded) expect(c.color).toMatch(/^#[0-9A-F]{6}$/);
  });

  it('round-trips an idea exactly, with its CREATED line', async () => {
    const [idea] = await storeIdeas(store, [
      anIdea(cat.id, { title: 'Ações "PETR4", vírgulas; e\r\nlinhas', description: '# Tese\n\n- **alta**', tags: ['swing', 'análise'], signalId: '5f0c2b1e-7d8a-4c3b-9e21-0a1b2c3d4e5f', createdAt: at(1, 2, 345), priority: 'CRITICAL', status: 'REVIEW' }),
    ]);
    expect(await store.ideasByIds([idea!.id, '00000000-0000-4000-8000-000000000000' as IdeaId])).toEqual([idea]);
    expect(await store.historyOf([idea!.id])).toEqual([expect.objectContaining({ ideaId: idea!.id, kind: 'CREATED', field: null, from: null, to: null, actorId: 'u1', at: at(1, 2, 345), version: 1 })]);
  });

  it('refuses an idea whose category does not exist, writing nothing', async () => {
    await expect(storeIdeas(store, [anIdea('00000000-0000-4000-8000-00000000dead')])).rejects.toBeInstanceOf(MissingCategoryError);
    expect(await store.countIdeas({})).toBe(0);
    expect(await db.prisma.ideaChange.count()).toBe(0);
  });

  it('pages every order with no duplicates and no gaps, ties broken by id', async () => {
    const ideas = await storeIdeas(
      store,
      Array.from({ length: 37 }, (_, n) =>
        anIdea(cat.id, { createdAt: at(n % 5), updatedAt: at(10 + (n % 3)), priority: IDEA_PRIORITIES[n % 4]!, title: `idea ${n}` }),
      ),
    );
    for (const order of IDEA_ORDERS) {
      expect({ order, ids: await readAll(store, order, 6) }).toEqual({ order, ids: expectedOrder(ideas, order) });
    }
  });

  it('keeps paging stable while ideas are inserted between pages', async () => {
    const ideas = await storeIdeas(store, Array.from({ length: 50 }, (_, n) => anIdea(cat.id, { createdAt: at(1, n % 7) })));
    const seen: string[] = [];
    let after: IdeaCursor | undefined;
    let minute = 30;
    for (;;) {
      const { ideas: page, hasMore } = await store.listIdeas({ filter: {}, orderBy: 'CREATED_AT_DESC', first: 8, after });
      seen.push(...page.map((i) => i.id));
      // a newer idea, and one with the same instant as the page's last row
      await storeIdeas(store, [anIdea(cat.id, { createdAt: at(minute++) }), anIdea(cat.id, { createdAt: page[page.length - 1]!.createdAt })]);
      if (!hasMore) break;
      after = cursorOf(page[page.length - 1]!);
    }
    const original = new Set<string>(ideas.map((i) => i.id));
    const seenOriginal = seen.filter((id) => original.has(id));
    expect(seenOriginal).toEqual(expectedOrder(ideas, 'CREATED_AT_DESC'));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by status, priority, category, tag, ticker, author and creation time, and counts the same', async () => {
    await storeIdeas(store, [
      anIdea(cat.id, { status: 'NEW', priority: 'HIGH', tags: ['swing'], ticker: 'PETR4', authorId: 'ana', createdAt: at(1) }),
      anIdea(cat.id, { status: 'REVIEW', priority: 'LOW', tags: ['swing', 'daily'], ticker: 'VALE3', authorId: 'bia', createdAt: at(2) }),
      anIdea(other.id, { status: 'COMPLETED', priority: 'HIGH', tags: [], ticker: null, authorId: 'ana', createdAt: at(3) }),
    ]);
    const check = async (filter: IdeaFilter, n: number) => {
      expect({ filter, n: await store.countIdeas(filter) }).toEqual({ filter, n });
      expect((await store.listIdeas({ filter, orderBy: 'CREATED_AT_DESC', first: 10 })).ideas).toHaveLength(n);
    };
    await check({}, 3);
    await check({ statuses: ['NEW', 'REVIEW'] }, 2);
    await check({ priorities: ['HIGH'] }, 2);
    await check({ categoryId: other.id }, 1);
    await check({ tag: 'swing' }, 2);
    await check({ tag: 'daily', statuses: ['REVIEW'] }, 1);
    await check({ ticker: 'VALE3' }, 1);
    await check({ authorId: 'ana' }, 2);
    await check({ createdFrom: at(2) }, 2);
    await check({ createdTo: at(2) }, 1);
    await check({ createdFrom: at(2), createdTo: at(3) }, 1);
  });

  it('searches title and description with Portuguese full-text search, falling back to a substring only for stop words', async () => {
    const [petr, vale, risk] = await storeIdeas(store, [
      anIdea(cat.id, { title: 'Comprar ações da Petrobras', description: 'Rompimento de resistência no diário', createdAt: at(1) }),
      anIdea(cat.id, { title: 'Vale em tendência de alta', description: 'Compra acima de 60, alvo 100%', createdAt: at(2) }),
      anIdea(cat.id, { title: 'Limite de perda', description: 'Stop diário para day_trade', createdAt: at(3) }),
    ]);
    const search = async (text: string) => (await store.listIdeas({ filter: { text }, orderBy: 'CREATED_AT_ASC', first: 10 })).ideas.map((i) => i.id);
    expect(await search('petrobras')).toEqual([petr!.id]);
    expect(await search('compra')).toEqual([petr!.id, vale!.id]); // stemmed: comprar, compra
    expect(await search('resistências')).toEqual([petr!.id]); // in the description, plural
    expect(await search('diário -petrobras')).toEqual([risk!.id]);
    expect(await search('"tendência de alta"')).toEqual([vale!.id]);
    expect(await search('compra or stop')).toEqual([petr!.id, vale!.id, risk!.id]);
    expect(await search('100%')).toEqual([vale!.id]);
    expect(await search('de')).toEqual([petr!.id, vale!.id, risk!.id]); // a stop word: substring
    expect(await search('_')).toEqual([risk!.id]); // the fallback's wildcards are literal
    expect(await search('%')).toEqual([vale!.id]);
    expect(await store.countIdeas({ text: 'compra', ticker: 'PETR4' })).toBe(2);
    // the column is generated: an edited title is searchable at once
    const edited = applyPatch(risk!, { title: 'Limite de perda na Petrobras' }, at(9));
    expect(edited.ok && (await store.saveIdeas([{ next: edited.next, expectedVersion: 1, history: updatedEntries(edited.next, edited.changes, 'u1') }]))).toBe(true);
    expect(await search('petrobras')).toEqual([petr!.id, risk!.id]);
  });

  it('writes several ideas all or nothing: one moved on meanwhile and none is written, history included', async () => {
    const [a, b] = await storeIdeas(store, [anIdea(cat.id), anIdea(cat.id)]);
    const move = (i: Idea) => {
      const r = applyPatch(i, { status: 'REVIEW', priority: 'HIGH' }, at(5));
      if (!r.ok) throw new Error('bad patch');
      return { next: r.next, expectedVersion: i.version, history: updatedEntries(r.next, r.changes, 'boss') };
    };
    expect(await store.saveIdeas([move(a!), { ...move(b!), expectedVersion: 7 }])).toBe(false);
    expect((await store.ideasByIds([a!.id, b!.id])).map((i) => [i.status, i.version])).toEqual([
      ['NEW', 1],
      ['NEW', 1],
    ]);
    expect(await db.prisma.ideaChange.count({ where: { kind: 'UPDATED' } })).toBe(0);

    expect(await store.saveIdeas([move(a!), move(b!)])).toBe(true);
    const read = await store.ideasByIds([a!.id]);
    expect(read[0]).toMatchObject({ status: 'REVIEW', priority: 'HIGH', version: 2, updatedAt: at(5) });
    expect((await store.historyOf([a!.id])).map((h) => [h.kind, h.field, h.from, h.to, h.actorId, h.version])).toEqual([
      ['CREATED', null, null, null, 'u1', 1],
      ['UPDATED', 'priority', 'MEDIUM', 'HIGH', 'boss', 2],
      ['UPDATED', 'status', 'NEW', 'REVIEW', 'boss', 2],
    ]);
  });

  it('deletes an idea only at the version read, and keeps its history', async () => {
    const [idea] = await storeIdeas(store, [anIdea(cat.id)]);
    expect(await store.deleteIdea(idea!.id, 2, deletedEntry(idea!, 'u1', at(6)))).toBe(false);
    expect(await store.deleteIdea(idea!.id, 1, deletedEntry(idea!, 'u1', at(6)))).toBe(true);
    expect(await store.ideasByIds([idea!.id])).toEqual([]);
    expect((await store.historyOf([idea!.id])).map((h) => h.kind)).toEqual(['CREATED', 'DELETED']);
  });

  it('keeps category names and slugs unique, saying which clashed, and refuses to delete one in use', async () => {
    await expect(store.createCategory(aCategory({ name: 'Outra', slug: 'analise' }))).rejects.toEqual(new DuplicateCategoryError('slug'));
    await expect(store.createCategory(aCategory({ name: 'Análise', slug: 'analise-2' }))).rejects.toMatchObject({ field: 'name' });
    await expect(store.updateCategory({ ...other, slug: 'analise' })).rejects.toMatchObject({ field: 'slug' });
    await storeIdeas(store, [anIdea(cat.id), anIdea(cat.id)]);
    expect(await store.deleteCategory(cat.id)).toEqual({ deleted: false, ideas: 2 });
    expect(Object.fromEntries(await store.countIdeasByCategory([cat.id, other.id]))).toEqual({ [cat.id]: 2, [other.id]: 0 });
    expect(await store.deleteCategory(other.id)).toEqual({ deleted: true, ideas: 0 });
    const inactive = await store.updateCategory({ ...cat, active: false });
    expect(inactive.active).toBe(false);
    expect((await store.listCategories(false)).map((c) => c.id)).toEqual([]);
    expect((await store.listCategories(true)).map((c) => c.id)).toEqual([cat.id]);
  });

  it('counts by status, priority, category, and per UTC week (created, and moves to COMPLETED from the history)', async () => {
    const monday = (day: number) => new Date(Date.UTC(2026, 10, day, 0, 0, 0));
    const [a] = await storeIdeas(store, [
      anIdea(cat.id, { status: 'IN_PROGRESS', priority: 'HIGH', createdAt: new Date('2026-11-08T23:59:59.999Z') }), // Sunday: week of 2 Nov
      anIdea(cat.id, { status: 'NEW', priority: 'HIGH', createdAt: monday(9) }),
      anIdea(other.id, { status: 'NEW', priority: 'LOW', createdAt: new Date('2026-11-25T10:00:00Z') }),
    ]);
    const done = applyPatch(a!, { status: 'COMPLETED' }, new Date('2026-11-24T12:00:00Z'));
    if (!done.ok) throw new Error('bad patch');
    await store.saveIdeas([{ next: done.next, expectedVersion: 1, history: updatedEntries(done.next, done.changes, 'u1') }]);
    const counts = await store.countsOf({}, monday(2));
    expect(Object.fromEntries(counts.byStatus)).toEqual({ NEW: 2, COMPLETED: 1 });
    expect(Object.fromEntries(counts.byPriority)).toEqual({ HIGH: 2, LOW: 1 });
    expect(Object.fromEntries(counts.byCategory)).toEqual({ [cat.id]: 2, [other.id]: 1 });
    expect(Object.fromEntries(counts.createdPerWeek)).toEqual({ '2026-11-02': 1, '2026-11-09': 1, '2026-11-23': 1 });
    expect(Object.fromEntries(counts.completedPerWeek)).toEqual({ '2026-11-23': 1 });
    const narrowed = await store.countsOf({ categoryId: other.id }, monday(16));
    expect(Object.fromEntries(narrowed.createdPerWeek)).toEqual({ '2026-11-23': 1 });
    expect(Object.fromEntries(narrowed.completedPerWeek)).toEqual({});
    expect(IDEA_STATUSES).toContain('COMPLETED');
  });
}

describe('Prisma idea store on PGlite', () => {
  storeContract(openTestDatabase);
});

describeWithService('postgres', 5432)('Prisma idea store on PostgreSQL', () => {
  storeContract(() => openPostgresTestDatabase('ideas'));
});
