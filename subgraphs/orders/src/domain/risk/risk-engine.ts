import {
  absFixed,
  addFixed,
  compareFixed,
  type Fixed,
  formatFixed,
  fromInteger,
  mulFixed,
  parseFixed,
  shiftFixed,
  subFixed,
  ZERO,
} from './fixed-point';
import { OrderRateLimiter } from './order-rate-limiter';
import type { RiskLimits } from './risk-limits';
import { TradingCalendar, type TradingHoursStatus } from './trading-calendar';

/**
 * Pre-trade risk: every order passes here before anything reaches the bridge (nautilus' RiskEngine).
 * No I/O and no clock of its own: the service gathers limits, kill-switch state, P&L, position and last
 * trade, passes `now`, and persists the audit record that comes back, approved or not.
 */

/** In the order they are checked; the first one that fails is the one reported. */
export const RISK_RULES = [
  'TRADING_HOURS',
  'KILL_SWITCH',
  'DAILY_LOSS',
  'MAX_POSITION',
  'MAX_ORDER_QUANTITY',
  'MAX_ORDER_NOTIONAL',
  'PRICE_BAND',
  'ORDER_RATE',
] as const;
export type RiskRule = (typeof RISK_RULES)[number];

export const RISK_ORDER_SIDES = ['BUY', 'SELL'] as const;
export type RiskOrderSide = (typeof RISK_ORDER_SIDES)[number];
export const RISK_ORDER_TYPES = ['MARKET', 'LIMIT', 'STOP', 'STOP_LIMIT'] as const;
export type RiskOrderType = (typeof RISK_ORDER_TYPES)[number];
/** Types whose price is where they will trade, so a price far from the market is a fat finger. */
const BANDED_TYPES: ReadonlySet<RiskOrderType> = new Set(['LIMIT', 'STOP_LIMIT']);

export interface RiskOrder {
  readonly symbol: string;
  readonly side: RiskOrderSide;
  readonly type: RiskOrderType;
  /** Contracts or shares, a positive whole number (already validated against lot size). */
  readonly quantity: number;
  /** Limit price for LIMIT and STOP_LIMIT, trigger price for STOP, null for MARKET. Exact decimal. */
  readonly price: string | null;
}

export interface KillSwitchState {
  readonly active: boolean;
  readonly reason: string | null;
  readonly activatedAt: Date | null;
}

/** Today's P&L for the whole account, BRL exact decimals; losses are negative. */
export interface AccountPnl {
  readonly realizedToday: string;
  readonly unrealized: string;
}

export interface RiskCheckInput {
  readonly account: string;
  readonly order: RiskOrder;
  readonly limits: RiskLimits;
  readonly killSwitch: KillSwitchState;
  readonly pnl: AccountPnl;
  /** Current net position in the order's symbol: positive long, negative short. */
  readonly position: number;
  /** Last trade of the symbol (exact decimal), null if there is none to go by. */
  readonly lastTradePrice: string | null;
  /** BRL per point per contract: "1" for shares, "0.2" for WIN, "10" for WDO. */
  readonly multiplier: string;
  /** Epoch milliseconds. */
  readonly now: number;
}

/** One rule's outcome. limit/actual are display strings; null when there was nothing to compare. */
export interface RiskCheckResult {
  rule: RiskRule;
  passed: boolean;
  limit: string | null;
  actual: string | null;
  note?: string;
}

/** The GraphQL layer's code: a tripped kill switch has its own, every other rule is a risk rejection. */
export type RiskRejectionCode = 'RISK_REJECTED' | 'KILL_SWITCH_ACTIVE';

export interface RiskRejection {
  rule: RiskRule;
  code: RiskRejectionCode;
  limit: string | null;
  actual: string | null;
  message: string;
}

/** What the service persists for every decision. */
export interface RiskAuditRecord {
  at: Date;
  account: string;
  symbol: string;
  side: RiskOrderSide;
  type: RiskOrderType;
  quantity: number;
  price: string | null;
  approved: boolean;
  rule?: RiskRule;
  limit?: string | null;
  actual?: string | null;
  message?: string;
  /** The rules evaluated, in order. Checking stops at the first failure, so later rules are absent. */
  checks: RiskCheckResult[];
}

export type RiskDecision = { approved: true; audit: RiskAuditRecord } | { approved: false; rejection: RiskRejection; audit: RiskAuditRecord };

export interface RiskContext {
  readonly calendar: TradingCalendar;
  /** Only approved orders are recorded in it; that is checkOrder's one side effect. */
  readonly rateLimiter: OrderRateLimiter;
}

