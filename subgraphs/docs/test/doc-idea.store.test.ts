import { describeWithService } from '@b3/kit';
import { type Database, openPostgresTestDatabase, openTestDatabase, resetDatabase } from '@b3/prisma';
import { DOC_IDEA_STATUSES, type DocIdeaId, type DocIdeaStatus } from '../src/domain/doc-idea';
import type { NewDocIdea } from '../src/store/doc-idea.store';
import { createPrismaDocIdeaStore } from '../src/store/prisma-doc-idea.store';

let seq = 0;
const uuid = (): DocIdeaId => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}` as DocIdeaId;
const at = new Date('2026-11-27T12:00:00Z');
const idea = (title: string, status: DocIdeaStatus = 'TODO'): NewDocIdea => ({
  id: uuid(),
  title,
  description: '',
  status,
  category: null,
  priority: 'MEDIUM',
  assignee: null,
  systemId: null,
  estimatedHours: 2.5,
  actualHours: null,
  dueDate: '2026-12-31',
  createdBy: 'u-trader',
  createdAt: at,
});

/** The same checks on every database the store runs on (the PostgreSQL block skips when it is missing). */
function storeContract(open: () => Promise<Database>): void {
  let db: Database;
  let store: ReturnType<typeof createPrismaDocIdeaStore>;
  const column = async (status: DocIdeaStatus): Promise<string[]> => (await store.column(status, 200)).ideas.map((i) => i.title);
  const positionsAreDense = async (): Promise<void> => {
    for (const status of DOC_IDEA_STATUSES) {
      const { ideas } = await store.column(status, 200);
      expect(ideas.map((i) => i.position)).toEqual(ideas.map((_, i) => i));
    }
  };

  beforeAll(async () => {
    db = await open();
    store = createPrismaDocIdeaStore(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
  });

  it('appends, inserts at a position, and round-trips every field', async () => {
    const a = await store.create(idea('a'), null);
    await store.create(idea('b'), null);
    await store.create(idea('c'), 1);
    expect(await column('TODO')).toEqual(['a', 'c', 'b']);
    expect((await store.byIds([a.id]))[0]).toEqual(a);
    expect(a).toMatchObject({ position: 0, estimatedHours: 2.5, dueDate: '2026-12-31' });
  });

  it('moves within and across columns, and closes the gap on delete', async () => {
    const [a, b, c] = [await store.create(idea('a'), null), await store.create(idea('b'), null), await store.create(idea('c'), null)];
    await store.move(c.id, 'TODO', 0, at);
    expect(await column('TODO')).toEqual(['c', 'a', 'b']);
    const moved = await store.move(a.id, 'DONE', 7, at);
    expect(moved).toMatchObject({ status: 'DONE', position: 0 });
    expect(await column('TODO')).toEqual(['c', 'b']);
    expect(await store.delete(c.id, at)).toEqual({ deleted: true, fileIds: [] });
    expect((await store.column('TODO', 10)).ideas.map((i) => [i.title, i.position])).toEqual([['b', 0]]);
    expect(await store.move(c.id, 'TODO', 0, at)).toBeNull();
    expect((await store.countColumns()).DONE).toBe(1);
    void b;
  });

  it('pages a column by position', async () => {
    for (const t of ['a', 'b', 'c', 'd', 'e']) await store.create(idea(t), null);
    const first = await store.column('TODO', 2);
    expect(first.ideas.map((i) => i.title)).toEqual(['a', 'b']);
    expect(first.hasMore).toBe(true);
    const rest = await store.column('TODO', 10, first.ideas[1].position);
    expect(rest).toMatchObject({ hasMore: false });
    expect(rest.ideas.map((i) => i.title)).toEqual(['c', 'd', 'e']);
  });

  it('keeps every column numbered 0..n-1 under concurrent moves, creates and deletes', async () => {
    const cards = [];
    for (let i = 0; i < 12; i++) cards.push(await store.create(idea(`card-${i}`, DOC_IDEA_STATUSES[i % DOC_IDEA_STATUSES.length]), null));
    const ops: Array<Promise<unknown>> = [];
    for (let i = 0; i < 30; i++) {
      const target = cards[(i * 7) % cards.length];
      ops.push(store.move(target.id, DOC_IDEA_STATUSES[(i * 3) % DOC_IDEA_STATUSES.length], i % 4, at));
    }
    ops.push(store.create(idea('late-1', 'TODO'), 0), store.create(idea('late-2', 'REVIEW'), 1), store.delete(cards[5].id, at));
    await Promise.all(ops);
    await positionsAreDense();
    const counts = await store.countColumns();
    expect(Object.values(counts).reduce((x, y) => x + y, 0)).toBe(13);
  });
}

describe('Prisma documentation board store on PGlite', () => {
  storeContract(openTestDatabase);
});

describeWithService('postgres', 5432)('Prisma documentation board store on PostgreSQL', () => {
  storeContract(() => openPostgresTestDatabase('docs'));
});
