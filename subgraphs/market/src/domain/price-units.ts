import { normalizeDecimalString } from '@b3/kit';

/**
 * Prices are stored as integers in units of 1/10,000 (B3 quotes have at most 4 decimals), so sums and
 * comparisons in either store are exact; only the edges convert to and from decimal strings.
 */
export const PRICE_SCALE = 4;
const FACTOR = 10n ** BigInt(PRICE_SCALE);

/** Whole parts up to 10 digits fit a double with 4 decimals exactly after rounding (|units| < 2^53). */
const FAST = /^\d{1,10}(\.\d{1,4})?$/;

export function priceToUnits(price: string): bigint {
  // hot path of ingest: the float product is within 0.5 unit of the exact value, so rounding recovers it
  if (FAST.test(price)) return BigInt(Math.round(Number(price) * 10_000));
  const negative = price.startsWith('-');
  const [whole, fraction = ''] = (negative ? price.slice(1) : price).split('.');
  if (fraction.length > PRICE_SCALE) throw new RangeError(`price ${price} has more than ${PRICE_SCALE} decimals`);
  const units = BigInt(whole || '0') * FACTOR + BigInt(fraction.padEnd(PRICE_SCALE, '0') || '0');
  return negative ? -units : units;
}

export function unitsToPrice(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const text = `${abs / FACTOR}.${(abs % FACTOR).toString().padStart(PRICE_SCALE, '0')}`;
  return normalizeDecimalString(negative ? `-${text}` : text);
}

/** `numerator / denominator` rounded half away from zero to whole units. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}