export function rejectionCode(rule: RiskRule): RiskRejectionCode {
  return rule === 'KILL_SWITCH' ? 'KILL_SWITCH_ACTIVE' : 'RISK_REJECTED';
}

/** Today's loss in BRL as a non-negative amount: −(realized + unrealized), or 0 when the day is up. */
export function dailyLoss(pnl: AccountPnl): string {
  return formatFixed(lossOf(pnl));
}

/**
 * True once the day's loss has reached the limit: the same threshold at which checkOrder starts refusing,
 * so there is never a moment where orders bounce on DAILY_LOSS but the kill switch has not tripped.
 */
export function shouldTripKillSwitch(pnl: AccountPnl, limits: RiskLimits): boolean {
  return compareFixed(lossOf(pnl), parseFixed(limits.dailyLossLimit, 'dailyLossLimit')) >= 0;
}

function lossOf(pnl: AccountPnl): Fixed {
  const total = addFixed(parseFixed(pnl.realizedToday, 'realizedToday'), parseFixed(pnl.unrealized, 'unrealized'));
  return total.units < 0n ? absFixed(total) : ZERO;
}

const HUNDRED: Fixed = { units: 100n, scale: 0 };

type RuleOutcome = RiskCheckResult & { message?: string };

/**
 * Runs the rules in RISK_RULES order and stops at the first failure. Inputs the order validation should
 * already have refused (a zero quantity, a LIMIT without price, malformed decimals) throw: reaching here
 * with them is a bug, and an exception is safer than guessing a decision.
 */
export function checkOrder(input: RiskCheckInput, context: RiskContext): RiskDecision {
  assertCheckable(input);
  const { order } = input;

  const checks: RiskCheckResult[] = [];
  const rules = ruleChecks(input, context);

  const audit: RiskAuditRecord = {
    at: new Date(input.now),
    account: input.account,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    quantity: order.quantity,
    price: order.type === 'MARKET' ? null : order.price,
    approved: false,
    checks,
  };

  for (const rule of rules) {
    const { message, ...check } = rule();
    checks.push(check);
    if (!check.passed) {
      const rejection: RiskRejection = {
        rule: check.rule,
        code: rejectionCode(check.rule),
        limit: check.limit,
        actual: check.actual,
        message: message ?? `${check.rule} limit ${check.limit} exceeded`,
      };
      audit.rule = rejection.rule;
      audit.limit = rejection.limit;
      audit.actual = rejection.actual;
      audit.message = rejection.message;
      return { approved: false, rejection, audit };
    }
  }
  // only approved orders count towards the throttle, so the order is recorded once every rule passed
  context.rateLimiter.record(input.account, input.now);
  audit.approved = true;
  return { approved: true, audit };
}

function assertCheckable({ order, position }: RiskCheckInput): void {
  if (!Number.isSafeInteger(order.quantity) || order.quantity <= 0) throw new RangeError(`quantity must be a positive whole number, got ${order.quantity}`);
  if (!Number.isSafeInteger(position)) throw new RangeError(`position must be a whole number, got ${position}`);
  if (order.type !== 'MARKET' && order.price === null) throw new RangeError(`${order.type} order without a price`);
}

/** The rules in RISK_RULES order, each evaluated when called (so checkOrder can stop at the first failure). */
function ruleChecks(input: RiskCheckInput, context: RiskContext): ReadonlyArray<() => RuleOutcome> {
  const { order } = input;
  return [
    () => tradingHours(input, context.calendar.isOpen(order.symbol, input.now)),
    () => killSwitch(input),
    () => dailyLossRule(input),
    () => maxPosition(input),
    () => maxOrderQuantity(input),
    () => maxOrderNotional(input),
    () => priceBand(input),
    () => orderRate(input, context.rateLimiter),
  ];
}

export interface RiskPreview {
  readonly approved: boolean;
  /** Every rule, in order, with its outcome: unlike checkOrder, a preview does not stop at the first failure. */
  readonly checks: ReadonlyArray<RiskCheckResult & { readonly message?: string }>;
}

/**
 * What checkOrder would decide for a hypothetical order, with every rule's outcome and no side effect
 * (nothing counts towards the throttle): how the agents ask "would this trade pass?" without a second copy
 * of the rules.
 */
export function previewOrder(input: RiskCheckInput, context: RiskContext): RiskPreview {
  assertCheckable(input);
  const checks = ruleChecks(input, context).map((rule) => rule());
  return { approved: checks.every((c) => c.passed), checks };
}

