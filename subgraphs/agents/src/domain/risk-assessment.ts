import type { CandleInterval } from './candle';
import { abs, add, compare, divide, formatFixed, fromInteger, mul, parseFixed, round, sub } from './decimal';
import type { TradeSide } from './trade-signal';

export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** A trade someone is considering; prices exact decimal text. */
export interface TradeProposal {
  readonly account: string;
  readonly symbol: string;
  readonly side: TradeSide;
  readonly quantity: number;
  /** The limit price it would be sent at. */
  readonly price: string;
  /** Where it would be stopped out; null: the agent proposes an ATR-based stop. */
  readonly stopPrice: string | null;
}

/** One pre-trade rule as the orders subgraph evaluated it (rule names are orders', passed through). */
export interface RuleOutcome {
  readonly rule: string;
  readonly passed: boolean;
  readonly limit: string | null;
  readonly actual: string | null;
  readonly message: string | null;
}

/** The account's side of the picture, as orders reports it. */
export interface AccountRisk {
  readonly limits: {
    readonly dailyLossLimit: string;
    readonly maxPositionPerSymbol: number;
    readonly maxOrderQuantity: number;
    readonly maxOrderNotional: string;
  };
  /** Net position in the proposal's symbol: positive long, negative short. */
  readonly position: number;
  /** The day's result in BRL (losses negative). */
  readonly dailyPnl: string;
}

