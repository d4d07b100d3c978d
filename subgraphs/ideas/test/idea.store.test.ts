import { type Database, openDatabase, openTestDatabase } from '@b3/prisma';
import { describeWithService } from '@b3/kit';
import { createScratchSchema } from '../../../prisma/test/postgres-scratch';
import { createPrismaIdeaStore } from '../src/store/prisma-idea.store';

/** The same behaviour on the embedded default (PGlite) and on the machine's PostgreSQL. */
type Engine = () => Promise<{ db: Database; done: () => Promise<void> }>;

const pglite: Engine = async () => {
  const db = await openTestDatabase();
  return { db, done: () => db.close() };
};
const postgres: Engine = async () => {
  const scratch = await createScratchSchema();
  const db = await openDatabase({ service: 'ideas', databaseUrl: scratch.url });
  return { db, done: async () => { await db.close(); await scratch.drop(); } };
};

describe('idea store on PGlite', () => storeContract(pglite));
describeWithService('postgres', 5432)('idea store on PostgreSQL', () => storeContract(postgres));

function storeContract(open: Engine): void {
  let handle: { db: Database; done: () => Promise<void> } | undefined;
  beforeAll(async () => {
    handle = await open();
  }, 60_000);
  afterAll(async () => {
    await handle?.done();
  });

  it('stores ideas, lists newest first per symbol, and finds them by id in one call', async () => {
    const store = createPrismaIdeaStore(handle!.db.prisma);
    const a = await store.create({ title: 'Buy PETR4 dips', body: 'support at 37,50', symbol: 'PETR4', tags: ['swing'] }, 'u1');
    const b = await store.create({ title: 'Sell VALE3 rallies', body: '', symbol: 'VALE3', tags: [] }, 'u2');
    const c = await store.create({ title: 'PETR4 breakout', body: '', symbol: 'PETR4', tags: ['breakout', 'daily'] }, 'u1');
    expect((await store.list({ symbol: 'PETR4', limit: 10 })).map((i) => i.title)).toEqual(['PETR4 breakout', 'Buy PETR4 dips']);
    expect((await store.list({ limit: 2 })).map((i) => i.id)).toEqual([c.id, b.id]);
    const found = await store.byIds([a.id, c.id, '00000000-0000-4000-8000-000000000000' as never]);
    expect(found.map((i) => i.id).sort()).toEqual([a.id, c.id].sort());
    expect(found.find((i) => i.id === c.id)?.tags).toEqual(['breakout', 'daily']);
    await expect(store.ping()).resolves.toBeUndefined();
  });
}
