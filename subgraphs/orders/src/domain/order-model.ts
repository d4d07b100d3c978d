import type { Price } from '@b3/kit';

/**
 * The order record and its closed vocabularies. Plain TypeScript: no decorators, no Prisma or GraphQL types
 * (STYLE.md smell 3). Every field is readonly because an order only changes by applying an event through
 * `applyEvent` in order-lifecycle.ts (smell 6); the functions there return a new record.
 */

export const ORDER_STATUSES = ['PENDING', 'SUBMITTED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'EXPIRED', 'REJECTED', 'FAILED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The broker may still trade these: a cancel or replace makes sense only here. */
export const WORKING_STATUSES = ['SUBMITTED', 'PARTIALLY_FILLED'] as const satisfies readonly OrderStatus[];
export type WorkingStatus = (typeof WORKING_STATUSES)[number];

/** Final: the status never changes again (CANCELED and EXPIRED may still record a fill that raced the cancel). */
export const TERMINAL_STATUSES = ['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED', 'FAILED'] as const satisfies readonly OrderStatus[];
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

export const ORDER_TYPES = ['MARKET', 'LIMIT', 'STOP', 'STOP_LIMIT'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export const TIME_IN_FORCES = ['DAY', 'GTC', 'IOC', 'FOK'] as const;
export type TimeInForce = (typeof TIME_IN_FORCES)[number];

export const ORDER_SIDES = ['BUY', 'SELL'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];

/** Our id for the order (the primary key). */
export type OrderId = string & { readonly __brand: 'OrderId' };
/** The bridge's id for the routed order; a different type so the two can never be swapped by mistake. */
export type BrokerOrderId = string & { readonly __brand: 'BrokerOrderId' };
/** One execution, as the broker names it; applying the same id twice must change nothing. */
export type FillId = string & { readonly __brand: 'FillId' };
/** The client's key for "this is the same order": 8–64 of [A-Za-z0-9_-] (checked in order-validation.ts). */
export type IdempotencyKey = string & { readonly __brand: 'IdempotencyKey' };
/** A B3 ticker that instrument-rules.ts recognised, upper case ("PETR4", "WINZ26"). */
export type TickerSymbol = string & { readonly __brand: 'TickerSymbol' };

/** One execution. Quantities are whole shares or contracts; the price is exact text, never a float. */
export interface Fill {
  readonly fillId: FillId;
  readonly quantity: number;
  readonly price: Price;
  /** When the venue executed it (ISO 8601), as the broker reported it. */
  readonly time: string;
}

export interface Order {
  readonly id: OrderId;
  readonly idempotencyKey: IdempotencyKey;
  readonly account: string;
  readonly symbol: TickerSymbol;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly quantity: number;
  /** Limit price: LIMIT and STOP_LIMIT only. */
  readonly price: Price | null;
  /** Trigger price: STOP and STOP_LIMIT only. */
  readonly stopPrice: Price | null;
  readonly status: OrderStatus;
  /** Always the sum of `fills`' quantities; kept as a field so stores and queries need not add them up. */
  readonly filledQuantity: number;
  /** Quantity-weighted average of `fills`, rounded half-even to 4 decimals; null until the first fill. */
  readonly averageFillPrice: Price | null;
  /** Null until the broker acknowledges the order (or a broker callback names it first). */
  readonly brokerOrderId: BrokerOrderId | null;
  /** Why the order was REJECTED (broker's text) or FAILED (routing error); null otherwise. */
  readonly rejectReason: string | null;
  readonly fills: readonly Fill[];
  /**
   * The sequence of the last replace applied. Replace confirmations carry the sequence the service gave
   * the request, so a duplicate or an older confirmation arriving late is recognised and ignored; without
   * it a replayed replace would silently undo a newer one.
   */
  readonly replaceSequence: number;
  /** 1 when created; +1 on every applied change, so stores can use it for optimistic concurrency. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const has = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

export const isWorking = (status: OrderStatus): status is WorkingStatus => has(WORKING_STATUSES, status);
export const isTerminal = (status: OrderStatus): status is TerminalStatus => has(TERMINAL_STATUSES, status);
export const isOrderStatus = (value: string): value is OrderStatus => has(ORDER_STATUSES, value);
export const isOrderType = (value: string): value is OrderType => has(ORDER_TYPES, value);
export const isTimeInForce = (value: string): value is TimeInForce => has(TIME_IN_FORCES, value);
export const isOrderSide = (value: string): value is OrderSide => has(ORDER_SIDES, value);

/** Never negative: fills beyond the quantity and replaces below the filled quantity are refused. */
export const remainingQuantity = (order: Order): number => order.quantity - order.filledQuantity;

/** Order types that carry a limit price, and those that carry a trigger. */
export const hasLimitPrice = (type: OrderType): boolean => type === 'LIMIT' || type === 'STOP_LIMIT';
export const hasStopPrice = (type: OrderType): boolean => type === 'STOP' || type === 'STOP_LIMIT';

function brand<T extends string>(what: string): (value: string) => T {
  return (value: string): T => {
    // An empty id can only come from a programming error (ids are generated or come from the bridge).
    if (value.trim() === '') throw new RangeError(`${what} must not be empty`);
    return value as T;
  };
}

export const asOrderId = brand<OrderId>('OrderId');
export const asBrokerOrderId = brand<BrokerOrderId>('BrokerOrderId');
export const asFillId = brand<FillId>('FillId');
