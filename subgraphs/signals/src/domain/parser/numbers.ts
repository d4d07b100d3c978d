import { parsePrice, type PriceProblem } from '@b3/kit';

/**
 * How one number token reads. Channels type prices Brazilian-style ("1.250,50", "38,5", "125.000") and
 * English-style ("1,250.50", "38.50", "0.25"), often both in the same feed, so the separators are read from
 * the shape of each number rather than from a fixed locale:
 *   - both "." and "," present: the last one is the decimal separator, the other must group by threes;
 *   - one kind repeated ("1.250.000", "1,250,000"): thousands groups;
 *   - one separator followed by 1, 2 or 4+ digits ("38,5", "38.50", "0,0125"): decimal;
 *   - one separator followed by exactly 3 digits ("125.000", "1,250"): ambiguous, unless a leading zero
 *     ("0,250") or more than three integer digits ("1250.000") rules grouping out. The message settles it
 *     (see resolveNumber).
 * Values are plain decimal strings ("1250.50"); canonicalPrice gives the stored form.
 */
export type NumberReading =
  | { readonly kind: 'exact'; readonly value: string }
  | { readonly kind: 'ambiguous'; readonly decimal: string; readonly grouped: string }
  | { readonly kind: 'malformed'; readonly text: string };

/** How to read an ambiguous "125.000": as thousands, as a decimal, or by comparing with the other prices. */
export type Magnitude = 'GROUPED' | 'DECIMAL' | null;

const NUMBER_SHAPE = /^\d+(?:[.,]\d+)*$/u;
const GROUPED: Readonly<Record<'.' | ',', RegExp>> = { '.': /^\d{1,3}(?:\.\d{3})+$/u, ',': /^\d{1,3}(?:,\d{3})+$/u };

const exact = (value: string): NumberReading => ({ kind: 'exact', value });

export function readNumber(text: string): NumberReading {
  const malformed: NumberReading = { kind: 'malformed', text };
  if (!NUMBER_SHAPE.test(text)) return malformed;
  const hasDot = text.includes('.');
  const hasComma = text.includes(',');
  if (!hasDot && !hasComma) return exact(text);

  if (hasDot && hasComma) {
    const decimalSeparator = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
    const groupSeparator = decimalSeparator === ',' ? '.' : ',';
    const at = text.lastIndexOf(decimalSeparator);
    const head = text.slice(0, at);
    if (!GROUPED[groupSeparator].test(head)) return malformed;
    return exact(`${head.split(groupSeparator).join('')}.${text.slice(at + 1)}`);
  }

  const separator = hasDot ? '.' : ',';
  const parts = text.split(separator);
  if (parts.length > 2) return GROUPED[separator].test(text) ? exact(parts.join('')) : malformed;
  const [integer, fraction] = parts as [string, string];
  if (fraction.length !== 3 || integer.startsWith('0') || integer.length > 3) return exact(`${integer}.${fraction}`);
  return { kind: 'ambiguous', decimal: `${integer}.${fraction}`, grouped: `${integer}${fraction}` };
}

/**
 * Settles a reading into a plain decimal, or null when it is malformed. An ambiguous number follows the
 * asset's magnitude when the asset has one (mini-index points are always thousands, DI rates never are);
 * otherwise the reading closest to the message's unambiguous prices wins ("Entrada 1.250,50 / Alvo 1.300"
 * is thousands, "Entrada 38,50 / Alvo 39.500" is a decimal); with nothing to compare against it is a
 * decimal, because a share or option quoted in the thousands is far less likely than one at 1.25.
 */
export function resolveNumber(reading: NumberReading, magnitude: Magnitude, references: readonly string[]): string | null {
  if (reading.kind === 'exact') return reading.value;
  if (reading.kind === 'malformed') return null;
  if (magnitude === 'GROUPED') return reading.grouped;
  if (magnitude === 'DECIMAL') return reading.decimal;
  const scales = references.map(Number).filter((value) => value > 0).map(Math.log10).sort((a, b) => a - b);
  if (scales.length === 0) return reading.decimal;
  // Magnitudes only (log10 of floats) decide which reading is nearer; the value itself stays exact text.
  const median = scales[Math.floor(scales.length / 2)] as number;
  const distance = (value: string): number => Math.abs(Math.log10(Number(value)) - median);
  return distance(reading.grouped) < distance(reading.decimal) ? reading.grouped : reading.decimal;
}

/** "125" → "125000", "1.5" → "1500", "0.0125" → "12.5": for "125k" and "125 mil" without a float. */
export function timesThousand(plain: string): string {
  const [integer = '0', fraction = ''] = plain.split('.');
  const padded = fraction.padEnd(3, '0');
  const rest = padded.slice(3);
  const whole = `${integer}${padded.slice(0, 3)}`.replace(/^0+(?=\d)/u, '');
  return rest ? `${whole}.${rest}` : whole;
}

export type CanonicalPrice = { readonly ok: true; readonly price: string } | { readonly ok: false; readonly problem: PriceProblem };

/** The kit's canonical price text ("38.50" → "38.5"); zero, too precise or too large numbers are problems. */
export function canonicalPrice(plain: string): CanonicalPrice {
  const parsed = parsePrice(plain);
  return parsed.ok ? { ok: true, price: parsed.price } : { ok: false, problem: parsed.problem };
}