function tradingHours(input: RiskCheckInput, status: TradingHoursStatus): RuleOutcome {
  const limit = status.session ? `${status.session.open}–${status.session.close}` : 'closed all day';
  const actual = `${status.localDate} ${status.localTime}`;
  if (status.open) return { rule: 'TRADING_HOURS', passed: true, limit, actual };
  return {
    rule: 'TRADING_HOURS',
    passed: false,
    limit,
    actual,
    note: status.reason,
    message: `${input.order.symbol} is not trading at ${actual} São Paulo time: ${closedBecause(status)}`,
  };
}

function closedBecause(status: TradingHoursStatus): string {
  switch (status.reason) {
    case 'WEEKEND':
      return 'it is a weekend';
    case 'HOLIDAY':
      return 'it is an exchange holiday';
    case 'BEFORE_OPEN':
      return `the session opens at ${status.session?.open}`;
    case 'AFTER_CLOSE':
      return `the session closed at ${status.session?.close}`;
    case 'OPEN':
      return 'it is open';
  }
}

function killSwitch(input: RiskCheckInput): RuleOutcome {
  const { active, reason, activatedAt } = input.killSwitch;
  if (!active) return { rule: 'KILL_SWITCH', passed: true, limit: 'inactive', actual: 'inactive' };
  const since = activatedAt ? ` since ${activatedAt.toISOString()}` : '';
  return {
    rule: 'KILL_SWITCH',
    passed: false,
    limit: 'inactive',
    actual: 'active',
    ...(reason ? { note: reason } : {}),
    message: `The kill switch is active${since}${reason ? `: ${reason}` : ''}; no new orders until an admin deactivates it`,
  };
}

function dailyLossRule(input: RiskCheckInput): RuleOutcome {
  const loss = lossOf(input.pnl);
  const limit = parseFixed(input.limits.dailyLossLimit, 'dailyLossLimit');
  const [limitText, actualText] = [formatFixed(limit), formatFixed(loss)];
  // "reached" fails, not only "passed": at a loss equal to the limit the budget is spent
  if (compareFixed(loss, limit) < 0) return { rule: 'DAILY_LOSS', passed: true, limit: limitText, actual: actualText };
  return {
    rule: 'DAILY_LOSS',
    passed: false,
    limit: limitText,
    actual: actualText,
    message: `Today's loss of ${actualText} BRL has reached the daily loss limit of ${limitText} BRL`,
  };
}

function maxPosition(input: RiskCheckInput): RuleOutcome {
  const { order, position, limits } = input;
  const after = order.side === 'BUY' ? position + order.quantity : position - order.quantity;
  const size = Math.abs(after);
  const [limit, actual] = [String(limits.maxPositionPerSymbol), String(size)];
  if (size <= limits.maxPositionPerSymbol) return { rule: 'MAX_POSITION', passed: true, limit, actual };
  // Closing part of a position that is over the limit (the limit was lowered, or a fill overshot) must
  // stay possible, or the rule would trap the trader in the very exposure it exists to cap.
  const reduces = position !== 0 && (after === 0 || Math.sign(after) === Math.sign(position)) && size < Math.abs(position);
  if (reduces) return { rule: 'MAX_POSITION', passed: true, limit, actual, note: 'reduces a position already over the limit' };
  return {
    rule: 'MAX_POSITION',
    passed: false,
    limit,
    actual,
    message: `${order.side} ${order.quantity} ${order.symbol} would leave a net position of ${after}, over the limit of ${limit}`,
  };
}

function maxOrderQuantity(input: RiskCheckInput): RuleOutcome {
  const { quantity } = input.order;
  const max = input.limits.maxOrderQuantity;
  const [limit, actual] = [String(max), String(quantity)];
  if (quantity <= max) return { rule: 'MAX_ORDER_QUANTITY', passed: true, limit, actual };
  return { rule: 'MAX_ORDER_QUANTITY', passed: false, limit, actual, message: `Order quantity ${actual} is over the limit of ${limit}` };
}

