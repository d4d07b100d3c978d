import { parsePrice, type Price } from '@b3/kit';
import { isUniqueViolation, type Prisma, type PrismaClient } from '@b3/prisma';
import {
  WORKING_STATUSES,
  type BrokerOrderId,
  type Fill,
  type FillId,
  type IdempotencyKey,
  type Order,
  type OrderId,
  type OrderStatus,
  type TickerSymbol,
} from '../domain/order-model';
import { OrderVersionConflictError, type OrderStore } from './order.store';

/** Fills come back in the order they were applied, which is the order the domain keeps them in. */
const WITH_FILLS = { fills: { orderBy: { sequence: 'asc' } } } as const satisfies Prisma.OrderInclude;
type OrderRow = Prisma.OrderGetPayload<{ include: typeof WITH_FILLS }>;
type Decimal = Prisma.Decimal;

const RECONCILABLE: readonly OrderStatus[] = ['PENDING', ...WORKING_STATUSES];
/** Ids are UUIDs in the database; anything else cannot be an order, and PostgreSQL would refuse the cast. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (id: string): boolean => UUID.test(id);

/**
 * DECIMAL(18,4) → the kit's canonical Price. toFixed() without digits prints the exact value in plain
 * notation (toString() may switch to exponents, Number would round); parsePrice drops the scale padding.
 */
function toPrice(value: Decimal): Price {
  const parsed = parsePrice(value.toFixed());
  // Only the domain writes these columns, always with valid prices: anything else is corrupt data.
  if (!parsed.ok) throw new Error(`Stored price ${value.toFixed()} is not a valid price (${parsed.problem})`);
  return parsed.price;
}
const toOptionalPrice = (value: Decimal | null): Price | null => (value === null ? null : toPrice(value));

