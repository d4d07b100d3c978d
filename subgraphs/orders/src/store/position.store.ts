import type { Fill } from '../domain/position';

/**
 * What the position service needs from storage: an account's fills, as the order store wrote them to
 * `order_fills`. The service owns this interface; prisma-position.store.ts is the one implementation.
 * Read-only: fills are written only with their order (prisma-order.store.ts), never from here.
 */

/** A fill with the order fields a position needs (symbol and side live on the order row). */
export interface StoredFill extends Fill {
  readonly symbol: string;
  readonly orderId: string;
  /** Position in its order's fills (0, 1, …). */
  readonly sequence: number;
}

export interface FillQuery {
  readonly account: string;
  /** Only this symbol's fills; every symbol when left out. */
  readonly symbol?: string;
}

export interface PositionStore {
  /**
   * The fills in the order they were applied: by execution time, then order id, then the order's own
   * sequence, so two reads always replay the same way (ties in time are common within one venue batch).
   * Prices are exact decimal text, canonical ("38.5"), never a float.
   */
  fills(query: FillQuery): Promise<StoredFill[]>;
  /** Every account with at least one fill, sorted: what to load so the daily-loss trip watches them all. */
  accountsWithFills(): Promise<string[]>;
}
