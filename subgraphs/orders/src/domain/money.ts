import type { Price } from '@b3/kit';

/**
 * Exact fixed-point arithmetic for positions and P&L. Every amount is a bigint count of a fixed unit, so
 * nothing goes through a float (STYLE.md smell 5) and sums never pick up binary rounding error.
 *
 * Units, and why they are what they are:
 * - PriceUnits: 1/10,000 of a price point. Prices are DECIMAL(18,4) in the database and the kit's `Price`
 *   allows 4 decimals, so every price is a whole number of these.
 * - Multiplier: 1/10,000 BRL per price point (stocks 1, WIN 0.20, WDO 10). Four decimals cover every B3
 *   contract size we know of, and a fixed scale keeps the product below at a fixed scale too.
 * - ExactBrl: 1/100,000,000 BRL. A price (scale 4) times a multiplier (scale 4) times a whole quantity is a
 *   whole number of these, so realized and unrealized P&L are kept exactly, with no rounding at all.
 * - Centavos: 1/100 BRL, for display and for anything a person reads. Rounding to centavos is half-even
 *   (banker's rounding) and happens once, on the exact total: half-up would bias a long series of
 *   ties upwards, and rounding parts before adding them would let totals drift from the sum of the parts.
 *
 * Brands stop a price being added to money by mistake; the arithmetic helpers below are the only casts.
 */
export const PRICE_SCALE = 4;
export const MULTIPLIER_SCALE = 4;
export const EXACT_BRL_SCALE = PRICE_SCALE + MULTIPLIER_SCALE;
export const MONEY_SCALE = 2;

export type PriceUnits = bigint & { readonly __unit: 'PRICE_1E-4' };
export type Multiplier = bigint & { readonly __unit: 'BRL_PER_POINT_1E-4' };
export type ExactBrl = bigint & { readonly __unit: 'BRL_1E-8' };
export type Centavos = bigint & { readonly __unit: 'BRL_1E-2' };

/** An amount as the domain hands it out: exact for sums and storage, centavos and text for people. */
export interface BrlAmount {
  readonly exact: ExactBrl;
  readonly centavos: Centavos;
  /** Two decimals, "-" for losses, never "-0.00": "225.00", "-75.00". */
  readonly text: string;
}

const SIGNED_DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Reads a plain decimal as a whole number of 10^-scale units. Trailing fractional zeros are padding
 * ("10.00" is 10), so they do not count against the scale; anything finer than the scale would need
 * rounding, and silently rounding an input is how money goes missing, so that throws instead.
 */
function parseScaled(text: string, scale: number, what: string, allowNegative: boolean): bigint {
  const match = SIGNED_DECIMAL.exec(text);
  if (!match || (match[1] && !allowNegative)) throw new RangeError(`Not a plain ${what}: ${JSON.stringify(text)}`);
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction.length > scale) throw new RangeError(`${what} ${JSON.stringify(text)} has more than ${scale} decimal places`);
  const magnitude = BigInt(match[2]) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
  return match[1] ? -magnitude : magnitude;
}

/** Writes 10^-scale units as a decimal with exactly `scale` places ("-0.50"); zero never gets a sign. */
function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/**
 * A price ("38.01", "125000", "10.00") as PriceUnits. Fills and marks reach the domain already checked by
 * the bridge or the order validation, so a malformed, non-positive or too-precise price here is a bug.
 */
export function parsePriceUnits(text: string): PriceUnits {
  const units = parseScaled(text, PRICE_SCALE, 'price', false);
  if (units <= 0n) throw new RangeError(`A price must be positive: ${JSON.stringify(text)}`);
  return units as PriceUnits;
}

/** PriceUnits in the kit's canonical `Price` form ("10.5", "125000"), so equal prices are equal strings. */
export function formatPriceUnits(units: PriceUnits): Price {
  if (units <= 0n) throw new RangeError(`A price must be positive, got ${units} units`);
  const text = formatScaled(units, PRICE_SCALE).replace(/\.?0+$/, '');
  return text as Price;
}

/**
 * A contract multiplier in BRL per price point ("1" for stocks, "0.20" for WIN, "10" for WDO). It comes
 * from the instrument's rules as an argument, never from a table here, so new contracts need no change.
 */
export function parseMultiplier(text: string): Multiplier {
  const units = parseScaled(text, MULTIPLIER_SCALE, 'multiplier', false);
  if (units <= 0n) throw new RangeError(`A multiplier must be positive: ${JSON.stringify(text)}`);
  return units as Multiplier;
}

/** The multiplier back as a plain decimal ("0.2"), for logs and the API. */
export function formatMultiplier(multiplier: Multiplier): string {
  return formatScaled(multiplier, MULTIPLIER_SCALE).replace(/\.?0+$/, '');
}

/**
 * numerator / denominator rounded to the nearest integer, ties to the even neighbour. Symmetric around
 * zero (a loss rounds exactly like the same gain), so long and short positions mirror each other.
 */
export function roundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  const twiceRemainder = (n % d) * 2n;
  if (twiceRemainder > d || (twiceRemainder === d && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}

/**
 * Points in PriceUnits (already multiplied by a quantity) times the contract multiplier, in exact BRL.
 * The scales add up to EXACT_BRL_SCALE, so this is a plain product with nothing to round.
 */
export function pointsToBrl(pointUnits: bigint, multiplier: Multiplier): ExactBrl {
  return (pointUnits * multiplier) as ExactBrl;
}

export const ZERO_BRL = 0n as ExactBrl;

export function addBrl(...amounts: readonly ExactBrl[]): ExactBrl {
  return amounts.reduce<bigint>((sum, amount) => sum + amount, 0n) as ExactBrl;
}

export function subtractBrl(a: ExactBrl, b: ExactBrl): ExactBrl {
  return (a - b) as ExactBrl;
}

/** Exact BRL rounded half-even to centavos: the one place where P&L is rounded. */
export function toCentavos(amount: ExactBrl): Centavos {
  return roundHalfEven(amount, 10n ** BigInt(EXACT_BRL_SCALE - MONEY_SCALE)) as Centavos;
}

export function formatCentavos(centavos: Centavos): string {
  return formatScaled(centavos, MONEY_SCALE);
}

export function brlAmount(amount: ExactBrl): BrlAmount {
  const centavos = toCentavos(amount);
  return { exact: amount, centavos, text: formatCentavos(centavos) };
}

/**
 * Exact BRL read from a decimal with up to 8 places ("225", "-0.165", "40.00"): how a store reads a
 * DECIMAL(28,8) column back, and how tests write expected values by hand.
 */
export function parseBrl(text: string): ExactBrl {
  return parseScaled(text, EXACT_BRL_SCALE, 'BRL amount', true) as ExactBrl;
}

/** Exact BRL with all 8 places ("-0.16500000"), for storage: the inverse of parseBrl. */
export function formatExactBrl(amount: ExactBrl): string {
  return formatScaled(amount, EXACT_BRL_SCALE);
}

/** Decimal places a canonical price actually uses: "38.5" → 1, "38.05" → 2, "125005" → 0. */
export function decimalPlaces(price: Price): number {
  const dot = price.indexOf('.');
  return dot < 0 ? 0 : price.length - dot - 1;
}

/** Whole-number quantity times a price, in price units: the exact notional in points (no multiplier). */
export const notionalUnits = (quantity: number, price: string): bigint => BigInt(quantity) * parsePriceUnits(price);
