import type { Price } from '@b3/kit';
import {
  addBrl,
  type ExactBrl,
  formatPriceUnits,
  type Multiplier,
  parsePriceUnits,
  pointsToBrl,
  type PriceUnits,
  roundHalfEven,
  ZERO_BRL,
} from './money';

/**
 * A position per (account, symbol), built by applying fills in the order they happened.
 *
 * Method: AVERAGE PRICE (preço médio). It is what B3 investors see on their broker and B3 statements,
 * and what the Receita Federal requires for capital-gains tax on stocks: buys raise or lower the average,
 * sells realize (sale price − average) × quantity and leave the average unchanged. Using the same method
 * means the P&L a trader sees here agrees with the number they declare. FIFO, the usual alternative
 * (each sale matched against the oldest open lot), gives the same total over a closed round trip but a
 * different split between realized and unrealized while a position is open, and would need a lot list
 * instead of one cost figure.
 *
 * Signs: the net quantity is signed (long > 0, short < 0), and so is the cost basis, so one set of
 * formulas serves both sides: average = costBasis / netQuantity is always positive.
 *
 * Exactness: the position keeps its total cost basis as a bigint (PriceUnits × quantity, i.e. the exact
 * sum of what the open quantity cost), never a rounded average. The displayed average is derived from it
 * and rounded half-even to 4 decimals only for display. Realized P&L is computed from the basis:
 * - adding: basis += price × quantity; nothing is rounded.
 * - reducing by q of N: the basis released is basis × q / N. That is only whole when N divides
 *   basis × q; otherwise it is rounded half-even to one PriceUnit (0.0001 point for the whole fill,
 *   not per share), and the remainder stays in the basis of what is still open. Nothing is lost: at every
 *   moment realized − basis equals the exact sum of the fills' cash flows, so realized + unrealized at a
 *   mark is exactly the cash result, and once the position is flat the realized total is exactly the
 *   cash result of every fill. That is the "no drift" guarantee: rounding is carried, never accumulated.
 *   The visible cost: after a partial reduction with such a remainder, the exact average of what is left
 *   moves by at most 0.00005 / (quantity still open), so the displayed average can move by 0.0001. It
 *   always stays between the lowest and highest prices of the fills that opened it, because the basis
 *   left is rounded to a whole PriceUnit and lowest (or highest) price × quantity left is itself whole,
 *   so the rounding cannot cross it.
 * - crossing zero: the whole position closes at its average (the whole basis is released, so nothing is
 *   rounded), and the rest of the fill opens a new position at the fill price.
 *
 * Idempotency: a fill is identified by its fillId alone (the venue's trade id). A second fill with an id
 * already applied is ignored, because the bridge may deliver the same callback twice or replay it after a
 * reconnect. The ids are kept for the life of the position, including after it goes flat, since a
 * duplicate of the fill that closed a position must not reopen it.
 *
 * Positions are immutable values: applyFill returns a new one. That copies the id set (O(fills) per fill),
 * which is microseconds for a day's fills on one symbol and keeps every earlier snapshot valid for the
 * daily P&L baseline.
 */

export const FILL_SIDES = ['BUY', 'SELL'] as const;
/** Same values as the order side; declared here so positions do not depend on the order model. */
export type FillSide = (typeof FILL_SIDES)[number];

export interface Fill {
  readonly fillId: string;
  readonly side: FillSide;
  /** Whole units (shares or contracts), positive; the side gives the direction. */
  readonly quantity: number;
  /** A plain decimal with at most 4 places ("10.00", "125005"). */
  readonly price: string;
  readonly time: Date;
}

export type PositionSide = 'LONG' | 'SHORT' | 'FLAT';

export interface Position {
  readonly account: string;
  readonly symbol: string;
  /** BRL per price point, fixed for the life of the position. */
  readonly multiplier: Multiplier;
  /** Signed: long > 0, short < 0, flat 0. */
  readonly netQuantity: number;
  /** Exact cost of the open quantity in PriceUnits × quantity, signed like netQuantity; 0 when flat. */
  readonly costBasis: bigint;
  /** costBasis / netQuantity rounded half-even to 4 decimals, for display; null when flat. */
  readonly averagePrice: Price | null;
  /** Realized P&L since the position was created, exact. */
  readonly realizedPnl: ExactBrl;
  readonly lastFillPrice: Price | null;
  readonly lastFillTime: Date | null;
  readonly fillIds: ReadonlySet<string>;
}

export type FillOutcome = 'APPLIED' | 'DUPLICATE';

export interface ApplyFillResult {
  readonly position: Position;
  readonly outcome: FillOutcome;
}

/** A flat position with no history. The multiplier comes from the instrument's rules. */
export function emptyPosition(account: string, symbol: string, multiplier: Multiplier): Position {
  if (!account) throw new RangeError('A position needs an account');
  if (!symbol) throw new RangeError('A position needs a symbol');
  if (multiplier <= 0n) throw new RangeError('A multiplier must be positive');
  return {
    account,
    symbol,
    multiplier,
    netQuantity: 0,
    costBasis: 0n,
    averagePrice: null,
    realizedPnl: ZERO_BRL,
    lastFillPrice: null,
    lastFillTime: null,
    fillIds: new Set<string>(),
  };
}

