import { parsePrice, type Price, type PriceProblem } from '@b3/kit';
import { instrumentRules, isOnTick, type Instrument } from './instrument-rules';
import {
  hasLimitPrice,
  hasStopPrice,
  isOrderSide,
  isOrderType,
  isTimeInForce,
  isWorking,
  type IdempotencyKey,
  type Order,
  type OrderSide,
  type OrderType,
  type TickerSymbol,
  type TimeInForce,
} from './order-model';
import { decimalPlaces, parsePriceUnits } from './money';

/**
 * Everything a new order or a replace must satisfy before it may reach the risk engine. Failures the trader
 * can fix come back as a typed result listing every problem at once (one round trip to fix a ticket), never
 * as exceptions (STYLE.md: result types for user errors).
 *
 * Decisions, each with its reason:
 * - Quantity is a whole number from 1 to 999,999 and a multiple of the instrument's lot (instrument-rules.ts).
 * - Prices are positive, have at most 2 decimals and sit on the instrument's tick grid. Padding zeros do not
 *   count ("38.500" is 38.5), as in the kit's `parsePrice`.
 * - Which prices an order carries: MARKET none; LIMIT a limit `price`; STOP a `stopPrice` (trigger) only;
 *   STOP_LIMIT both. A price the type does not use is an error, not ignored: a trader who typed one
 *   believes it protects them.
 * - STOP_LIMIT relation, as B3 stop-limit orders work: a BUY stop triggers when the market rises to the stop,
 *   and its limit is the most the trader will pay after that, so limit ≥ stop; a SELL stop triggers when the
 *   market falls to the stop, so limit ≤ stop. Equal is allowed (a plain "stop at this price"). Otherwise the
 *   order would be unfillable the moment it triggers.
 * - Time in force by type (ALLOWED_TIME_IN_FORCE): MARKET takes DAY, IOC or FOK, never GTC, because a market
 *   order left resting would execute in a later session at a price nobody chose. IOC and FOK mean "now or
 *   never", which contradicts a stop that waits for its trigger, so STOP and STOP_LIMIT take DAY or GTC only.
 *   LIMIT takes all four.
 * - idempotencyKey: 8–64 characters of [A-Za-z0-9_-], used exactly as given (trimming could make two
 *   different keys collide). account: any non-blank text, trimmed. symbol: trimmed and upper-cased.
 */

export const MIN_ORDER_QUANTITY = 1;
export const MAX_ORDER_QUANTITY = 999_999;
export const MAX_PRICE_DECIMALS = 2;
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

export const ALLOWED_TIME_IN_FORCE: Readonly<Record<OrderType, readonly TimeInForce[]>> = {
  MARKET: ['DAY', 'IOC', 'FOK'],
  LIMIT: ['DAY', 'GTC', 'IOC', 'FOK'],
  STOP: ['DAY', 'GTC'],
  STOP_LIMIT: ['DAY', 'GTC'],
};

/** Which rule a field broke: tests and clients match on this, the message is for people. */
export const VALIDATION_RULES = [
  'REQUIRED',
  'NOT_ALLOWED',
  'MALFORMED',
  'NOT_POSITIVE',
  'TOO_LARGE',
  'TOO_MANY_DECIMALS',
  'OFF_TICK',
  'OUT_OF_RANGE',
  'NOT_A_LOT_MULTIPLE',
  'UNKNOWN_SYMBOL',
  'UNKNOWN_VALUE',
  'STOP_LIMIT_RELATION',
  'TIME_IN_FORCE',
  'NOT_WORKING',
  'BELOW_FILLED',
  'NO_CHANGE',
] as const;
export type ValidationRule = (typeof VALIDATION_RULES)[number];

export interface Issue<Field extends string> {
  field: Field;
  rule: ValidationRule;
  message: string;
}

/**
 * A new order as a client sends it. Enum fields are plain strings because this is the boundary where a
 * value from outside becomes one of our closed unions; prices are text so they never pass through a float.
 */
export interface OrderInput {
  idempotencyKey: string;
  account: string;
  symbol: string;
  side: string;
  type: string;
  timeInForce: string;
  quantity: number;
  price?: string | null;
  stopPrice?: string | null;
}
export type OrderField = keyof OrderInput;
export type OrderIssue = Issue<OrderField>;

/** The normalised fields of an order that passed every rule, ready for `createOrder`. */
export interface NewOrderFields {
  idempotencyKey: IdempotencyKey;
  account: string;
  symbol: TickerSymbol;
  side: OrderSide;
  type: OrderType;
  timeInForce: TimeInForce;
  quantity: number;
  price: Price | null;
  stopPrice: Price | null;
}

export type OrderValidation =
  | { ok: true; order: NewOrderFields; instrument: Instrument }
  | { ok: false; issues: OrderIssue[] };