function maxOrderNotional(input: RiskCheckInput): RuleOutcome {
  const { order } = input;
  const limit = parseFixed(input.limits.maxOrderNotional, 'maxOrderNotional');
  const limitText = formatFixed(limit);
  const priceText = order.type === 'MARKET' ? input.lastTradePrice : order.price;
  if (priceText === null) {
    // A MARKET order with no reference price has an unbounded notional; refusing is the only safe answer.
    return {
      rule: 'MAX_ORDER_NOTIONAL',
      passed: false,
      limit: limitText,
      actual: null,
      message: `No last trade for ${order.symbol} to value a MARKET order against the notional limit of ${limitText} BRL`,
    };
  }
  const notional = mulFixed(mulFixed(parseFixed(priceText, 'price'), fromInteger(order.quantity)), parseFixed(input.multiplier, 'multiplier'));
  const actual = formatFixed(notional);
  if (compareFixed(notional, limit) <= 0) return { rule: 'MAX_ORDER_NOTIONAL', passed: true, limit: limitText, actual };
  return {
    rule: 'MAX_ORDER_NOTIONAL',
    passed: false,
    limit: limitText,
    actual,
    message: `Order notional of ${actual} BRL is over the limit of ${limitText} BRL`,
  };
}

/**
 * LIMIT and STOP_LIMIT prices within ± priceBandPct % of the last trade, edges included. limit is the edge
 * on the price's side of the last trade (the upper edge for a price at or above it). With no last trade
 * the order is refused: the band exists to catch a mistyped price, and without a reference nothing can.
 */
function priceBand(input: RiskCheckInput): RuleOutcome {
  const { order } = input;
  if (!BANDED_TYPES.has(order.type)) {
    return { rule: 'PRICE_BAND', passed: true, limit: null, actual: order.price, note: `not applied to ${order.type} orders` };
  }
  const priceText = order.price as string; // checked non-null for non-MARKET types on entry
  if (input.lastTradePrice === null) {
    return {
      rule: 'PRICE_BAND',
      passed: false,
      limit: null,
      actual: priceText,
      note: 'no last trade',
      message: `No last trade for ${order.symbol} to check the price ${priceText} against the ±${input.limits.priceBandPct}% band`,
    };
  }
  const price = parseFixed(priceText, 'price');
  const last = parseFixed(input.lastTradePrice, 'lastTradePrice');
  const pct = parseFixed(input.limits.priceBandPct, 'priceBandPct');
  const above = compareFixed(price, last) >= 0;
  // edge = last × (100 ± pct) / 100, exact: the division by 100 only moves the decimal point
  const edge = shiftFixed(mulFixed(last, above ? addFixed(HUNDRED, pct) : subFixed(HUNDRED, pct)), 2);
  const limit = formatFixed(edge);
  const inside = above ? compareFixed(price, edge) <= 0 : compareFixed(price, edge) >= 0;
  const actual = formatFixed(price);
  if (inside) return { rule: 'PRICE_BAND', passed: true, limit, actual };
  return {
    rule: 'PRICE_BAND',
    passed: false,
    limit,
    actual,
    message: `Price ${actual} is more than ${input.limits.priceBandPct}% ${above ? 'above' : 'below'} the last trade ${formatFixed(last)} (${above ? 'highest' : 'lowest'} allowed ${limit})`,
  };
}

function orderRate(input: RiskCheckInput, limiter: OrderRateLimiter): RuleOutcome {
  const max = input.limits.maxOrdersPerSecond;
  const { allowed, count } = limiter.check(input.account, max, input.now);
  const [limit, actual] = [String(max), String(count)];
  if (allowed) return { rule: 'ORDER_RATE', passed: true, limit, actual };
  return {
    rule: 'ORDER_RATE',
    passed: false,
    limit,
    actual,
    message: `This would be order ${actual} in one second for the account; the limit is ${limit} per second`,
  };
}

export interface RiskEngineOptions {
  calendar?: TradingCalendar;
  rateLimiter?: OrderRateLimiter;
  /** Epoch ms; a fake clock in tests. */
  clock?: () => number;
}

/**
 * checkOrder with its collaborators held for the service: one calendar, one rate limiter per process
 * (the throttle has to see every order of an account), and a clock so callers need not pass `now`.
 */
export class RiskEngine {
  readonly calendar: TradingCalendar;
  readonly rateLimiter: OrderRateLimiter;
  private readonly clock: () => number;

  constructor(options: RiskEngineOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.calendar = options.calendar ?? new TradingCalendar();
    this.rateLimiter = options.rateLimiter ?? new OrderRateLimiter(this.clock);
  }

  check(input: Omit<RiskCheckInput, 'now'> & { now?: number }): RiskDecision {
    return checkOrder({ ...input, now: input.now ?? this.clock() }, this);
  }

  preview(input: Omit<RiskCheckInput, 'now'> & { now?: number }): RiskPreview {
    return previewOrder({ ...input, now: input.now ?? this.clock() }, this);
  }
}

export { OrderRateLimiter } from './order-rate-limiter';
export { TradingCalendar } from './trading-calendar';
