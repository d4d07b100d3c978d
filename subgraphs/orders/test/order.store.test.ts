import { randomUUID } from 'node:crypto';
import { describeWithService } from '@b3/kit';
import { type Database, openDatabase, openTestDatabase } from '@b3/prisma';
import type { NewOrder, OrderId } from '../src/domain/order';
import { createPrismaOrderStore } from '../src/store/prisma-order.store';
import type { OrderStore } from '../src/store/order.store';

// Timestamps have millisecond precision: make sure two orders cannot share one, or their order is a coin toss.
function afterMillisecondOf(previous: Date): void {
  while (Date.now() <= previous.getTime()) {
    // spins for at most a millisecond
  }
}

const limitBuy: NewOrder = { symbol: 'WINZ26', side: 'BUY', type: 'LIMIT', quantity: 2, limitPrice: '125005.5', stopPrice: null };

/**
 * The same checks against every database the store runs on; the PostgreSQL block is skipped (with the
 * reason printed) when PostgreSQL is missing, and fails instead under REQUIRE_SERVICES=1.
 */
function storeContract(open: () => Promise<Database>): void {
  let db: Database;
  let store: OrderStore;
  beforeAll(async () => {
    db = await open();
    store = createPrismaOrderStore(db.prisma);
  });
  afterAll(async () => {
    await db.close();
  });

  it('round-trips decimal prices exactly, without trailing scale zeros', async () => {
    const account = randomUUID();
    const limit = await store.create(limitBuy, account, 'PENDING_NEW');
    const stop = await store.create(
      { symbol: 'PETR4', side: 'SELL', type: 'STOP_LIMIT', quantity: 100, limitPrice: '99999999999999.9999', stopPrice: '0.0001' },
      account,
      'PENDING_NEW',
    );
    expect(limit.limitPrice).toBe('125005.5');
    const [readLimit, readStop] = await store.byIds([limit.id, stop.id]).then((rows) => [limit.id, stop.id].map((id) => rows.find((r) => r.id === id)));
    expect(readLimit).toMatchObject({ limitPrice: '125005.5', stopPrice: null, status: 'PENDING_NEW', accountId: account, quantity: 2 });
    expect(readStop).toMatchObject({ limitPrice: '99999999999999.9999', stopPrice: '0.0001', type: 'STOP_LIMIT', side: 'SELL' });
  });

  it('lists one account’s orders newest first, with filters and a limit', async () => {
    const account = randomUUID();
    const first = await store.create(limitBuy, account, 'PENDING_NEW');
    afterMillisecondOf(first.createdAt);
    const second = await store.create({ ...limitBuy, symbol: 'PETR4', type: 'MARKET', limitPrice: null }, account, 'PENDING_NEW');
    await store.create(limitBuy, randomUUID(), 'PENDING_NEW');
    expect((await store.list({ accountId: account, limit: 10 })).map((o) => o.id)).toEqual([second.id, first.id]);
    expect((await store.list({ accountId: account, limit: 1 })).map((o) => o.id)).toEqual([second.id]);
    expect((await store.list({ accountId: account, symbol: 'WINZ26', limit: 10 })).map((o) => o.id)).toEqual([first.id]);
    expect(await store.list({ accountId: account, status: 'FILLED', limit: 10 })).toEqual([]);
  });

  it('finds orders by id, ignoring unknown ids', async () => {
    const placed = await store.create(limitBuy, randomUUID(), 'PENDING_NEW');
    const found = await store.byIds([placed.id, randomUUID() as OrderId]);
    expect(found.map((o) => o.id)).toEqual([placed.id]);
    expect(found[0].createdAt).toBeInstanceOf(Date);
  });
}

describe('Prisma order store on PGlite', () => {
  storeContract(openTestDatabase);
});

describeWithService('postgres', 5432)('Prisma order store on PostgreSQL', () => {
  // A private schema per run, dropped afterwards, so runs never see each other's rows.
  const schema = `orders_store_test_${process.pid}_${Date.now()}`;
  const baseUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

  storeContract(async () => {
    const db = await openDatabase({ service: 'orders', databaseUrl: `${baseUrl}?schema=${schema}` });
    const close = db.close;
    db.close = async () => {
      await db.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await close();
    };
    return db;
  });
});
