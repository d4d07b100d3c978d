/**
 * Exact decimal arithmetic on text such as "38.5" or "-0.0125": a scaled BigInt, never a float. Prices,
 * money and anything this subgraph stores go through here; indicator maths runs on numbers and is only
 * rounded into text at the edge (see fromNumber).
 */
export interface Fixed {
  readonly units: bigint;
  readonly scale: number;
}

const PLAIN = /^(-)?(\d+)(?:\.(\d+))?$/;

export function parseFixed(text: string): Fixed {
  const match = PLAIN.exec(text.trim());
  if (!match) throw new RangeError(`Not a plain decimal: ${JSON.stringify(text)}`);
  const fraction = match[3] ?? '';
  const units = BigInt(`${match[2]}${fraction}`);
  return { units: match[1] ? -units : units, scale: fraction.length };
}

export function isPlainDecimal(text: string): boolean {
  return PLAIN.test(text.trim());
}

const TEN = 10n;
const pow10 = (n: number): bigint => TEN ** BigInt(n);

function rescale(value: Fixed, scale: number): bigint {
  return value.units * pow10(scale - value.scale);
}

function aligned(a: Fixed, b: Fixed): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [rescale(a, scale), rescale(b, scale), scale];
}

export function add(a: Fixed, b: Fixed): Fixed {
  const [x, y, scale] = aligned(a, b);
  return { units: x + y, scale };
}

export function sub(a: Fixed, b: Fixed): Fixed {
  const [x, y, scale] = aligned(a, b);
  return { units: x - y, scale };
}

export function mul(a: Fixed, b: Fixed): Fixed {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function abs(a: Fixed): Fixed {
  return a.units < 0n ? { units: -a.units, scale: a.scale } : a;
}

export function compare(a: Fixed, b: Fixed): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  return x === y ? 0 : x < y ? -1 : 1;
}

export const min = (a: Fixed, b: Fixed): Fixed => (compare(a, b) <= 0 ? a : b);
export const max = (a: Fixed, b: Fixed): Fixed => (compare(a, b) >= 0 ? a : b);

export function fromInteger(n: number | bigint): Fixed {
  return { units: BigInt(n), scale: 0 };
}

/** Integer division rounding half away from zero. */
function divRound(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const [n, d] = [numerator < 0n ? -numerator : numerator, denominator < 0n ? -denominator : denominator];
  const quotient = (n * 2n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/** a / b rounded half away from zero to `scale` decimals (as the market rounds VWAP). */
export function divide(a: Fixed, b: Fixed, scale: number): Fixed {
  if (b.units === 0n) throw new RangeError('Division by zero');
  // a/b = (a.units / 10^a.scale) / (b.units / 10^b.scale); shifted so the quotient carries `scale` decimals
  const numerator = a.units * pow10(scale + b.scale);
  const denominator = b.units * pow10(a.scale);
  return { units: divRound(numerator, denominator), scale };
}

/** ⌊a / b⌋ for a ≥ 0 and b > 0: how many whole b fit in a (share counts, never rounded up). */
export function wholeTimes(a: Fixed, b: Fixed): bigint {
  if (b.units <= 0n) throw new RangeError('Divisor must be positive');
  if (a.units <= 0n) return 0n;
  const [x, y] = aligned(a, b);
  return x / y;
}

/** Rounded half away from zero to at most `scale` decimals. */
export function round(a: Fixed, scale: number): Fixed {
  if (a.scale <= scale) return a;
  return { units: divRound(a.units, pow10(a.scale - scale)), scale };
}

/** Canonical text: no exponent, no trailing fractional zeros, "-0" as "0". */
export function formatFixed(a: Fixed): string {
  const negative = a.units < 0n;
  const digits = (negative ? -a.units : a.units).toString().padStart(a.scale + 1, '0');
  const integer = digits.slice(0, digits.length - a.scale);
  const fraction = digits.slice(digits.length - a.scale).replace(/0+$/, '');
  const text = fraction ? `${integer}.${fraction}` : integer;
  return negative && text !== '0' ? `-${text}` : text;
}

/**
 * A float (an indicator's output) as canonical text with at most `scale` decimals. Going through
 * toFixed keeps the text stable for a given float, so what is stored never shows binary noise.
 */
export function fromNumber(value: number, scale = 4): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  return formatFixed(parseFixed(value.toFixed(scale)));
}

/** Convenience for text in, text out. */
export const decimal = {
  sub: (a: string, b: string): string => formatFixed(sub(parseFixed(a), parseFixed(b))),
  add: (a: string, b: string): string => formatFixed(add(parseFixed(a), parseFixed(b))),
  abs: (a: string): string => formatFixed(abs(parseFixed(a))),
  compare: (a: string, b: string): -1 | 0 | 1 => compare(parseFixed(a), parseFixed(b)),
};
