import { randomUUID } from 'node:crypto';
import { describeWithService, type Price } from '@b3/kit';
import { type Database, openPostgresTestDatabase, openTestDatabase, resetDatabase } from '@b3/prisma';
import { aPendingOrder, canceled, fillEvent, rejected, submitted } from '../src/domain/order-builders';
import { applyAndRecord } from '../src/domain/order-history';
import type { OrderEvent } from '../src/domain/order-lifecycle';
import { asBrokerOrderId, asFillId, asOrderId, type IdempotencyKey, type Order, type OrderId } from '../src/domain/order-model';
import type { OrderInput } from '../src/domain/order-validation';
import { createPrismaOrderStore } from '../src/store/prisma-order.store';
import { OrderVersionConflictError, type OrderStore } from '../src/store/order.store';

const price = (text: string): Price => text as Price;
let serial = 0;
/** A new PENDING order with a fresh id and key; `at` fixes createdAt so tests control the list order. */
function newOrder(overrides: Partial<OrderInput> = {}, at = '2026-03-02T13:00:00.000Z'): Order {
  serial += 1;
  const pending = aPendingOrder({ idempotencyKey: `key-${String(serial).padStart(8, '0')}`, ...overrides }, randomUUID());
  return { ...pending, createdAt: at, updatedAt: at };
}