export interface FieldIssue {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/** What orders answered about a proposal: every rule's outcome, or why it would not even be accepted. */
export type DeskReview =
  | { readonly kind: 'REVIEWED'; readonly approved: boolean; readonly rules: readonly RuleOutcome[]; readonly account: AccountRisk }
  | { readonly kind: 'INVALID'; readonly issues: readonly FieldIssue[] };

/** The agent's own volatility reading: ATR(14) of the analysed bars. */
export interface Volatility {
  readonly interval: CandleInterval;
  /** Null when there were too few bars. */
  readonly atr: string | null;
  readonly bars: number;
}

export interface CheckOutcome {
  readonly passed: boolean;
  readonly limit: string | null;
  readonly actual: string | null;
  readonly message: string;
}

export interface RiskChecks {
  readonly dailyLoss: CheckOutcome;
  readonly positionSize: CheckOutcome;
  readonly tradingHours: CheckOutcome;
  readonly volatility: CheckOutcome;
}

export interface RiskAssessment {
  readonly proposal: TradeProposal;
  readonly riskLevel: RiskLevel;
  readonly approved: boolean;
  readonly checks: RiskChecks;
  /** Every rule orders evaluated, in its order; empty when orders refused the order as written. */
  readonly rules: readonly RuleOutcome[];
  readonly reasons: readonly string[];
  /** The stop the assessment used (given, or ATR-based) and its distance from the price; null when neither is known. */
  readonly stopPrice: string | null;
  readonly stopDistance: string | null;
  readonly assessedAt: Date;
}

/** An ATR-based stop sits this many ATRs from the entry; a given stop must be at least one ATR away. */
export const ATR_STOP_MULTIPLE = '2';
const MIN_STOP_ATRS = '1';
/** Warnings that make an approved trade MEDIUM rather than LOW. */
const DAILY_LOSS_WARNING = '0.5';
const POSITION_WARNING = '0.8';
const VOLATILE_ATR_PCT = '3';

const f = parseFixed;
const text = formatFixed;

/** Where the stop goes and how far it is: the proposal's own, else ATR_STOP_MULTIPLE × ATR on the losing side. */
export function stopFor(proposal: TradeProposal, atr: string | null): { stopPrice: string; distance: string; fromAtr: boolean } | null {
  if (proposal.stopPrice !== null) {
    return { stopPrice: proposal.stopPrice, distance: text(abs(sub(f(proposal.price), f(proposal.stopPrice)))), fromAtr: false };
  }
  if (atr === null || f(atr).units === 0n) return null;
  const distance = round(mul(f(ATR_STOP_MULTIPLE), f(atr)), 4);
  const stop = proposal.side === 'BUY' ? sub(f(proposal.price), distance) : add(f(proposal.price), distance);
  if (stop.units <= 0n) return null;
  return { stopPrice: text(stop), distance: text(distance), fromAtr: true };
}

function volatilityCheck(proposal: TradeProposal, volatility: Volatility, stop: ReturnType<typeof stopFor>): CheckOutcome {
  const label = `ATR(14) on ${volatility.interval}`;
  if (volatility.atr === null) {
    return { passed: true, limit: null, actual: stop?.distance ?? null, message: `${label} needs 15 bars, has ${volatility.bars}: volatility unknown` };
  }
  if (stop === null) {
    return { passed: true, limit: volatility.atr, actual: null, message: `${label} is ${volatility.atr}: no movement to place a stop against` };
  }
  const floor = mul(f(MIN_STOP_ATRS), f(volatility.atr));
  if (stop.fromAtr) {
    return { passed: true, limit: text(floor), actual: stop.distance, message: `no stop given: stop at ${stop.stopPrice}, ${ATR_STOP_MULTIPLE} × ${label} ${volatility.atr} from ${proposal.price}` };
  }
  if (compare(f(stop.distance), floor) >= 0) {
    return { passed: true, limit: text(floor), actual: stop.distance, message: `stop ${stop.stopPrice} is ${stop.distance} away, outside one ${label} (${volatility.atr})` };
  }
  return {
    passed: false,
    limit: text(floor),
    actual: stop.distance,
    message: `stop ${stop.stopPrice} is only ${stop.distance} away, inside one ${label} (${volatility.atr}): ordinary noise would likely hit it`,
  };
}

const NOT_EVALUATED_PREFIX = 'not evaluated: ';
const NOT_EVALUATED = (why: string): CheckOutcome => ({ passed: false, limit: null, actual: null, message: `${NOT_EVALUATED_PREFIX}${why}` });

function fromRule(rules: readonly RuleOutcome[], name: string, passedMessage: (r: RuleOutcome) => string): CheckOutcome {
  const rule = rules.find((r) => r.rule === name);
  if (!rule) return NOT_EVALUATED(`orders did not report ${name}`);
  return { passed: rule.passed, limit: rule.limit, actual: rule.actual, message: rule.passed ? passedMessage(rule) : (rule.message ?? `${name} failed`) };
}

/** MAX_POSITION, MAX_ORDER_QUANTITY and MAX_ORDER_NOTIONAL together: the first failure, or the position after the trade. */
function positionSizeCheck(rules: readonly RuleOutcome[]): CheckOutcome {
  const names = ['MAX_POSITION', 'MAX_ORDER_QUANTITY', 'MAX_ORDER_NOTIONAL'];
  const missing = names.find((n) => !rules.some((r) => r.rule === n));
  if (missing) return NOT_EVALUATED(`orders did not report ${missing}`);
  const failed = rules.find((r) => names.includes(r.rule) && !r.passed);
  if (failed) return { passed: false, limit: failed.limit, actual: failed.actual, message: failed.message ?? `${failed.rule} failed` };
  const [position, quantity, notional] = names.map((n) => rules.find((r) => r.rule === n)!);
  return {
    passed: true,
    limit: position.limit,
    actual: position.actual,
    message: `position after the trade ${position.actual} of ${position.limit}; order ${quantity.actual} of ${quantity.limit}; notional ${notional.actual} of ${notional.limit} BRL`,
  };
}

/** ratio ≥ threshold, exactly; false when either side is missing or the limit is zero. */
function atLeast(actual: string | null, limit: string | null, threshold: string): boolean {
  if (actual === null || limit === null) return false;
  const l = f(limit);
  if (l.units <= 0n) return false;
  return compare(f(actual), mul(l, f(threshold))) >= 0;
}

function warningsFor(proposal: TradeProposal, checks: RiskChecks, volatility: Volatility): string[] {
  const warnings: string[] = [];
  if (atLeast(checks.dailyLoss.actual, checks.dailyLoss.limit, DAILY_LOSS_WARNING)) {
    warnings.push(`today's loss ${checks.dailyLoss.actual} has used half or more of the ${checks.dailyLoss.limit} BRL daily limit`);
  }
  if (atLeast(checks.positionSize.actual, checks.positionSize.limit, POSITION_WARNING)) {
    warnings.push(`the position after the trade (${checks.positionSize.actual}) is at 80% or more of the ${checks.positionSize.limit} limit`);
  }
  if (volatility.atr === null) {
    warnings.push(`volatility unknown: too few ${volatility.interval} bars for ATR(14)`);
  } else {
    const pct = divide(mul(f(volatility.atr), fromInteger(100)), f(proposal.price), 2);
    if (compare(pct, f(VOLATILE_ATR_PCT)) >= 0) warnings.push(`volatile: ATR(14) is ${text(pct)}% of the price`);
  }
  return warnings;
}

/**
 * Orders' verdict (every pre-trade rule, evaluated by orders with the account's real inputs) plus the
 * agent's own volatility check. Approved only when both agree; HIGH risk when not approved, MEDIUM when
 * approved with a warning (half the daily loss used, a position near its cap, unknown or high volatility).
 */
export function assessRisk(proposal: TradeProposal, review: DeskReview, volatility: Volatility, at: Date): RiskAssessment {
  const stop = stopFor(proposal, volatility.atr);
  const stopFields = { stopPrice: stop?.stopPrice ?? null, stopDistance: stop?.distance ?? null };
  if (review.kind === 'INVALID') {
    const why = 'orders refused the order as written';
    return {
      proposal,
      riskLevel: 'HIGH',
      approved: false,
      checks: { dailyLoss: NOT_EVALUATED(why), positionSize: NOT_EVALUATED(why), tradingHours: NOT_EVALUATED(why), volatility: volatilityCheck(proposal, volatility, stop) },
      rules: [],
      reasons: review.issues.map((i) => `${why}: ${i.field} ${i.message} (${i.rule})`),
      ...stopFields,
      assessedAt: at,
    };
  }
  const checks: RiskChecks = {
    dailyLoss: fromRule(review.rules, 'DAILY_LOSS', (r) => `loss today ${r.actual} of the ${r.limit} BRL daily limit`),
    positionSize: positionSizeCheck(review.rules),
    tradingHours: fromRule(review.rules, 'TRADING_HOURS', (r) => `open (${r.limit}) at ${r.actual} São Paulo time`),
    volatility: volatilityCheck(proposal, volatility, stop),
  };
  // A rule orders left out is not a pass: the trade is only approved when every check could be made.
  const unevaluated = Object.values(checks).filter((c) => !c.passed && c.message.startsWith(NOT_EVALUATED_PREFIX));
  const approved = review.approved && checks.volatility.passed && unevaluated.length === 0;
  const failures = [
    ...review.rules.filter((r) => !r.passed).map((r) => r.message ?? `${r.rule} failed`),
    ...(checks.volatility.passed ? [] : [checks.volatility.message]),
    ...unevaluated.map((c) => c.message),
  ];
  const warnings = approved ? warningsFor(proposal, checks, volatility) : [];
  const riskLevel: RiskLevel = !approved ? 'HIGH' : warnings.length > 0 ? 'MEDIUM' : 'LOW';
  const reasons = approved ? (warnings.length > 0 ? warnings : ['every pre-trade rule passed and the stop sits outside ordinary noise']) : failures;
  return { proposal, riskLevel, approved, checks, rules: review.rules, reasons, ...stopFields, assessedAt: at };
}
