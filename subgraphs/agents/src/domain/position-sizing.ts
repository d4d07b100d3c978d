import { compare, divide, type Fixed, formatFixed, fromInteger, max, min, mul, parseFixed, sub, wholeTimes } from './decimal';
import type { AccountRisk, RuleOutcome } from './risk-assessment';
import type { TradeSide } from './trade-signal';

export const SIZING_LIMITS = ['RISK_BUDGET', 'MAX_ORDER_QUANTITY', 'MAX_POSITION', 'MAX_ORDER_NOTIONAL', 'NO_STOP'] as const;
export type SizingLimit = (typeof SIZING_LIMITS)[number];

export interface SizingInput {
  readonly side: TradeSide;
  readonly price: string;
  /** Distance from entry to stop in price points; null when there is none to size against. */
  readonly stopDistance: string | null;
  readonly lot: number;
  /** BRL per price point per unit (1 for stocks, 0.2 for WIN, 10 for WDO). */
  readonly multiplier: string;
  readonly account: AccountRisk;
  /** Share of the daily loss limit one trade may risk, in percent. */
  readonly riskPerTradePct: string;
}

export interface Sizing {
  /** A multiple of the lot; 0 when not even one lot fits. */
  readonly quantity: number;
  /** BRL this trade may lose at its stop. */
  readonly riskBudget: string;
  readonly limitedBy: SizingLimit;
  readonly reason: string;
}

const f = parseFixed;
const text = formatFixed;

/**
 * How much to trade: what the risk budget allows at the stop (budget ÷ (stop distance × multiplier)),
 * capped by the account's order quantity, position and notional limits, rounded down to whole lots. The
 * budget is riskPerTradePct of the daily loss limit, and never more than what is left of it today.
 * Without a stop distance the size cannot follow risk, so it is one lot at most.
 */
export function sizePosition(input: SizingInput): Sizing {
  const { limits, position, dailyPnl } = input.account;
  const lossLimit = f(limits.dailyLossLimit);
  const pnl = f(dailyPnl);
  const lossToday = pnl.units < 0n ? { units: -pnl.units, scale: pnl.scale } : fromInteger(0);
  const perTrade = divide(mul(lossLimit, f(input.riskPerTradePct)), fromInteger(100), 4);
  const left = max(sub(lossLimit, lossToday), fromInteger(0));
  const budget = min(perTrade, left);

  const unitRisk: Fixed | null = input.stopDistance === null ? null : mul(f(input.stopDistance), f(input.multiplier));
  const unitNotional = mul(f(input.price), f(input.multiplier));
  const room = input.side === 'BUY' ? limits.maxPositionPerSymbol - position : limits.maxPositionPerSymbol + position;
  const caps: Array<[SizingLimit, bigint]> = [
    unitRisk === null || unitRisk.units <= 0n ? ['NO_STOP', BigInt(input.lot)] : ['RISK_BUDGET', wholeTimes(budget, unitRisk)],
    ['MAX_ORDER_QUANTITY', BigInt(limits.maxOrderQuantity)],
    ['MAX_POSITION', BigInt(Math.max(room, 0))],
    ['MAX_ORDER_NOTIONAL', unitNotional.units > 0n ? wholeTimes(f(limits.maxOrderNotional), unitNotional) : BigInt(limits.maxOrderQuantity)],
  ];
  const [limitedBy, units] = caps.reduce((best, cap) => (cap[1] < best[1] ? cap : best));
  const lot = BigInt(input.lot);
  const quantity = Number(units - (units % lot));
  const budgetText = text(budget);
  const why: Record<SizingLimit, string> = {
    RISK_BUDGET: `risk budget ${budgetText} BRL ÷ (stop ${input.stopDistance} × multiplier ${input.multiplier}) = ${units}`,
    NO_STOP: 'no stop distance to size against: one lot',
    MAX_ORDER_QUANTITY: `capped by the ${limits.maxOrderQuantity} maximum order quantity`,
    MAX_POSITION: `capped by the position limit: ${limits.maxPositionPerSymbol} with ${position} held leaves ${Math.max(room, 0)}`,
    MAX_ORDER_NOTIONAL: `capped by the ${limits.maxOrderNotional} BRL maximum notional at ${input.price} × ${input.multiplier}`,
  };
  const lots = quantity === 0 ? `not one lot of ${input.lot} fits` : `${quantity} in lots of ${input.lot}`;
  return { quantity, riskBudget: budgetText, limitedBy, reason: `${why[limitedBy]}: ${lots}` };
}

/**
 * BRL per point per unit, read back from orders' notional check (notional = price × quantity × multiplier),
 * so the agents keep no copy of orders' contract table. "1" when orders did not report a notional.
 */
export function multiplierFrom(rules: readonly RuleOutcome[], price: string, quantity: number): string {
  const notional = rules.find((r) => r.rule === 'MAX_ORDER_NOTIONAL')?.actual;
  if (!notional || quantity <= 0) return '1';
  const per = mul(f(price), fromInteger(quantity));
  if (compare(per, fromInteger(0)) <= 0) return '1';
  return text(divide(f(notional), per, 8));
}
