import { randomUUID } from 'node:crypto';
import type { Database } from '@b3/prisma';

export interface FillSpec {
  fillId?: string;
  quantity: number;
  price: string;
  /** ISO instant; defaults to 13:00 UTC on 2 March 2026 (10:00 in São Paulo). */
  time?: string;
}

export interface FilledOrderSpec {
  account: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  id?: string;
}

let serial = 0;

/**
 * Writes a FILLED order and its fills straight through Prisma. Positions only read `order_fills`, and
 * writing fills belongs to the order store's lifecycle, so fixtures state what is in the tables instead of
 * driving orders through events that have nothing to do with the behaviour under test.
 */
export async function orderWithFills(db: Database, spec: FilledOrderSpec, fills: readonly FillSpec[]): Promise<string> {
  const id = spec.id ?? randomUUID();
  const at = new Date('2026-03-02T12:00:00.000Z');
  const quantity = fills.reduce((sum, f) => sum + f.quantity, 0);
  await db.prisma.order.create({
    data: {
      id,
      idempotencyKey: `key-${id}`,
      account: spec.account,
      symbol: spec.symbol,
      side: spec.side,
      type: 'MARKET',
      timeInForce: 'DAY',
      quantity,
      status: 'FILLED',
      filledQuantity: quantity,
      replaceSequence: 0,
      version: 1 + fills.length,
      createdAt: at,
      updatedAt: at,
      fills: {
        create: fills.map((f, sequence) => ({
          fillId: f.fillId ?? `fill-${++serial}`,
          sequence,
          quantity: f.quantity,
          price: f.price,
          time: new Date(f.time ?? '2026-03-02T13:00:00.000Z'),
        })),
      },
    },
  });
  return id;
}
