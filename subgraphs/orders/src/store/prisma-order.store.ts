import type { Order as OrderRow, PrismaClient } from '@b3/prisma';
import type { Order, OrderId } from '../domain/order';
import type { OrderStore } from './order.store';

// toFixed() without digits prints the exact value in plain notation; toString() may switch to exponents.
const toOrder = (row: OrderRow): Order => ({
  ...row,
  id: row.id as OrderId,
  limitPrice: row.limitPrice?.toFixed() ?? null,
  stopPrice: row.stopPrice?.toFixed() ?? null,
});

/** The only place the orders subgraph touches Prisma, and only its own model. */
export function createPrismaOrderStore(prisma: PrismaClient): OrderStore {
  return {
    async create(order, accountId, status) {
      return toOrder(await prisma.order.create({ data: { ...order, accountId, status } }));
    },
    async list({ accountId, status, symbol, limit }) {
      const rows = await prisma.order.findMany({
        where: { accountId, ...(status ? { status } : {}), ...(symbol ? { symbol } : {}) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit,
      });
      return rows.map(toOrder);
    },
    async byIds(ids) {
      const rows = await prisma.order.findMany({ where: { id: { in: [...ids] } } });
      return rows.map(toOrder);
    },
  };
}
