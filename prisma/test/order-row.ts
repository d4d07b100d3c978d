import { randomUUID } from 'node:crypto';
import type { Prisma } from '../src';

/**
 * A complete `orders` row for the database package's own tests (the orders subgraph writes real ones
 * through its store). Every column is required because the subgraph's domain, not the database, owns
 * the defaults.
 */
export function orderRow(overrides: Partial<Prisma.OrderUncheckedCreateInput> = {}): Prisma.OrderUncheckedCreateInput {
  const at = new Date('2026-03-02T13:00:00.000Z');
  return {
    id: randomUUID(),
    idempotencyKey: `key-${randomUUID()}`,
    account: 'acc-1',
    symbol: 'PETR4',
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'DAY',
    quantity: 100,
    price: '38.01',
    status: 'PENDING',
    filledQuantity: 0,
    replaceSequence: 0,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