/** Applies events that must all change the order, and returns what save() takes. */
function afterEvents(order: Order, ...events: OrderEvent[]) {
  const result = applyAndRecord(order, events);
  if (!result.ok) throw new Error(`event ${result.index} refused: ${result.reason}`);
  return result;
}

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
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
  });

  const eventsOf = (id: OrderId) =>
    db.prisma.orderEvent.findMany({ where: { orderId: id }, orderBy: { version: 'asc' }, select: { version: true, type: true, fromStatus: true, toStatus: true } });

  it('writes a PENDING order with its CREATE event and reads it back exactly, decimals included', async () => {
    const order = newOrder({ symbol: 'WINZ26', type: 'STOP_LIMIT', quantity: 3, price: '125005', stopPrice: '125000' });
    const { order: stored, created } = await store.insertPending(order);
    expect(created).toBe(true);
    expect(stored).toEqual(order);
    expect(await store.byId(order.id)).toEqual(order);
    expect(await eventsOf(order.id)).toEqual([{ version: 1, type: 'CREATE', fromStatus: null, toStatus: 'PENDING' }]);
  });

  it('returns the existing order for an idempotency key the account already used, and writes nothing', async () => {
    const first = newOrder();
    await store.insertPending(first);
    const retry = { ...newOrder({ quantity: 500 }), idempotencyKey: first.idempotencyKey };
    const again = await store.insertPending(retry);
    expect(again).toEqual({ order: first, created: false });
    expect(await db.prisma.order.count()).toBe(1);
    // the key is per account: another account may use it
    const elsewhere = await store.insertPending({ ...newOrder({ account: 'acc-2' }), idempotencyKey: first.idempotencyKey });
    expect(elsewhere.created).toBe(true);
  });

  it('leaves exactly one order when ten inserts with one key race', async () => {
    const key = 'race-key-0001' as IdempotencyKey;
    const results = await Promise.all(Array.from({ length: 10 }, () => store.insertPending({ ...newOrder(), idempotencyKey: key })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.order.id)).size).toBe(1);
    expect(await db.prisma.order.count()).toBe(1);
    expect(await db.prisma.orderEvent.count()).toBe(1);
  });

  it('saves applied events with their fills and one audit row each, in order', async () => {
    const order = newOrder();
    await store.insertPending(order);
    const step1 = afterEvents(order, submitted(), fillEvent({ fillId: asFillId('f-1'), quantity: 40, price: price('38.5') }));
    await store.save(step1.order, step1.applied);
    const step2 = afterEvents(step1.order, fillEvent({ fillId: asFillId('f-2'), quantity: 60, price: price('38.4') }));
    await store.save(step2.order, step2.applied);

    const stored = await store.byId(order.id);
    expect(stored).toEqual(step2.order);
    expect(stored).toMatchObject({ status: 'FILLED', filledQuantity: 100, averageFillPrice: '38.44', brokerOrderId: 'BRK-1', version: 4 });
    expect(stored!.fills.map((f) => [f.fillId, f.quantity, f.price])).toEqual([
      ['f-1', 40, '38.5'],
      ['f-2', 60, '38.4'],
    ]);
    expect(await eventsOf(order.id)).toEqual([
      { version: 1, type: 'CREATE', fromStatus: null, toStatus: 'PENDING' },
      { version: 2, type: 'SUBMIT', fromStatus: 'PENDING', toStatus: 'SUBMITTED' },
      { version: 3, type: 'FILL', fromStatus: 'SUBMITTED', toStatus: 'PARTIALLY_FILLED' },
      { version: 4, type: 'FILL', fromStatus: 'PARTIALLY_FILLED', toStatus: 'FILLED' },
    ]);
    const payload = await db.prisma.orderEvent.findUniqueOrThrow({ where: { orderId_version: { orderId: order.id, version: 3 } } });
    expect(payload.payload).toMatchObject({ type: 'FILL', fill: { fillId: 'f-1', quantity: 40, price: '38.5' } });
  });

  it('keeps a reject reason and writes nothing for a save with no applied events', async () => {
    const order = newOrder();
    await store.insertPending(order);
    const done = afterEvents(order, rejected('no margin'));
    await store.save(done.order, done.applied);
    const duplicate = applyAndRecord(done.order, [rejected('no margin')]);
    if (!duplicate.ok) throw new Error(duplicate.reason);
    await store.save(duplicate.order, duplicate.applied);
    expect(await store.byId(order.id)).toMatchObject({ status: 'REJECTED', rejectReason: 'no margin', version: 2 });
    expect(await db.prisma.orderEvent.count({ where: { orderId: order.id } })).toBe(2);
  });

  it('refuses a stale save with OrderVersionConflictError and keeps the winner intact', async () => {
    const order = newOrder();
    await store.insertPending(order);
    // two writers read version 1 and each apply their own event
    const winner = afterEvents(order, submitted());
    const loser = afterEvents(order, fillEvent({ fillId: asFillId('late'), quantity: 100 }));
    await store.save(winner.order, winner.applied);

    const failure = await store.save(loser.order, loser.applied).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(OrderVersionConflictError);
    expect(failure).toMatchObject({ orderId: order.id, expectedVersion: 1 });
    expect(await store.byId(order.id)).toEqual(winner.order);
    expect(await db.prisma.orderFill.count()).toBe(0);

    // the loser's way out: reload and apply its events again
    const reloaded = await store.byId(order.id);
    const retried = afterEvents(reloaded!, fillEvent({ fillId: asFillId('late'), quantity: 100 }));
    await store.save(retried.order, retried.applied);
    expect(await store.byId(order.id)).toMatchObject({ status: 'FILLED', version: 3, brokerOrderId: 'BRK-1' });
  });

  it('lets only one of many concurrent saves from the same version through', async () => {
    const order = newOrder();
    await store.insertPending(order);
    const attempts = Array.from({ length: 5 }, (_, i) => afterEvents(order, submitted(asBrokerOrderId(`BRK-${i}`))));
    const outcomes = await Promise.allSettled(attempts.map((a) => store.save(a.order, a.applied)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(OrderVersionConflictError);
    expect(await db.prisma.orderEvent.count({ where: { orderId: order.id } })).toBe(2);
  });

  it('pages through an account newest first without gaps or duplicates, even with equal times and new orders arriving', async () => {
    const account = 'acc-pages';
    // 23 orders over 8 distinct instants, so many share a createdAt and the id must break the tie
    const placed: Order[] = [];
    for (let i = 0; i < 23; i++) {
      const order = newOrder({ account }, `2026-03-02T13:00:0${i % 8}.000Z`);
      placed.push(order);
      await store.insertPending(order);
    }
    await store.insertPending(newOrder({ account: 'someone-else' }));
    const expected = [...placed].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1)).map((o) => o.id);

    const seen: OrderId[] = [];
    let after: { createdAt: string; id: OrderId } | undefined;
    for (let page = 0; ; page++) {
      const { orders, hasMore } = await store.list({ account, first: 5, after });
      seen.push(...orders.map((o) => o.id));
      if (page === 1) await store.insertPending(newOrder({ account }, '2026-03-02T14:00:00.000Z')); // newer: must not shift later pages
      if (!hasMore) break;
      const last = orders.at(-1)!;
      after = { createdAt: last.createdAt, id: last.id };
    }
    expect(seen).toEqual(expected);
  });

  it('filters a list by status and symbol', async () => {
    const petr = newOrder();
    const win = newOrder({ symbol: 'WINZ26', quantity: 1, price: '125000' });
    await store.insertPending(petr);
    await store.insertPending(win);
    const done = afterEvents(win, submitted(), canceled());
    await store.save(done.order, done.applied);
    const ids = async (query: Parameters<OrderStore['list']>[0]) => (await store.list(query)).orders.map((o) => o.id);
    expect(await ids({ account: 'acc-1', symbol: 'WINZ26', first: 10 })).toEqual([win.id]);
    expect(await ids({ account: 'acc-1', status: 'PENDING', first: 10 })).toEqual([petr.id]);
    expect(await ids({ account: 'acc-1', status: 'FILLED', first: 10 })).toEqual([]);
  });

  it('finds working and reconcilable orders, oldest first', async () => {
    const pending = newOrder({}, '2026-03-02T13:00:01.000Z');
    const working = newOrder({ account: 'acc-2' }, '2026-03-02T13:00:02.000Z');
    const partial = newOrder({ quantity: 200 }, '2026-03-02T13:00:03.000Z');
    const finished = newOrder({}, '2026-03-02T13:00:04.000Z');
    for (const o of [pending, working, partial, finished]) await store.insertPending(o);
    const moves: Array<[Order, OrderEvent[]]> = [
      [working, [submitted(asBrokerOrderId('B-2'))]],
      [partial, [submitted(asBrokerOrderId('B-3')), fillEvent({ quantity: 100 })]],
      [finished, [submitted(asBrokerOrderId('B-4')), canceled()]],
    ];
    for (const [order, events] of moves) {
      const done = afterEvents(order, ...events);
      await store.save(done.order, done.applied);
    }

    expect((await store.workingOrders()).map((o) => o.id)).toEqual([working.id, partial.id]);
    expect((await store.workingOrders('acc-1')).map((o) => o.id)).toEqual([partial.id]);
    expect((await store.pendingOrSubmitted()).map((o) => o.id)).toEqual([pending.id, working.id, partial.id]);
    expect((await store.pendingOrSubmitted({ account: 'acc-1' })).map((o) => o.id)).toEqual([pending.id, partial.id]);
    expect((await store.pendingOrSubmitted({ account: 'acc-1', symbol: 'PETR4' })).map((o) => o.id)).toEqual([pending.id, partial.id]);
    expect((await store.pendingOrSubmitted({ account: 'acc-1', symbol: 'WINZ26' })).map((o) => o.id)).toEqual([]);
  });

  it('finds orders by id and key, ignoring unknown and malformed ids', async () => {
    const order = newOrder();
    await store.insertPending(order);
    expect((await store.byIds([order.id, asOrderId(randomUUID()), asOrderId('not-a-uuid')])).map((o) => o.id)).toEqual([order.id]);
    expect(await store.byId(asOrderId('not-a-uuid'))).toBeNull();
    expect(await store.byIdempotencyKey('acc-1', order.idempotencyKey)).toEqual(order);
    expect(await store.byIdempotencyKey('acc-2', order.idempotencyKey)).toBeNull();
  });
}

describe('Prisma order store on PGlite', () => {
  storeContract(openTestDatabase);
});

describeWithService('postgres', 5432)('Prisma order store on PostgreSQL', () => {
  storeContract(() => openPostgresTestDatabase('orders'));
});
