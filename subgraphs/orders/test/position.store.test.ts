import { describeWithService } from '@b3/kit';
import { type Database, openPostgresTestDatabase, openTestDatabase, resetDatabase } from '@b3/prisma';
import { createPrismaPositionStore } from '../src/store/prisma-position.store';
import type { PositionStore } from '../src/store/position.store';
import { orderWithFills } from './fills.fixture';

function storeContract(open: () => Promise<Database>): void {
  let db: Database;
  let store: PositionStore;
  beforeAll(async () => {
    db = await open();
    store = createPrismaPositionStore(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
  });

  it("reads an account's fills in the order applied: time, then order, then sequence, with side and symbol", async () => {
    const t1 = '2026-03-02T13:00:00.000Z';
    const t2 = '2026-03-02T13:00:01.000Z';
    // two orders with fills at the same instant: the order id breaks the tie, then each order's sequence
    const first = await orderWithFills(db, { account: 'acc-1', symbol: 'PETR4', side: 'BUY', id: '00000000-0000-4000-8000-000000000001' }, [
      { fillId: 'a-1', quantity: 100, price: '38.50', time: t1 },
      { fillId: 'a-2', quantity: 100, price: '38.51', time: t1 },
    ]);
    const second = await orderWithFills(db, { account: 'acc-1', symbol: 'PETR4', side: 'SELL', id: '00000000-0000-4000-8000-000000000002' }, [
      { fillId: 'b-1', quantity: 300, price: '38.6', time: t1 },
    ]);
    const earlier = await orderWithFills(db, { account: 'acc-1', symbol: 'WINZ26', side: 'SELL', id: '00000000-0000-4000-8000-000000000003' }, [
      { fillId: 'c-1', quantity: 2, price: '125005', time: '2026-03-02T12:59:59.999Z' },
      { fillId: 'c-2', quantity: 1, price: '125010', time: t2 },
    ]);
    await orderWithFills(db, { account: 'acc-2', symbol: 'PETR4', side: 'BUY' }, [{ fillId: 'x-1', quantity: 100, price: '38', time: t1 }]);

    const fills = await store.fills({ account: 'acc-1' });
    expect(fills.map((f) => [f.fillId, f.orderId, f.sequence, f.symbol, f.side, f.quantity, f.price])).toEqual([
      ['c-1', earlier, 0, 'WINZ26', 'SELL', 2, '125005'],
      ['a-1', first, 0, 'PETR4', 'BUY', 100, '38.5'],
      ['a-2', first, 1, 'PETR4', 'BUY', 100, '38.51'],
      ['b-1', second, 0, 'PETR4', 'SELL', 300, '38.6'],
      ['c-2', earlier, 1, 'WINZ26', 'SELL', 1, '125010'],
    ]);
    expect(fills[0].time).toEqual(new Date('2026-03-02T12:59:59.999Z'));
    expect(fills[1].time).toEqual(new Date(t1));
  });

  it('reads one symbol, and keeps prices exact to the fourth decimal at any size', async () => {
    await orderWithFills(db, { account: 'acc-1', symbol: 'PETR4', side: 'BUY' }, [{ fillId: 'p', quantity: 100, price: '0.0001', time: '2026-03-02T13:00:00Z' }]);
    await orderWithFills(db, { account: 'acc-1', symbol: 'WDOH26', side: 'BUY' }, [
      { fillId: 'w', quantity: 1, price: '99999999999999.9999', time: '2026-03-02T13:00:00Z' },
    ]);
    expect((await store.fills({ account: 'acc-1', symbol: 'WDOH26' })).map((f) => f.price)).toEqual(['99999999999999.9999']);
    expect((await store.fills({ account: 'acc-1', symbol: 'PETR4' })).map((f) => f.price)).toEqual(['0.0001']);
    expect(await store.fills({ account: 'acc-1', symbol: 'VALE3' })).toEqual([]);
    expect(await store.fills({ account: 'nobody' })).toEqual([]);
  });

  it('lists the accounts that have fills, and not those with unfilled orders only', async () => {
    await orderWithFills(db, { account: 'acc-b', symbol: 'PETR4', side: 'BUY' }, [{ fillId: 'f', quantity: 100, price: '38', time: '2026-03-02T13:00:00Z' }]);
    await orderWithFills(db, { account: 'acc-a', symbol: 'PETR4', side: 'BUY' }, [{ fillId: 'g', quantity: 100, price: '38', time: '2026-03-02T13:00:00Z' }]);
    await orderWithFills(db, { account: 'acc-c', symbol: 'PETR4', side: 'BUY' }, []);
    expect(await store.accountsWithFills()).toEqual(['acc-a', 'acc-b']);
  });
}

describe('Prisma position store on PGlite', () => {
  storeContract(openTestDatabase);
});

describeWithService('postgres', 5432)('Prisma position store on PostgreSQL', () => {
  storeContract(() => openPostgresTestDatabase('orders'));
});