const PRICE_PROBLEMS: Readonly<Record<PriceProblem, { rule: ValidationRule; message: string }>> = {
  MALFORMED: { rule: 'MALFORMED', message: 'must be a plain decimal like "38.01"' },
  NOT_POSITIVE: { rule: 'NOT_POSITIVE', message: 'must be greater than zero' },
  TOO_PRECISE: { rule: 'TOO_MANY_DECIMALS', message: `must have at most ${MAX_PRICE_DECIMALS} decimal places` },
  TOO_LARGE: { rule: 'TOO_LARGE', message: 'is too large' },
};

/**
 * Reads one price and reports at most one problem for it (the first in the order format, decimals, tick):
 * an off-grid price with 3 decimals needs one fix, not two messages about it.
 */
function checkPrice<F extends string>(field: F, raw: string, instrument: Instrument | null, issues: Issue<F>[]): Price | null {
  const parsed = parsePrice(raw.trim());
  if (!parsed.ok) {
    issues.push({ field, ...PRICE_PROBLEMS[parsed.problem] });
    return null;
  }
  if (decimalPlaces(parsed.price) > MAX_PRICE_DECIMALS) {
    issues.push({ field, rule: 'TOO_MANY_DECIMALS', message: `must have at most ${MAX_PRICE_DECIMALS} decimal places` });
    return null;
  }
  if (instrument && !isOnTick(parsed.price, instrument)) {
    issues.push({ field, rule: 'OFF_TICK', message: `must be a multiple of ${instrument.symbol}'s tick size ${instrument.tickSize}` });
    return null;
  }
  return parsed.price;
}

function checkQuantity<F extends string>(field: F, quantity: number, instrument: Instrument | null, issues: Issue<F>[]): boolean {
  if (!Number.isInteger(quantity) || quantity < MIN_ORDER_QUANTITY || quantity > MAX_ORDER_QUANTITY) {
    issues.push({ field, rule: 'OUT_OF_RANGE', message: `must be a whole number from ${MIN_ORDER_QUANTITY} to ${MAX_ORDER_QUANTITY.toLocaleString('en-US')}` });
    return false;
  }
  if (instrument && quantity % instrument.lotSize !== 0) {
    issues.push({ field, rule: 'NOT_A_LOT_MULTIPLE', message: `must be a multiple of ${instrument.symbol}'s lot size ${instrument.lotSize}` });
    return false;
  }
  return true;
}

/** Limit on the wrong side of the stop for a STOP_LIMIT order (see the module comment), else null. */
function stopLimitProblem(side: OrderSide, price: Price, stopPrice: Price): string | null {
  const limit = parsePriceUnits(price);
  const stop = parsePriceUnits(stopPrice);
  if (side === 'BUY' && limit < stop) return `a BUY stop-limit needs a limit price at or above the stop price ${stopPrice}`;
  if (side === 'SELL' && limit > stop) return `a SELL stop-limit needs a limit price at or below the stop price ${stopPrice}`;
  return null;
}

const isAbsent = (value: string | null | undefined): value is null | undefined => value === undefined || value === null;

/** Checks a new order and lists every problem, in the order of the fields of `OrderInput`. */
export function validateOrder(input: OrderInput): OrderValidation {
  const issues: OrderIssue[] = [];

  if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
    issues.push({ field: 'idempotencyKey', rule: 'MALFORMED', message: 'must be 8 to 64 characters of letters, digits, "_" or "-"' });
  }
  const account = input.account.trim();
  if (account === '') issues.push({ field: 'account', rule: 'REQUIRED', message: 'is required' });

  const symbol = input.symbol.trim().toUpperCase();
  const lookup = instrumentRules(symbol);
  if (!lookup.ok) issues.push({ field: 'symbol', rule: 'UNKNOWN_SYMBOL', message: lookup.issue });
  const instrument = lookup.ok ? lookup.instrument : null;

  const side = isOrderSide(input.side) ? input.side : null;
  if (!side) issues.push({ field: 'side', rule: 'UNKNOWN_VALUE', message: 'must be BUY or SELL' });
  const type = isOrderType(input.type) ? input.type : null;
  if (!type) issues.push({ field: 'type', rule: 'UNKNOWN_VALUE', message: 'must be MARKET, LIMIT, STOP or STOP_LIMIT' });
  const timeInForce = isTimeInForce(input.timeInForce) ? input.timeInForce : null;
  if (!timeInForce) {
    issues.push({ field: 'timeInForce', rule: 'UNKNOWN_VALUE', message: 'must be DAY, GTC, IOC or FOK' });
  } else if (type && !ALLOWED_TIME_IN_FORCE[type].includes(timeInForce)) {
    issues.push({ field: 'timeInForce', rule: 'TIME_IN_FORCE', message: `${type} orders take ${ALLOWED_TIME_IN_FORCE[type].join(', ')}, not ${timeInForce}` });
  }

  checkQuantity('quantity', input.quantity, instrument, issues);

  // Presence by type first; a price of an unknown type is still checked for format so its problems show now.
  const readPrice = (field: 'price' | 'stopPrice', usedBy: (t: OrderType) => boolean, name: string): Price | null => {
    const raw = input[field];
    if (type && !usedBy(type)) {
      if (!isAbsent(raw)) issues.push({ field, rule: 'NOT_ALLOWED', message: `must be empty: ${type} orders have no ${name}` });
      return null;
    }
    if (isAbsent(raw)) {
      if (type) issues.push({ field, rule: 'REQUIRED', message: `is required for ${type} orders` });
      return null;
    }
    return checkPrice(field, raw, instrument, issues);
  };
  const price = readPrice('price', hasLimitPrice, 'limit price');
  const stopPrice = readPrice('stopPrice', hasStopPrice, 'stop price');

  if (type === 'STOP_LIMIT' && side && price && stopPrice) {
    const problem = stopLimitProblem(side, price, stopPrice);
    if (problem) issues.push({ field: 'price', rule: 'STOP_LIMIT_RELATION', message: problem });
  }

  if (issues.length > 0 || !instrument || !side || !type || !timeInForce) return { ok: false, issues };
  return {
    ok: true,
    order: {
      idempotencyKey: input.idempotencyKey as IdempotencyKey,
      account,
      symbol: instrument.symbol,
      side,
      type,
      timeInForce,
      quantity: input.quantity,
      price,
      stopPrice,
    },
    instrument,
  };
}

