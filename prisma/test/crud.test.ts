import { randomUUID } from 'node:crypto';
import { describeWithService } from '@b3/kit/testing/require-service';
import {
  classifyDatabaseError,
  isInvalidValue,
  isRecordNotFound,
  isUniqueViolation,
  openDatabase,
  openTestDatabase,
  Prisma,
  resetDatabase,
  type Database,
} from '../src';
import { orderRow } from './order-row';
import { createScratchSchema, POSTGRES_PORT, type ScratchSchema } from './postgres-scratch';

interface Backend {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
  teardown(): Promise<void>;
}

let scratch: ScratchSchema | undefined;

const pglite: Backend = { name: 'pglite', open: () => openTestDatabase(), teardown: async () => undefined };
const postgres: Backend = {
  name: 'postgres',
  open: async () => {
    scratch = await createScratchSchema();
    return openDatabase({ service: 'crud-test', databaseUrl: scratch.url });
  },
  teardown: async () => scratch?.drop(),
};

describe('Prisma client on pglite', () => crudContract(pglite));
describeWithService('postgres', POSTGRES_PORT)('Prisma client on postgres', () => crudContract(postgres));

function crudContract(backend: Backend): void {
  let db: Database | undefined;

  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await db?.close();
    await backend.teardown();
  });
  beforeEach(async () => {
    await resetDatabase(opened());
  });

  /** The database beforeAll opened; failing loudly if it could not. */
  const opened = (): Database => {
    if (!db) throw new Error(`the ${backend.name} database did not open`);
    return db;
  };
  const it_ = (name: string, body: (db: Database) => Promise<void>): void => it(name, () => body(opened()));

  it_('reports its kind and answers a ping', async (db) => {
    expect(db.kind).toBe(backend.name);
    expect(await db.ping()).toBeGreaterThanOrEqual(0);
  });

  it_('round-trips an idea with its tags in order', async ({ prisma }) => {
    const category = await prisma.ideaCategory.create({
      data: { id: randomUUID(), name: 'Análise', slug: 'analise', color: '#16A34A', order: 0, active: true, createdAt: new Date(), updatedAt: new Date(), updatedBy: 'u-1' },
    });
    const at = new Date('2026-11-26T13:00:00.000Z');
    const created = await prisma.idea.create({
      data: {
        id: randomUUID(),
        title: 'Petrobras breakout',
        description: 'Above 38 on volume',
        categoryId: category.id,
        priority: 'HIGH',
        status: 'NEW',
        ticker: 'PETR4',
        tags: ['swing', 'oil'],
        authorId: 'u-1',
        createdAt: at,
        updatedAt: at,
        version: 1,
      },
    });

    const read = await prisma.idea.findUniqueOrThrow({ where: { id: created.id } });
    expect(read).toEqual(created);
    expect(read.tags).toEqual(['swing', 'oil']);

    const updated = await prisma.idea.update({ where: { id: created.id }, data: { title: 'PETR4 breakout', version: 2 } });
    expect(updated.title).toBe('PETR4 breakout');
    expect(await prisma.idea.findMany({ where: { ticker: 'PETR4', tags: { has: 'oil' } } })).toHaveLength(1);
  });

  it_('stores order prices exactly, with no float rounding on the way in or out', async ({ prisma }) => {
    const created = await prisma.order.create({
      data: orderRow({ type: 'STOP_LIMIT', quantity: 300, price: '125005.5000', stopPrice: new Prisma.Decimal('38.01') }),
    });
    // 18 significant digits: more than a double can hold.
    const big = await prisma.order.create({ data: orderRow({ symbol: 'VALE3', side: 'SELL', quantity: 1, price: '99999999999999.9999' }) });

    const read = await prisma.order.findUniqueOrThrow({ where: { id: created.id } });
    expect(read.status).toBe('PENDING');
    expect(read.price?.toFixed(4)).toBe('125005.5000');
    expect(read.stopPrice?.toFixed(4)).toBe('38.0100');
    expect(read.stopPrice?.equals('38.01')).toBe(true);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: big.id } })).price?.toFixed(4)).toBe('99999999999999.9999');
    const stored = await prisma.$queryRaw<{ price: string; stop_price: string }[]>`
      SELECT price::text AS price, stop_price::text AS stop_price FROM orders WHERE id = ${created.id}::uuid`;
    expect(stored).toEqual([{ price: '125005.5000', stop_price: '38.0100' }]);
  });

  it_('moves an order through statuses and lists an account newest first', async ({ prisma }) => {
    const first = await prisma.order.create({
      data: orderRow({ account: 'acc-2', type: 'MARKET', price: null, createdAt: new Date('2026-03-02T13:00:00.000Z') }),
    });
    await prisma.order.create({
      data: orderRow({ account: 'acc-2', side: 'SELL', type: 'MARKET', price: null, createdAt: new Date('2026-03-02T13:05:00.000Z') }),
    });
    await prisma.order.update({ where: { id: first.id }, data: { status: 'FILLED', filledQuantity: 100, version: 2 } });

    const listed = await prisma.order.findMany({ where: { account: 'acc-2' }, orderBy: { createdAt: 'desc' } });
    expect(listed.map((o) => [o.side, o.status, o.price])).toEqual([
      ['SELL', 'PENDING', null],
      ['BUY', 'FILLED', null],
    ]);
  });

  it_('allows one idempotency key once per account', async ({ prisma }) => {
    await prisma.order.create({ data: orderRow({ idempotencyKey: 'same-key-1' }) });
    await prisma.order.create({ data: orderRow({ account: 'acc-other', idempotencyKey: 'same-key-1' }) });

    const duplicate = await prisma.order.create({ data: orderRow({ idempotencyKey: 'same-key-1' }) }).catch((err: unknown) => err);

    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(await prisma.order.count()).toBe(2);
  });

  it_('round-trips a signal with a decimal array, optional decimals and exact UTC instants', async ({ prisma }) => {
    const at = new Date('2026-03-02T13:00:00.123Z');
    const channel = await prisma.signalChannel.create({
      data: { id: '11111111-1111-4111-8111-111111111111', chatId: '-1001', title: 'Sinais', enabled: true, createdAt: at, updatedAt: at, updatedBy: 'test' },
    });
    const message = await prisma.signalMessage.create({
      data: { id: '22222222-2222-4222-8222-222222222222', channelId: channel.id, messageId: 7, sentAt: at, text: 'COMPRA VALE3 61,20 alvo 64', status: 'PARSED', version: 1, receivedAt: at, updatedAt: at },
    });
    const created = await prisma.signal.create({
      data: {
        id: '33333333-3333-4333-8333-333333333333', channelId: channel.id, messageRowId: message.id, asset: 'VALE3', side: 'BUY', entryMin: '61.20', entryMax: '61.2',
        targets: ['64', '66.5', '0.0001'], status: 'OPEN', targetsHit: 0, postedAt: at, expiresAt: at, updatedAt: at, version: 1,
      },
    });

    const read = await prisma.signal.findUniqueOrThrow({ where: { id: created.id } });
    expect(read.postedAt.toISOString()).toBe('2026-03-02T13:00:00.123Z');
    expect(read.stop).toBeNull();
    expect([read.entryMin.toFixed(4), ...read.targets.map((t) => t.toFixed(4))]).toEqual(['61.2000', '64.0000', '66.5000', '0.0001']);
    const duplicate = await prisma.signalMessage.create({ data: { ...message, id: '44444444-4444-4444-8444-444444444444' } }).catch((err: unknown) => err);
    expect(isUniqueViolation(duplicate)).toBe(true);
  });

  it_('rejects a duplicate system name as a unique violation', async ({ prisma }) => {
    await prisma.systemEntry.create({ data: { name: 'profit-dll', description: 'Nelogica ProfitDLL bridge' } });

    const duplicate = await prisma.systemEntry
      .create({ data: { name: 'profit-dll', description: 'again' } })
      .catch((err: unknown) => err);

    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(await prisma.systemEntry.count()).toBe(1);
  });

  it_('classifies an update of a missing row and an out-of-range price', async ({ prisma }) => {
    const missing = await prisma.order
      .update({ where: { id: '00000000-0000-4000-8000-000000000000' }, data: { status: 'CANCELED' } })
      .catch((err: unknown) => err);
    const tooBig = await prisma.order
      .create({ data: orderRow({ account: 'acc-3', quantity: 1, price: '100000000000000' }) })
      .catch((err: unknown) => err);

    expect(isRecordNotFound(missing)).toBe(true);
    expect(isInvalidValue(tooBig)).toBe(true);
    expect(classifyDatabaseError(new Error('not from the database'))).toBeUndefined();
  });
}
