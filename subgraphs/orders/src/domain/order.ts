import { parsePrice, PRICE_MAX_INTEGER_DIGITS, PRICE_MAX_SCALE, type PriceProblem } from '@b3/kit';
import type { OrderStatus } from './order-state';

/** An order a trader placed on B3. Prices are exact decimal strings in BRL, never floats. */
export type OrderId = string & { readonly __brand: 'OrderId' };

export const ORDER_SIDES = ['BUY', 'SELL'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];

export const ORDER_TYPES = ['MARKET', 'LIMIT', 'STOP_LIMIT'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export interface Order {
  id: OrderId;
  accountId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: number;
  limitPrice: string | null;
  stopPrice: string | null;
  status: OrderStatus;
  createdAt: Date;
  updatedAt: Date;
}

/** What a trader asks for; prices are optional because MARKET orders have none. */
export interface OrderRequest {
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: number;
  limitPrice?: string | null;
  stopPrice?: string | null;
}

/** A request that passed every rule, normalised for storage. */
export interface NewOrder {
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: number;
  limitPrice: string | null;
  stopPrice: string | null;
}

export interface OrderIssue {
  field: keyof OrderRequest;
  message: string;
}

export const MAX_QUANTITY = 1_000_000;
const SYMBOL = /^[A-Z0-9]{4,12}$/;
const PRICE_PROBLEM_MESSAGES: Readonly<Record<PriceProblem, string>> = {
  MALFORMED: 'must be a positive decimal like "38.01"',
  NOT_POSITIVE: 'must be greater than zero',
  TOO_PRECISE: `must have at most ${PRICE_MAX_SCALE} decimal places`,
  TOO_LARGE: `must have at most ${PRICE_MAX_INTEGER_DIGITS} digits before the decimal point`,
};

/** Normalises an order request and lists every rule it breaks, so the client can fix all fields at once. */
export function checkNewOrder(request: OrderRequest): { order: NewOrder; issues: OrderIssue[] } {
  const issues: OrderIssue[] = [];
  const symbol = request.symbol.trim().toUpperCase();
  if (!SYMBOL.test(symbol)) issues.push({ field: 'symbol', message: 'must be a B3 ticker like PETR4 or WINZ26' });
  if (!Number.isInteger(request.quantity) || request.quantity < 1 || request.quantity > MAX_QUANTITY) {
    issues.push({ field: 'quantity', message: `must be a whole number from 1 to ${MAX_QUANTITY}` });
  }

  const price = (field: 'limitPrice' | 'stopPrice', required: boolean, absentReason: string): string | null => {
    const raw = request[field];
    if (raw === undefined || raw === null) {
      if (required) issues.push({ field, message: `is required for ${request.type} orders` });
      return null;
    }
    if (!required) {
      issues.push({ field, message: absentReason });
      return null;
    }
    const parsed = parsePrice(raw.trim());
    if (!parsed.ok) {
      issues.push({ field, message: PRICE_PROBLEM_MESSAGES[parsed.problem] });
      return null;
    }
    return parsed.price;
  };
  const limitPrice = price('limitPrice', request.type !== 'MARKET', 'must be empty for MARKET orders');
  const stopPrice = price('stopPrice', request.type === 'STOP_LIMIT', 'is only for STOP_LIMIT orders');

  return {
    order: { symbol, side: request.side, type: request.type, quantity: request.quantity, limitPrice, stopPrice },
    issues,
  };
}
