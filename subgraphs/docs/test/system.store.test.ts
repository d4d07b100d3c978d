import { randomUUID } from 'node:crypto';
import { describeWithService } from '@b3/kit';
import { type Database, openPostgresTestDatabase, openTestDatabase } from '@b3/prisma';
import { createPrismaSystemStore } from '../src/store/prisma-system.store';
import type { SystemStore } from '../src/store/system.store';

/** The same checks on every database the store runs on (the PostgreSQL block skips when it is missing). */
function storeContract(open: () => Promise<Database>): void {
  let db: Database;
  let store: SystemStore;
  beforeAll(async () => {
    db = await open();
    store = createPrismaSystemStore(db.prisma);
  });
  afterAll(async () => {
    await db.close();
  });

  it('stores a system and finds it again', async () => {
    const name = `grafana-${randomUUID()}`;
    const created = await store.create({ name, description: 'Dashboards', url: 'http://127.0.0.1:3000', owner: null });
    expect(created).toMatchObject({ name, description: 'Dashboards', url: 'http://127.0.0.1:3000', owner: null, builtIn: false });
    expect(created?.createdAt).toBeInstanceOf(Date);
    expect(await store.byIds([created!.id])).toEqual([created]);
    expect((await store.list()).map((s) => s.name)).toContain(name);
  });

  it('answers null instead of throwing when the name is taken', async () => {
    const name = `kibana-${randomUUID()}`;
    expect(await store.create({ name, description: 'Logs', url: null, owner: null })).not.toBeNull();
    expect(await store.create({ name, description: 'Logs again', url: null, owner: null })).toBeNull();
  });
}

describe('Prisma system store on PGlite', () => {
  storeContract(openTestDatabase);
});

describeWithService('postgres', 5432)('Prisma system store on PostgreSQL', () => {
  storeContract(() => openPostgresTestDatabase('docs'));
});
