import { compareFixed, type Fixed, formatFixed, parseFixed, significantScale, tryParseFixed } from './fixed-point';

/**
 * One account's pre-trade limits. Money and percentages are exact decimal strings (as the `Decimal`
 * scalar carries them), counts are integers. An admin edits them; the store keeps every version.
 */
export interface RiskLimits {
  /** BRL. Orders are refused once realized + unrealized loss today reaches it, and the kill switch trips. */
  readonly dailyLossLimit: string;
  /** Largest absolute net position per symbol, in contracts or shares, after the order fills. */
  readonly maxPositionPerSymbol: number;
  readonly maxOrderQuantity: number;
  /** BRL: price (or last trade for MARKET) × quantity × contract multiplier. */
  readonly maxOrderNotional: string;
  /** LIMIT and STOP_LIMIT prices must lie within ± this percentage of the last trade. */
  readonly priceBandPct: string;
  /** Approved orders per account in any sliding one-second window. */
  readonly maxOrdersPerSecond: number;
}

export const RISK_LIMIT_FIELDS = [
  'dailyLossLimit',
  'maxPositionPerSymbol',
  'maxOrderQuantity',
  'maxOrderNotional',
  'priceBandPct',
  'maxOrdersPerSecond',
] as const satisfies readonly (keyof RiskLimits)[];
export type RiskLimitField = (typeof RISK_LIMIT_FIELDS)[number];

/**
 * What a new account starts with. Deliberately tight placeholders (a desk sets real ones per account):
 * a new account should be able to trade a few lots, not blow through a month's budget in a morning.
 */
export const DEFAULT_RISK_LIMITS: RiskLimits = Object.freeze({
  dailyLossLimit: '10000',
  maxPositionPerSymbol: 10_000,
  maxOrderQuantity: 5_000,
  maxOrderNotional: '1000000',
  priceBandPct: '10',
  maxOrdersPerSecond: 10,
});

/** The issue's range for the daily loss limit, in BRL. */
export const DAILY_LOSS_LIMIT_MIN = '100';
export const DAILY_LOSS_LIMIT_MAX = '1000000';
/** Order quantities run 1–999,999 (issue 6), so a larger per-order cap would mean nothing. */
export const MAX_ORDER_QUANTITY_CEILING = 999_999;
/** Keeps position sums far inside Number.MAX_SAFE_INTEGER, so net positions stay plain integers. */
export const MAX_POSITION_CEILING = 1_000_000_000;
export const MAX_ORDER_NOTIONAL_CEILING = '1000000000000';
/** Above a few hundred per second no human is trading; the ceiling catches a typo like 10000. */
export const MAX_ORDERS_PER_SECOND_CEILING = 1_000;

export type RiskLimitsInput = { readonly [K in RiskLimitField]?: RiskLimits[K] };

export interface RiskLimitIssue {
  field: RiskLimitField;
  message: string;
}

export type RiskLimitsValidation = { ok: true; limits: RiskLimits } | { ok: false; issues: RiskLimitIssue[] };

const LOSS_MIN = parseFixed(DAILY_LOSS_LIMIT_MIN);
const LOSS_MAX = parseFixed(DAILY_LOSS_LIMIT_MAX);
const NOTIONAL_MIN = parseFixed('1');
const NOTIONAL_MAX = parseFixed(MAX_ORDER_NOTIONAL_CEILING);
const PCT_MIN_EXCLUSIVE = parseFixed('0');
const PCT_MAX = parseFixed('100');

/**
 * Checks an admin's edit and lists every problem by field (in RISK_LIMIT_FIELDS order), so the form can
 * show them all at once. Fields left out keep their value from `base` (the account's current limits), so
 * an edit can touch one field. Decimals come back canonical ("100.50" → "100.5"), so equal limits are
 * equal strings in the history.
 */
export function validateLimits(input: RiskLimitsInput, base: RiskLimits = DEFAULT_RISK_LIMITS): RiskLimitsValidation {
  const issues: RiskLimitIssue[] = [];
  const merged = { ...base, ...stripUndefined(input) };

  const money = (field: 'dailyLossLimit' | 'maxOrderNotional', min: Fixed, max: Fixed, range: string): string => {
    const value = readDecimal(merged[field]);
    if (!value) {
      issues.push({ field, message: 'must be a decimal amount in BRL like "5000" or "2500.50"' });
      return merged[field];
    }
    // centavos are the smallest BRL amount; a limit in fractions of a centavo is a typo
    if (significantScale(value) > 2) issues.push({ field, message: 'must have at most 2 decimal places' });
    else if (compareFixed(value, min) < 0 || compareFixed(value, max) > 0) issues.push({ field, message: `must be between ${range} BRL` });
    return formatFixed(value);
  };
  const count = (field: 'maxPositionPerSymbol' | 'maxOrderQuantity' | 'maxOrdersPerSecond', min: number, max: number): void => {
    const value = merged[field];
    if (!Number.isInteger(value) || value < min || value > max) {
      issues.push({ field, message: `must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}` });
    }
  };

  const dailyLossLimit = money('dailyLossLimit', LOSS_MIN, LOSS_MAX, '100 and 1,000,000');
  // 0 is allowed: with nothing to hold, the position rule still lets risk-reducing orders through
  count('maxPositionPerSymbol', 0, MAX_POSITION_CEILING);
  count('maxOrderQuantity', 1, MAX_ORDER_QUANTITY_CEILING);
  const maxOrderNotional = money('maxOrderNotional', NOTIONAL_MIN, NOTIONAL_MAX, '1 and 1,000,000,000,000');

  let priceBandPct = merged.priceBandPct;
  const pct = readDecimal(priceBandPct);
  if (!pct) issues.push({ field: 'priceBandPct', message: 'must be a percentage like "10" or "2.5"' });
  else if (significantScale(pct) > 2) issues.push({ field: 'priceBandPct', message: 'must have at most 2 decimal places' });
  // above 100 % the lower edge of the band would be a negative price, i.e. no band at all
  else if (compareFixed(pct, PCT_MIN_EXCLUSIVE) <= 0 || compareFixed(pct, PCT_MAX) > 0) {
    issues.push({ field: 'priceBandPct', message: 'must be greater than 0 and at most 100' });
  } else priceBandPct = formatFixed(pct);
  count('maxOrdersPerSecond', 1, MAX_ORDERS_PER_SECOND_CEILING);

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    limits: Object.freeze({
      dailyLossLimit,
      maxPositionPerSymbol: merged.maxPositionPerSymbol,
      maxOrderQuantity: merged.maxOrderQuantity,
      maxOrderNotional,
      priceBandPct,
      maxOrdersPerSecond: merged.maxOrdersPerSecond,
    }),
  };
}

/** Limits are never negative, so a sign is refused here rather than reported as "out of range". */
function readDecimal(text: unknown): Fixed | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  if (trimmed.startsWith('-') || trimmed.startsWith('+')) return null;
  return tryParseFixed(trimmed);
}

/** `{ field: undefined }` from an optional GraphQL input must not wipe the base value. */
function stripUndefined(input: RiskLimitsInput): RiskLimitsInput {
  const out: { [K in RiskLimitField]?: RiskLimits[K] } = {};
  for (const field of RISK_LIMIT_FIELDS) {
    const value = input[field];
    if (value !== undefined) (out as Record<RiskLimitField, unknown>)[field] = value;
  }
  return out;
}
