/**
 * Exact signed decimals for the risk checks: a value is `units / 10^scale` with bigint units, so money,
 * prices and percentages never pass through a float. The kit's `Price` is positive-only text; risk also
 * needs negative P&L and products (price × quantity × multiplier), hence this small arithmetic core.
 * Kept inside `risk/` until a second domain needs it (the kit takes code on its third copy).
 */
export interface Fixed {
  readonly units: bigint;
  readonly scale: number;
}

/** Enough for DECIMAL(18,4) prices times a 4-decimal multiplier times a percentage, with room to spare. */
const MAX_SCALE = 24;
const POW10: readonly bigint[] = Array.from({ length: MAX_SCALE * 2 + 3 }, (_, i) => 10n ** BigInt(i));
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

export const ZERO: Fixed = { units: 0n, scale: 0 };

/** Reads "-12.50" or "100" exactly; null for anything else (exponents, spaces, empty fractions). */
export function tryParseFixed(text: string): Fixed | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const fraction = match[3] ?? '';
  if (fraction.length > MAX_SCALE) return null;
  const magnitude = BigInt(match[2] + fraction);
  return { units: match[1] === '-' ? -magnitude : magnitude, scale: fraction.length };
}

/** For values the caller already validated: a malformed one here is a programming error, so it throws. */
export function parseFixed(text: string, what = 'value'): Fixed {
  const parsed = tryParseFixed(text);
  if (!parsed) throw new RangeError(`${what} is not a plain decimal: ${JSON.stringify(text)}`);
  return parsed;
}

export function fromInteger(value: number): Fixed {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a safe integer: ${value}`);
  return { units: BigInt(value), scale: 0 };
}

function pow10(exponent: number): bigint {
  return POW10[exponent] ?? 10n ** BigInt(exponent);
}

/** Both values' units at the larger of the two scales, so they can be added or compared as integers. */
function aligned(a: Fixed, b: Fixed): [bigint, bigint, number] {
  if (a.scale === b.scale) return [a.units, b.units, a.scale];
  if (a.scale > b.scale) return [a.units, b.units * pow10(a.scale - b.scale), a.scale];
  return [a.units * pow10(b.scale - a.scale), b.units, b.scale];
}

export function compareFixed(a: Fixed, b: Fixed): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  return x === y ? 0 : x < y ? -1 : 1;
}

export function addFixed(a: Fixed, b: Fixed): Fixed {
  const [x, y, scale] = aligned(a, b);
  return { units: x + y, scale };
}

export function subFixed(a: Fixed, b: Fixed): Fixed {
  const [x, y, scale] = aligned(a, b);
  return { units: x - y, scale };
}

export function mulFixed(a: Fixed, b: Fixed): Fixed {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function negFixed(a: Fixed): Fixed {
  return { units: -a.units, scale: a.scale };
}

export function absFixed(a: Fixed): Fixed {
  return a.units < 0n ? negFixed(a) : a;
}

/** Divides by 10^digits exactly (a percentage is `/ 100`): only the scale moves. */
export function shiftFixed(a: Fixed, digits: number): Fixed {
  return { units: a.units, scale: a.scale + digits };
}

/** Decimal places, ignoring trailing zeros: "100.50" has 1. */
export function significantScale(a: Fixed): number {
  let { units, scale } = a;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return scale;
}

/** Canonical text: no trailing fractional zeros and no "-0", so equal values print equal ("38.5", "-12", "0"). */
export function formatFixed(a: Fixed): string {
  let { units, scale } = a;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString();
  if (scale === 0) return negative ? `-${digits}` : digits;
  const padded = digits.padStart(scale + 1, '0');
  const text = `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
  return negative ? `-${text}` : text;
}
