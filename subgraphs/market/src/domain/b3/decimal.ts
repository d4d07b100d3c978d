import { type Check, invalid, valid } from './check';

/**
 * Exact decimals for B3 data. Values are stored as DECIMAL(18,6): at most 12 integer digits and 6 decimals,
 * enough for index points, BRL amounts, rates and vol fractions. They travel as canonical strings (no
 * leading zeros, no trailing fractional zeros: "15.00" → "15") and are compared as integers of 10⁻⁶ units,
 * never through a float.
 */
export const DECIMAL_SCALE = 6;
export const DECIMAL_MAX_INTEGER_DIGITS = 12;
const UNIT = 10n ** BigInt(DECIMAL_SCALE);

const PLAIN = /^-?\d+(\.\d+)?$/;
/** Decimal comma, with optional dot thousands groups: 15,00 · 5,4321 · 1.234,56. */
const DECIMAL_COMMA = /^-?(\d{1,3}(\.\d{3})+|\d+),\d+$/;
/** Two or more dot groups cannot be an international number: 1.234.567 is Brazilian for 1234567. */
const GROUPED_INTEGER = /^-?\d{1,3}(\.\d{3}){2,}$/;
/** 1.234 is 1.234 internationally but 1234 in Brazil. */
const ONE_DOT_GROUP = /^-?\d{1,3}\.\d{3}$/;
const US_GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** How the text of a number is read: JSON strings are always plain; CSV cells may be Brazilian. */
export type NumberStyle = 'plain' | 'csv';

/** True for a CSV cell written with a decimal comma: such a file is read as Brazilian (see readNumberText). */
export function hasDecimalComma(text: string): boolean {
  return DECIMAL_COMMA.test(text.trim());
}

/**
 * Reads the text of a number into a plain decimal ("1.234,56" → "1234.56"), deciding by its shape:
 * - a dot-only number is international ("5.4321", "130500");
 * - a comma is always the decimal separator, and dots before it group thousands ("15,00", "1.234,56");
 * - two or more dot groups without a comma are Brazilian thousands ("1.234.567");
 * - US thousands commas ("1,234.56") are refused rather than guessed;
 * - in a file that uses decimal commas, a single dot group ("1.234") could mean 1234 or 1.234 and is refused.
 * JSON strings (style 'plain') accept only the international form.
 */
export function readNumberText(raw: string, style: NumberStyle, fileUsesDecimalComma = false): Check<string> {
  const text = raw.trim();
  if (PLAIN.test(text)) {
    if (style === 'csv' && fileUsesDecimalComma && ONE_DOT_GROUP.test(text)) {
      return invalid(`${JSON.stringify(text)} is ambiguous in a file that uses decimal commas: write ${text.replace('.', '')},00 for thousands or ${text.replace('.', ',')} for a fraction`);
    }
    return valid(text);
  }
  if (style === 'plain') return invalid(`${JSON.stringify(text)} is not a plain decimal: write it like "1234.56"`);
  if (DECIMAL_COMMA.test(text)) return valid(text.replace(/\./g, '').replace(',', '.'));
  if (GROUPED_INTEGER.test(text)) return valid(text.replace(/\./g, ''));
  if (US_GROUPED.test(text)) return invalid(`${JSON.stringify(text)} uses US thousands separators, which are not accepted: write 1234.56 or 1.234,56`);
  return invalid(`${JSON.stringify(text)} is not a number: write it like 1234.56 or 1.234,56`);
}

/** "0038.500" → "38.5", "-0.0" → "0": one text per value. Input must match PLAIN. */
export function canonicalDecimal(plain: string): string {
  const negative = plain.startsWith('-');
  const [whole, fraction = ''] = (negative ? plain.slice(1) : plain).split('.');
  const integer = whole.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '');
  const body = decimals ? `${integer}.${decimals}` : integer;
  return negative && body !== '0' ? `-${body}` : body;
}

export function decimalToMicros(plain: string): bigint {
  const negative = plain.startsWith('-');
  const [whole, fraction = ''] = (negative ? plain.slice(1) : plain).split('.');
  if (fraction.length > DECIMAL_SCALE) throw new RangeError(`${plain} has more than ${DECIMAL_SCALE} decimals`);
  const units = BigInt(whole) * UNIT + BigInt(fraction.padEnd(DECIMAL_SCALE, '0'));
  return negative ? -units : units;
}

export function microsToDecimal(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  return canonicalDecimal(`${negative ? '-' : ''}${abs / UNIT}.${(abs % UNIT).toString().padStart(DECIMAL_SCALE, '0')}`);
}

export function compareDecimals(a: string, b: string): number {
  const [x, y] = [decimalToMicros(a), decimalToMicros(b)];
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Bounds on a decimal, exclusive unless said otherwise. */
export interface DecimalBounds {
  /** Smallest allowed value: "0" with minInclusive false means strictly positive. */
  min?: string;
  minInclusive?: boolean;
  max?: string;
  maxInclusive?: boolean;
  /** Whole numbers only. */
  integer?: boolean;
}

/** A plain decimal that fits DECIMAL(18,6) and the bounds, in canonical form. */
export function checkDecimal(plain: string, bounds: DecimalBounds = {}): Check<string> {
  if (!PLAIN.test(plain)) return invalid(`${JSON.stringify(plain)} is not a decimal`);
  const value = canonicalDecimal(plain);
  const [whole, fraction = ''] = value.replace('-', '').split('.');
  if (fraction.length > DECIMAL_SCALE) return invalid(`${value} has more than ${DECIMAL_SCALE} decimals`);
  if (whole.length > DECIMAL_MAX_INTEGER_DIGITS) return invalid(`${value} has more than ${DECIMAL_MAX_INTEGER_DIGITS} integer digits`);
  if (bounds.integer && fraction) return invalid(`${value} must be a whole number`);
  const units = decimalToMicros(value);
  if (bounds.min !== undefined) {
    const min = decimalToMicros(bounds.min);
    if (bounds.minInclusive ? units < min : units <= min) return invalid(`${value} must be ${bounds.minInclusive ? 'at least' : 'greater than'} ${bounds.min}`);
  }
  if (bounds.max !== undefined) {
    const max = decimalToMicros(bounds.max);
    if (bounds.maxInclusive ? units > max : units >= max) return invalid(`${value} must be ${bounds.maxInclusive ? 'at most' : 'less than'} ${bounds.max}`);
  }
  return valid(value);
}
