import { parsePrice, type Price } from '@b3/kit';
import { Prisma, type PrismaClient } from '@b3/prisma';
import { FILL_SIDES, type FillSide } from '../domain/position';
import type { PositionStore, StoredFill } from './position.store';

/** A row as the SQL below names its columns; raw results are untyped, so every field is checked on the way out. */
interface FillRow {
  fillId: unknown;
  orderId: unknown;
  sequence: unknown;
  quantity: unknown;
  price: unknown;
  time: unknown;
  side: unknown;
  symbol: unknown;
}

/**
 * One statement joining each fill to its order (side and symbol live there): Prisma's relation reads would
 * issue a second query for the orders, and a per-order read would be N+1. The SQL names no schema, so it
 * runs in whichever one openDatabase set as the search path. The price goes out as text so the DECIMAL
 * never passes through a float.
 */
function fillsSql(account: string, symbol: string | undefined): Prisma.Sql {
  const bySymbol = symbol === undefined ? Prisma.empty : Prisma.sql`AND o.symbol = ${symbol}`;
  return Prisma.sql`
    SELECT f.fill_id AS "fillId", f.order_id::text AS "orderId", f.sequence AS "sequence", f.quantity AS "quantity",
           f.price::text AS "price", f.time AS "time", o.side::text AS "side", o.symbol AS "symbol"
      FROM order_fills f
      JOIN orders o ON o.id = f.order_id
     WHERE o.account = ${account} ${bySymbol}
     ORDER BY f.time ASC, f.order_id ASC, f.sequence ASC`;
}

const isSide = (value: unknown): value is FillSide => typeof value === 'string' && (FILL_SIDES as readonly string[]).includes(value);

/** The database constrains every column, so a row that fails here means the schema and this code disagree. */
function toFill(row: FillRow): StoredFill {
  const price = typeof row.price === 'string' ? parsePrice(row.price) : null;
  const time = row.time instanceof Date ? row.time : typeof row.time === 'string' ? new Date(row.time) : null;
  const quantity = Number(row.quantity);
  const sequence = Number(row.sequence);
  if (
    typeof row.fillId !== 'string' ||
    typeof row.orderId !== 'string' ||
    typeof row.symbol !== 'string' ||
    !isSide(row.side) ||
    !price?.ok ||
    !time ||
    Number.isNaN(time.getTime()) ||
    !Number.isSafeInteger(quantity) ||
    !Number.isSafeInteger(sequence)
  ) {
    throw new Error(`order_fills row ${String(row.orderId)}/${String(row.fillId)} does not have the expected shape`);
  }
  return { fillId: row.fillId, orderId: row.orderId, sequence, symbol: row.symbol, side: row.side, quantity, price: price.price satisfies Price, time };
}

export function createPrismaPositionStore(prisma: PrismaClient): PositionStore {
  return {
    async fills({ account, symbol }) {
      const rows = await prisma.$queryRaw<FillRow[]>(fillsSql(account, symbol));
      return rows.map(toFill);
    },

    async accountsWithFills() {
      const rows = await prisma.$queryRaw<Array<{ account: unknown }>>(Prisma.sql`
        SELECT DISTINCT o.account AS "account" FROM orders o WHERE EXISTS (SELECT 1 FROM order_fills f WHERE f.order_id = o.id) ORDER BY 1`);
      return rows.map((row) => String(row.account));
    },
  };
}
