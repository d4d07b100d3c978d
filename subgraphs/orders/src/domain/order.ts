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
// The store keeps prices as DECIMAL(18,4): 14 integer digits and 4 decimals.
const PRICE = /^(\d+)(?:\.(\d+))?$/;

/** Canonical form of a positive price ("0038.50" → "38.5"), or why it is not one. */
function checkPrice(raw: string): { price: string } | { problem: string } {
  const match = PRICE.exec(raw.trim());
  if (!match) return { problem: 'must be a positive decimal like "38.01"' };
  const integer = match[1].replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (integer === '0' && fraction === '') return { problem: 'must be greater than zero' };
  if (fraction.length > 4) return { problem: 'must have at most 4 decimal places' };
  if (integer.length > 14) return { problem: 'must have at most 14 digits before the decimal point' };
  return { price: fraction ? `${integer}.${fraction}` : integer };
}

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
    const checked = checkPrice(raw);
    if ('problem' in checked) {
      issues.push({ field, message: checked.problem });
      return null;
    }
    return checked.price;
  };
  const limitPrice = price('limitPrice', request.type !== 'MARKET', 'must be empty for MARKET orders');
  const stopPrice = price('stopPrice', request.type === 'STOP_LIMIT', 'is only for STOP_LIMIT orders');

  return {
    order: { symbol, side: request.side, type: request.type, quantity: request.quantity, limitPrice, stopPrice },
    issues,
  };
}
