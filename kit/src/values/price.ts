/**
 * A price in its one canonical text form. Prices live in DECIMAL(18,4) columns and travel as strings, so
 * the type is a string that has been checked: positive, no sign, no exponent, no leading zeros, no trailing
 * fractional zeros ("38.5", "125005", "0.0001"). Two equal prices are therefore equal strings.
 */
export type Price = string & { readonly __brand: 'Price' };

export const PRICE_MAX_INTEGER_DIGITS = 14;
export const PRICE_MAX_SCALE = 4;

/** Why a text is not a price; callers word the message for their own users. */
export const PRICE_PROBLEMS = ['MALFORMED', 'NOT_POSITIVE', 'TOO_PRECISE', 'TOO_LARGE'] as const;
export type PriceProblem = (typeof PRICE_PROBLEMS)[number];

export type PriceParse = { ok: true; price: Price } | { ok: false; problem: PriceProblem };

const PLAIN_DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Reads a plain decimal ("0038.5000" → "38.5") without going through a float. Padding zeros do not count
 * against the digit limits, since they do not change the value. Problems are checked in a fixed order
 * (malformed, not positive, too precise, too large) so every caller reports the same one first.
 */
export function parsePrice(text: string): PriceParse {
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) return { ok: false, problem: 'MALFORMED' };
  const integer = match[1].replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (integer === '0' && fraction === '') return { ok: false, problem: 'NOT_POSITIVE' };
  if (fraction.length > PRICE_MAX_SCALE) return { ok: false, problem: 'TOO_PRECISE' };
  if (integer.length > PRICE_MAX_INTEGER_DIGITS) return { ok: false, problem: 'TOO_LARGE' };
  return { ok: true, price: (fraction ? `${integer}.${fraction}` : integer) as Price };
}

/** True only for the canonical form: "38.5" is a price, "38.50" and "038.5" are not. */
export function isPrice(value: unknown): value is Price {
  if (typeof value !== 'string') return false;
  const parsed = parsePrice(value);
  return parsed.ok && parsed.price === value;
}

/**
 * Removes the scale padding a DECIMAL column adds when read back as text ("38.0100" → "38.01",
 * "125005.0000" → "125005"). Integers are left alone: the zeros in "100" are not padding.
 */
export function normalizeDecimalString(value: string): string {
  if (!value.includes('.')) return value;
  const trimmed = value.replace(/0+$/, '');
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}

/**
 * Orders two non-negative plain decimals exactly, like a sort comparator (-1, 0 or 1). Padding is ignored,
 * so "38.50" equals "38.5"; anything that is not a plain decimal is a programming error and throws.
 */
export function comparePrices(a: string, b: string): -1 | 0 | 1 {
  const [ai, af] = digitsOf(a);
  const [bi, bf] = digitsOf(b);
  if (ai.length !== bi.length) return ai.length < bi.length ? -1 : 1;
  if (ai !== bi) return ai < bi ? -1 : 1;
  const width = Math.max(af.length, bf.length);
  const [ap, bp] = [af.padEnd(width, '0'), bf.padEnd(width, '0')];
  return ap === bp ? 0 : ap < bp ? -1 : 1;
}

/** Integer digits without leading zeros (so equal lengths mean equal magnitudes) and the raw fraction. */
function digitsOf(value: string): [string, string] {
  const match = PLAIN_DECIMAL.exec(value);
  if (!match) throw new RangeError(`Not a plain decimal: ${JSON.stringify(value)}`);
  return [match[1].replace(/^0+/, ''), match[2] ?? ''];
}