/**
 * Applies one fill. Fills come from the bridge already converted to domain values, so a malformed one is
 * a bug and throws; a repeated fillId is an expected event and returns the position unchanged.
 */
export function applyFill(position: Position, fill: Fill): ApplyFillResult {
  if (position.fillIds.has(fill.fillId)) return { position, outcome: 'DUPLICATE' };
  const price = checkFill(fill);
  const fillIds = new Set(position.fillIds).add(fill.fillId);
  return { position: { ...position, ...trade(position, fill, price), fillIds }, outcome: 'APPLIED' };
}

/** Applies fills in order, copying the id set once rather than once per fill (rebuilding from storage). */
export function applyFills(position: Position, fills: Iterable<Fill>): Position {
  const fillIds = new Set(position.fillIds);
  let current: Position = position;
  for (const fill of fills) {
    if (fillIds.has(fill.fillId)) continue;
    const price = checkFill(fill);
    fillIds.add(fill.fillId);
    current = { ...current, ...trade(current, fill, price) };
  }
  return { ...current, fillIds };
}

export function positionFromFills(account: string, symbol: string, multiplier: Multiplier, fills: Iterable<Fill>): Position {
  return applyFills(emptyPosition(account, symbol, multiplier), fills);
}

export function positionSide(position: Position): PositionSide {
  return position.netQuantity > 0 ? 'LONG' : position.netQuantity < 0 ? 'SHORT' : 'FLAT';
}

/**
 * Unrealized P&L at a mark (the market's last trade, or a settlement price): (mark − average) × net ×
 * multiplier, computed as (net × mark − costBasis) × multiplier so the exact basis is used, not the
 * rounded average. Exact; round with brlAmount for display.
 */
export function unrealizedPnl(position: Position, mark: string): ExactBrl {
  if (position.netQuantity === 0) return ZERO_BRL;
  const markUnits = parsePriceUnits(mark);
  return pointsToBrl(BigInt(position.netQuantity) * markUnits - position.costBasis, position.multiplier);
}

/** The parts of a position a fill changes. */
type TradeState = Pick<Position, 'netQuantity' | 'costBasis' | 'averagePrice' | 'realizedPnl' | 'lastFillPrice' | 'lastFillTime'>;

function trade(position: Position, fill: Fill, price: PriceUnits): TradeState {
  const net = BigInt(position.netQuantity);
  const signed = fill.side === 'BUY' ? BigInt(fill.quantity) : -BigInt(fill.quantity);
  let basis = position.costBasis;
  let realizedPoints = 0n;

  if (net === 0n || net > 0n === signed > 0n) {
    // Opening or adding: the new quantity costs exactly price × quantity.
    basis += signed * price;
  } else {
    // Reducing, possibly through zero. `closing` has the sign of the position being closed.
    const closing = abs(signed) >= abs(net) ? net : -signed;
    const released = closing === net ? basis : roundHalfEven(basis * closing, net);
    // Closing a long sells at `price` (cash in), closing a short buys at `price` (cash out): price ×
    // closing − released is (exit − average) × quantity with the sign right for both sides.
    realizedPoints = price * closing - released;
    basis -= released;
    const opening = signed + closing;
    // Whatever is left of the fill after the old position is flat opens a new one at the fill price.
    basis += opening * price;
  }

  const netQuantity = net + signed;
  if (netQuantity === 0n && basis !== 0n) throw new Error('Position invariant broken: flat with a cost basis');
  const nextNet = Number(netQuantity);
  if (!Number.isSafeInteger(nextNet)) throw new RangeError(`Net quantity ${netQuantity} is out of range`);
  return {
    netQuantity: nextNet,
    costBasis: basis,
    averagePrice: netQuantity === 0n ? null : formatPriceUnits(roundHalfEven(basis, netQuantity) as PriceUnits),
    realizedPnl: addBrl(position.realizedPnl, pointsToBrl(realizedPoints, position.multiplier)),
    lastFillPrice: formatPriceUnits(price),
    lastFillTime: fill.time,
  };
}

function checkFill(fill: Fill): PriceUnits {
  if (!fill.fillId) throw new RangeError('A fill needs a fillId');
  if (!(FILL_SIDES as readonly string[]).includes(fill.side)) throw new RangeError(`Unknown fill side ${String(fill.side)}`);
  if (!Number.isSafeInteger(fill.quantity) || fill.quantity <= 0) {
    throw new RangeError(`Fill ${fill.fillId} has quantity ${fill.quantity}; it must be a positive whole number`);
  }
  if (!(fill.time instanceof Date) || Number.isNaN(fill.time.getTime())) throw new RangeError(`Fill ${fill.fillId} has no valid time`);
  return parsePriceUnits(fill.price);
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}
