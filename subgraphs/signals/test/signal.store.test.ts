import { describeWithService } from '@b3/kit';
import { type Database, openPostgresTestDatabase, openTestDatabase } from '@b3/prisma';
import type { NewSignal } from '../src/domain/signal';
import { createPrismaSignalStore } from '../src/store/prisma-signal.store';
import type { SignalStore } from '../src/store/signal.store';

const signal = (asset: string, receivedAt: string, levels: Partial<NewSignal> = {}): NewSignal => ({
  source: 'telegram:@sinais', rawText: `VENDA ${asset}`, asset, direction: 'SELL', entry: null, stop: null, target: null,
  receivedAt: new Date(receivedAt), parsedAt: new Date(receivedAt), ...levels,
});

/** The same checks on every database the store runs on (the PostgreSQL block skips when it is missing). */
function storeContract(open: () => Promise<Database>): void {
  let db: Database;
  let store: SignalStore;
  beforeAll(async () => {
    db = await open();
    store = createPrismaSignalStore(db.prisma);
  });
  afterAll(async () => {
    await db.close();
  });

  it('round-trips decimal levels exactly', async () => {
    const created = await store.create(signal('WINZ26', '2026-11-26T13:00:00Z', { entry: '125000', stop: '125300.5', target: '0.0001' }));
    expect(created).toMatchObject({ entry: '125000', stop: '125300.5', target: '0.0001', direction: 'SELL', receivedAt: new Date('2026-11-26T13:00:00Z') });
    const [read] = await store.byIds([created.id]);
    expect(read).toEqual(created);
  });

  it('lists the most recently received first, optionally for one asset', async () => {
    const asset = 'PETR4'; // the other test writes WINZ26 only
    const older = await store.create(signal(asset, '2026-11-26T13:00:00Z'));
    const newer = await store.create(signal(asset, '2026-11-26T13:05:00Z'));
    expect((await store.list({ asset, limit: 10 })).map((s) => s.id)).toEqual([newer.id, older.id]);
    expect((await store.list({ asset, limit: 1 })).map((s) => s.id)).toEqual([newer.id]);
  });
}

describe('Prisma signal store on PGlite', () => {
  storeContract(openTestDatabase);
});

describeWithService('postgres', 5432)('Prisma signal store on PostgreSQL', () => {
  storeContract(() => openPostgresTestDatabase('signals'));
});
