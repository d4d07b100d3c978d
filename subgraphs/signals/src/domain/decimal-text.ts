import { parsePrice, type Price, PRICE_MAX_SCALE, type PriceProblem } from '@b3/kit';

/**
 * Numbers as people type them in Brazilian chat ("38,50", "125.000", "1.234,56") or in English
 * ("38.50", "1,234.56"), turned into kit Prices ("38.5", "125000", "1234.56") without ever going
 * through a float. Reading the separators is signals' own business; what makes a valid price is the kit's.
 */
export type DecimalText = { ok: true; value: Price } | { ok: false; problem: string };

const GROUPED = (sep: string): RegExp => new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`);
const THOUSANDS_DOT = GROUPED('.');
const THOUSANDS_COMMA = GROUPED(',');
const PROBLEM_WORDING: Readonly<Record<PriceProblem, string>> = {
  MALFORMED: 'has misplaced separators',
  NOT_POSITIVE: 'is not a positive price',
  TOO_PRECISE: `has more than ${PRICE_MAX_SCALE} decimal places`,
  TOO_LARGE: 'is too large',
};

/** Splits at the decimal separator and drops thousands separators, or null when the grouping is malformed. */
function split(text: string): { integer: string; fraction: string } | null {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    // Both present: whichever comes last separates the decimals ("1.234,56" or "1,234.56").
    const [decimalAt, thousands] = lastComma > lastDot ? [lastComma, THOUSANDS_DOT] : [lastDot, THOUSANDS_COMMA];
    const head = text.slice(0, decimalAt);
    if (!thousands.test(head) && !/^\d+$/.test(head)) return null;
    return { integer: head.replace(/[.,]/g, ''), fraction: text.slice(decimalAt + 1) };
  }
  if (lastComma >= 0) {
    // Brazilian decimal comma; a second comma has no meaning here.
    if (text.indexOf(',') !== lastComma) return null;
    return { integer: text.slice(0, lastComma), fraction: text.slice(lastComma + 1) };
  }
  if (lastDot >= 0) {
    // "125.000" and "1.234.567" are Brazilian thousands; any other single dot is a decimal point.
    if (THOUSANDS_DOT.test(text)) return { integer: text.replace(/\./g, ''), fraction: '' };
    if (text.indexOf('.') !== lastDot) return null;
    return { integer: text.slice(0, lastDot), fraction: text.slice(lastDot + 1) };
  }
  return { integer: text, fraction: '' };
}

export function parseDecimalText(text: string): DecimalText {
  if (!/^\d+([.,]\d+)*$/.test(text)) return { ok: false, problem: `"${text}" is not a number` };
  const parts = split(text);
  if (!parts || !/^\d+$/.test(parts.integer) || !/^\d*$/.test(parts.fraction)) {
    return { ok: false, problem: `"${text}" has misplaced separators` };
  }
  const parsed = parsePrice(parts.fraction ? `${parts.integer}.${parts.fraction}` : parts.integer);
  return parsed.ok ? { ok: true, value: parsed.price } : { ok: false, problem: `"${text}" ${PROBLEM_WORDING[parsed.problem]}` };
}
