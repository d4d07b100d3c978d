import { randomUUID } from 'node:crypto';
import type { NewOrder, Order, OrderId } from '../src/domain/order';
import type { OrderStatus } from '../src/domain/order-state';
import type { OrderQuery, OrderStore } from '../src/store/order.store';

/** In-memory OrderStore for schema tests; the Prisma store has its own tests against real databases. */
export function createFakeOrderStore(): OrderStore & { rows: Order[]; byIdsCalls: number } {
  const rows: Order[] = [];
  let tick = 0;
  const store = {
    rows,
    byIdsCalls: 0,
    async create(order: NewOrder, accountId: string, status: OrderStatus) {
      const at = new Date(Date.UTC(2026, 10, 26, 13, 0, tick++));
      const row: Order = { ...order, id: randomUUID() as OrderId, accountId, status, createdAt: at, updatedAt: at };
      rows.push(row);
      return row;
    },
    async list({ accountId, status, symbol, limit }: OrderQuery) {
      return rows
        .filter((r) => r.accountId === accountId && (!status || r.status === status) && (!symbol || r.symbol === symbol))
        .sort((a, b) => +b.createdAt - +a.createdAt)
        .slice(0, limit);
    },
    async byIds(ids: readonly OrderId[]) {
      store.byIdsCalls++;
      return rows.filter((r) => ids.includes(r.id));
    },
  };
  return store;
}