function toOrder(row: OrderRow): Order {
  return {
    id: row.id as OrderId,
    idempotencyKey: row.idempotencyKey as IdempotencyKey,
    account: row.account,
    symbol: row.symbol as TickerSymbol,
    side: row.side,
    type: row.type,
    timeInForce: row.timeInForce,
    quantity: row.quantity,
    price: toOptionalPrice(row.price),
    stopPrice: toOptionalPrice(row.stopPrice),
    status: row.status,
    filledQuantity: row.filledQuantity,
    averageFillPrice: toOptionalPrice(row.averageFillPrice),
    brokerOrderId: row.brokerOrderId as BrokerOrderId | null,
    rejectReason: row.rejectReason,
    fills: row.fills.map(
      (fill): Fill => ({ fillId: fill.fillId as FillId, quantity: fill.quantity, price: toPrice(fill.price), time: fill.time.toISOString() }),
    ),
    replaceSequence: row.replaceSequence,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The columns an event can change; prices go in as text so they never pass through a float. */
function changingColumns(order: Order) {
  return {
    quantity: order.quantity,
    price: order.price,
    status: order.status,
    filledQuantity: order.filledQuantity,
    averageFillPrice: order.averageFillPrice,
    brokerOrderId: order.brokerOrderId,
    rejectReason: order.rejectReason,
    replaceSequence: order.replaceSequence,
    version: order.version,
    updatedAt: new Date(order.updatedAt),
  } satisfies Prisma.OrderUncheckedUpdateManyInput;
}

/** The JSON column holds plain data; the domain's events are plain data already. */
const asJson = (value: object): Prisma.InputJsonObject => value as unknown as Prisma.InputJsonObject;

/** The only place the orders subgraph touches Prisma, and only its own models. */
export function createPrismaOrderStore(prisma: PrismaClient): OrderStore {
  const findByKey = async (account: string, key: IdempotencyKey): Promise<Order | null> => {
    const row = await prisma.order.findUnique({ where: { account_idempotencyKey: { account, idempotencyKey: key } }, include: WITH_FILLS });
    return row ? toOrder(row) : null;
  };

  return {
    async insertPending(order) {
      // Only a freshly created order may come in here: anything else would skip audit rows.
      if (order.status !== 'PENDING' || order.version !== 1 || order.fills.length > 0) {
        throw new Error(`insertPending takes a new PENDING order at version 1, got ${order.status} v${order.version}`);
      }
      const placed = {
        idempotencyKey: order.idempotencyKey,
        account: order.account,
        symbol: order.symbol,
        side: order.side,
        type: order.type,
        timeInForce: order.timeInForce,
        quantity: order.quantity,
        price: order.price,
        stopPrice: order.stopPrice,
      };
      try {
        // One statement with a nested write, so the order and its CREATE event commit together.
        const row = await prisma.order.create({
          data: {
            id: order.id,
            ...placed,
            ...changingColumns(order),
            createdAt: new Date(order.createdAt),
            events: { create: { version: 1, type: 'CREATE', payload: asJson(placed), fromStatus: null, toStatus: order.status, at: new Date(order.createdAt) } },
          },
          include: WITH_FILLS,
        });
        return { order: toOrder(row), created: true };
      } catch (err) {
        // The (account, idempotency key) index refused a second order: whoever got there first wins,
        // including a concurrent call that read "no such order" at the same moment we did.
        if (!isUniqueViolation(err)) throw err;
        const existing = await findByKey(order.account, order.idempotencyKey);
        if (!existing) throw err; // another unique index (the id): not an idempotent replay
        return { order: existing, created: false };
      }
    },

    async save(order, applied) {
      if (applied.length === 0) return; // nothing changed, so there is nothing to write or audit
      const expected = order.version - applied.length;
      if (applied.some((a, i) => a.version !== expected + i + 1)) {
        throw new Error(`save: applied versions ${applied.map((a) => a.version).join(',')} do not end at order version ${order.version}`);
      }
      await prisma.$transaction(async (tx) => {
        // The version check and the write are one statement: on PostgreSQL a concurrent writer blocks on the
        // row and then sees the new version, so exactly one of two savers from the same version succeeds.
        const { count } = await tx.order.updateMany({ where: { id: order.id, version: expected }, data: changingColumns(order) });
        if (count === 0) throw new OrderVersionConflictError(order.id, expected);
        if (order.fills.length > 0) {
          // Fills only grow and the version check proved the stored ones are the order's first ones, so
          // skipping duplicates inserts exactly the new fills.
          await tx.orderFill.createMany({
            data: order.fills.map((fill, sequence) => ({
              orderId: order.id,
              fillId: fill.fillId,
              sequence,
              quantity: fill.quantity,
              price: fill.price,
              time: new Date(fill.time),
            })),
            skipDuplicates: true,
          });
        }
        await tx.orderEvent.createMany({
          data: applied.map((a) => ({
            orderId: order.id,
            version: a.version,
            type: a.event.type,
            payload: asJson(a.event),
            fromStatus: a.fromStatus,
            toStatus: a.toStatus,
            at: new Date(a.event.at),
          })),
        });
      });
    },

    async byId(id) {
      if (!isUuid(id)) return null;
      const row = await prisma.order.findUnique({ where: { id }, include: WITH_FILLS });
      return row ? toOrder(row) : null;
    },

    async byIds(ids) {
      const valid = [...new Set(ids.filter(isUuid))];
      if (valid.length === 0) return [];
      const rows = await prisma.order.findMany({ where: { id: { in: valid } }, include: WITH_FILLS });
      return rows.map(toOrder);
    },

    byIdempotencyKey: findByKey,

    async byBrokerOrderIds(ids) {
      if (ids.length === 0) return [];
      const rows = await prisma.order.findMany({ where: { brokerOrderId: { in: [...ids] } }, include: WITH_FILLS });
      return rows.map(toOrder);
    },

    async list({ account, status, symbol, first, after }) {
      const where: Prisma.OrderWhereInput = { account, ...(status ? { status } : {}), ...(symbol ? { symbol } : {}) };
      if (after) {
        // Keyset pagination: rows inserted after a page was read never shift the next page.
        const at = new Date(after.createdAt);
        where.OR = [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: after.id } }];
      }
      const rows = await prisma.order.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: first + 1, // one more than asked, to know whether another page follows
        include: WITH_FILLS,
      });
      return { orders: rows.slice(0, first).map(toOrder), hasMore: rows.length > first };
    },

    async workingOrders(account) {
      const rows = await prisma.order.findMany({
        where: { status: { in: [...WORKING_STATUSES] }, ...(account === undefined ? {} : { account }) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: WITH_FILLS,
      });
      return rows.map(toOrder);
    },

    async pendingOrSubmitted(filter) {
      const rows = await prisma.order.findMany({
        where: { status: { in: [...RECONCILABLE] }, ...(filter?.account ? { account: filter.account } : {}), ...(filter?.symbol ? { symbol: filter.symbol } : {}) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: WITH_FILLS,
      });
      return rows.map(toOrder);
    },
  };
}