/** A requested change to a working order; null or absent means "keep as is". */
export interface ReplaceInput {
  price?: string | null;
  quantity?: number | null;
}
export type ReplaceField = 'order' | 'price' | 'quantity';
export type ReplaceIssue = Issue<ReplaceField>;

/** Only the values that actually change, ready for a replace request (and, once confirmed, a REPLACE event). */
export interface ReplaceChange {
  price?: Price;
  quantity?: number;
}

export type ReplaceValidation = { ok: true; change: ReplaceChange } | { ok: false; issues: ReplaceIssue[] };

/**
 * Checks a replace (price and/or quantity) of an existing order, listing every problem.
 * - Only working orders (SUBMITTED, PARTIALLY_FILLED): a PENDING order is not at the broker yet, and a
 *   finished one has nothing to change.
 * - The new quantity must stay above the quantity already filled. Equal is refused too: it would leave a
 *   "working" order with nothing left to trade; that is a cancel, so the trader should cancel.
 * - Only LIMIT and STOP_LIMIT orders have a limit price to change; the stop (trigger) price is not
 *   replaceable here. A new STOP_LIMIT price keeps the stop/limit relation of `validateOrder`.
 * - A value equal to the current one is not a change; a replace that changes nothing is refused, since
 *   sending it would cost the order its queue priority for nothing.
 */
export function validateReplace(order: Order, input: ReplaceInput): ReplaceValidation {
  const issues: ReplaceIssue[] = [];
  const change: ReplaceChange = {};

  if (!isWorking(order.status)) {
    issues.push({ field: 'order', rule: 'NOT_WORKING', message: `a ${order.status} order cannot be replaced` });
  }
  const lookup = instrumentRules(order.symbol);
  if (!lookup.ok) issues.push({ field: 'order', rule: 'UNKNOWN_SYMBOL', message: lookup.issue });
  const instrument = lookup.ok ? lookup.instrument : null;

  let priceValid = true;
  if (!isAbsent(input.price)) {
    if (!hasLimitPrice(order.type)) {
      priceValid = false;
      issues.push({ field: 'price', rule: 'NOT_ALLOWED', message: `${order.type} orders have no limit price to replace` });
    } else {
      const price = checkPrice('price', input.price, instrument, issues);
      priceValid = price !== null;
      if (price && order.type === 'STOP_LIMIT' && order.stopPrice) {
        const problem = stopLimitProblem(order.side, price, order.stopPrice);
        if (problem) {
          priceValid = false;
          issues.push({ field: 'price', rule: 'STOP_LIMIT_RELATION', message: problem });
        }
      }
      if (price && priceValid && price !== order.price) change.price = price;
    }
  }

  let quantityValid = true;
  if (input.quantity !== undefined && input.quantity !== null) {
    quantityValid = checkQuantity('quantity', input.quantity, instrument, issues);
    if (quantityValid && input.quantity <= order.filledQuantity) {
      quantityValid = false;
      issues.push({ field: 'quantity', rule: 'BELOW_FILLED', message: `must be more than the ${order.filledQuantity} already filled` });
    }
    if (quantityValid && input.quantity !== order.quantity) change.quantity = input.quantity;
  }

  if (priceValid && quantityValid && change.price === undefined && change.quantity === undefined) {
    issues.push({ field: 'order', rule: 'NO_CHANGE', message: 'a replace must change the price or the quantity' });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, change };
}
