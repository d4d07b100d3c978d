import { describeWithService } from '@b3/kit';
import { type Database, openPostgresTestDatabase, openTestDatabase, resetDatabase } from '@b3/prisma';
import type { SystemFields, SystemId } from '../src/domain/system';
import { createPrismaSystemStore } from '../src/store/prisma-system.store';
import { DuplicateSystemError, type SystemStore } from '../src/store/system.store';

const at = (second: number): Date => new Date(Date.UTC(2026, 10, 27, 12, 0, second));
const fields = (name: string, over: Partial<SystemFields> = {}): SystemFields => ({
  name,
  description: `${name} service`,
  type: 'SUBGRAPH',
  url: `http://127.0.0.1:3000/graphql`,
  host: '127.0.0.1',
  port: 3000,
  owner: 'platform',
  version: '0.1.0',
  tags: ['platform'],
  ...over,
});
const platform = (name: string, port: number): SystemFields & { id: SystemId } => ({ ...fields(name, { url: `http://127.0.0.1:${port}/graphql`, port }), id: `platform:${name}` as SystemId });

/** The same checks on every database the store runs on (the PostgreSQL block skips when it is missing). */
function storeContract(open: () => Promise<Database>): void {
  let db: Database;
  let store: SystemStore;
  beforeAll(async () => {
    db = await open();
    store = createPrismaSystemStore(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
  });

  it('seeds idempotently, follows new ports, keeps admin edits and removes services the platform dropped', async () => {
    await store.seedBuiltIns([platform('orders', 3205), platform('market', 3302)], at(0));
    await store.seedBuiltIns([platform('orders', 3205), platform('market', 3302)], at(1));
    expect((await store.list()).map((s) => [s.id, s.port])).toEqual([
      ['platform:market', 3302],
      ['platform:orders', 3205],
    ]);
    const [orders] = await store.byIds(['platform:orders' as SystemId]);
    await store.update(orders.id, { ...orders, description: 'Edited by an admin', tags: ['core'] }, at(2));
    await store.seedBuiltIns([platform('orders', 4205)], at(3));
    const [moved] = await store.list();
    expect(moved).toMatchObject({ id: 'platform:orders', port: 4205, url: 'http://127.0.0.1:4205/graphql', description: 'Edited by an admin', tags: ['core'], builtIn: true, createdAt: at(0) });
    expect(await store.list()).toHaveLength(1);
  });

  it('lists platform services first, then registered systems by name, and filters', async () => {
    await store.create('00000000-0000-4000-8000-000000000001' as SystemId, fields('zabbix', { type: 'TOOL', tags: ['ops'] }), at(0));
    await store.create('00000000-0000-4000-8000-000000000002' as SystemId, fields('grafana', { type: 'WEBAPP', tags: ['ops', 'charts'] }), at(0));
    await store.seedBuiltIns([platform('orders', 3205)], at(0));
    expect((await store.list()).map((s) => s.name)).toEqual(['orders', 'grafana', 'zabbix']);
    expect((await store.list({ type: 'WEBAPP' })).map((s) => s.name)).toEqual(['grafana']);
    expect((await store.list({ tag: 'ops' })).map((s) => s.name)).toEqual(['grafana', 'zabbix']);
    expect((await store.list({ status: 'UNKNOWN' })).map((s) => s.name)).toHaveLength(3);
  });

  it('refuses a taken name on create and update, and deletes only registered systems', async () => {
    const a = await store.create('00000000-0000-4000-8000-00000000000a' as SystemId, fields('grafana'), at(0));
    const b = await store.create('00000000-0000-4000-8000-00000000000b' as SystemId, fields('kibana'), at(0));
    await expect(store.create('00000000-0000-4000-8000-00000000000c' as SystemId, fields('grafana'), at(0))).rejects.toBeInstanceOf(DuplicateSystemError);
    await expect(store.update(b.id, fields('grafana'), at(1))).rejects.toBeInstanceOf(DuplicateSystemError);
    expect(await store.update('missing' as SystemId, fields('x1'), at(1))).toBeNull();
    await store.seedBuiltIns([platform('orders', 3205)], at(0));
    expect(await store.delete('platform:orders' as SystemId)).toEqual({ deleted: false, fileIds: [] });
    expect(await store.delete(a.id)).toEqual({ deleted: true, fileIds: [] });
  });

  it('records checks with their history, marks when the status changed, and prunes by count and age', async () => {
    await store.seedBuiltIns([platform('orders', 3205)], at(0));
    const id = 'platform:orders' as SystemId;
    const first = await store.recordCheck(id, { status: 'ONLINE', responseTimeMs: 2.5, detail: null }, at(1));
    expect(first).toMatchObject({ previous: 'UNKNOWN', system: { status: 'ONLINE', responseTimeMs: 2.5, checkedAt: at(1), statusChangedAt: at(1) } });
    const same = await store.recordCheck(id, { status: 'ONLINE', responseTimeMs: 3, detail: null }, at(2));
    expect(same).toMatchObject({ previous: 'ONLINE', system: { checkedAt: at(2), statusChangedAt: at(1) } });
    await store.recordCheck(id, { status: 'OFFLINE', responseTimeMs: null, detail: 'connection refused' }, at(3));
    expect(await store.recordCheck('gone' as SystemId, { status: 'ONLINE', responseTimeMs: 1, detail: null }, at(4))).toBeNull();
    expect((await store.recentChecks(id, 2)).map((c) => [c.status, c.detail])).toEqual([
      ['OFFLINE', 'connection refused'],
      ['ONLINE', null],
    ]);
    expect(await store.pruneChecks(2, at(0))).toBe(1);
    expect(await store.recentChecks(id, 10)).toHaveLength(2);
    expect(await store.pruneChecks(10, at(3))).toBe(1);
    expect((await store.recentChecks(id, 10)).map((c) => c.checkedAt)).toEqual([at(3)]);
  });
}

describe('Prisma system store on PGlite', () => {
  storeContract(openTestDatabase);
});

describeWithService('postgres', 5432)('Prisma system store on PostgreSQL', () => {
  storeContract(() => openPostgresTestDatabase('docs'));
});
