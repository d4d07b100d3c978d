import { parsePrice, type PriceProblem } from '@b3/kit';
import type { CandleInterval } from '../domain/candle';
import { compare, parseFixed } from '../domain/decimal';
import { lotSize } from '../domain/instrument';
import type { MarketSignal } from '../domain/market-signal';
import { multiplierFrom, type Sizing, sizePosition } from '../domain/position-sizing';
import { assessRisk, type DeskReview, type RiskAssessment, stopFor, type TradeProposal, type Volatility } from '../domain/risk-assessment';
import type { TradeSide } from '../domain/trade-signal';
import { AgentErrors, type FieldIssue } from '../errors';
import type { AgentMetrics } from './agent-metrics';
import type { MarketAnalysisAgent } from './market-analysis.agent';
import { normalizeSymbol } from './market-analysis.agent';
import type { RiskDesk } from './risk-desk.port';

/** A trade to check as given (validateTrade). */
export interface TradeRequest extends TradeProposal {
  /** The bars the ATR is read from. */
  readonly interval: CandleInterval;
}

/** A trade to size and check (the orchestrator's): no quantity yet. */
export interface TradeIntent {
  readonly account: string;
  readonly symbol: string;
  readonly side: TradeSide;
  readonly price: string;
  readonly stopPrice: string | null;
}

export interface RiskManagementOptions {
  /** Share of the daily loss limit one trade may risk, in percent (AGENTS_RISK_PER_TRADE_PCT). */
  riskPerTradePct: string;
  clock?: () => Date;
  metrics?: AgentMetrics;
}

export const volatilityOf = (analysis: MarketSignal): Volatility => ({ interval: analysis.interval, atr: analysis.indicators.atr, bars: analysis.candles });

const MAX_QUANTITY = 999_999;

const PRICE_PROBLEM: Record<PriceProblem, string> = {
  MALFORMED: 'must be a decimal such as "38.50"',
  NOT_POSITIVE: 'must be above zero',
  TOO_PRECISE: 'has more than 4 decimals',
  TOO_LARGE: 'is too large',
};

/** Every problem at once, and the prices in canonical form ("38.50" → "38.5"). */
function validate(request: TradeRequest): { issues: FieldIssue[]; price: string; stopPrice: string | null } {
  const issues: FieldIssue[] = [];
  if (!Number.isSafeInteger(request.quantity) || request.quantity < 1 || request.quantity > MAX_QUANTITY) {
    issues.push({ field: 'quantity', rule: 'OUT_OF_RANGE', message: `must be a whole number from 1 to ${MAX_QUANTITY}` });
  }
  const read = (field: 'price' | 'stopPrice', text: string): string | null => {
    const parsed = parsePrice(text.trim());
    if (parsed.ok) return parsed.price;
    issues.push({ field, rule: parsed.problem, message: PRICE_PROBLEM[parsed.problem] });
    return null;
  };
  const price = read('price', request.price);
  const stopPrice = request.stopPrice === null ? null : read('stopPrice', request.stopPrice);
  if (price !== null && stopPrice !== null) {
    const side = compare(parseFixed(stopPrice), parseFixed(price));
    if (request.side === 'BUY' ? side >= 0 : side <= 0) {
      issues.push({ field: 'stopPrice', rule: 'WRONG_SIDE', message: `must be ${request.side === 'BUY' ? 'below' : 'above'} the price for a ${request.side}` });
    }
  }
  return { issues, price: price ?? request.price, stopPrice };
}

/**
 * RiskManagementAgent: asks orders for every pre-trade rule (never re-implementing them), adds its own
 * volatility check from the ATR, and, for the orchestrator, sizes the trade from the account's limits
 * and the stop distance.
 */
export class RiskManagementAgent {
  private readonly clock: () => Date;

  constructor(
    private readonly desk: RiskDesk,
    private readonly analysis: MarketAnalysisAgent,
    private readonly options: RiskManagementOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** validateTrade: the trade as given. Problems the caller can fix come back as BAD_USER_INPUT naming each field. */
  async assess(request: TradeRequest): Promise<RiskAssessment> {
    const symbol = normalizeSymbol(request.symbol);
    const { issues, price, stopPrice } = validate(request);
    if (issues.length > 0) throw AgentErrors.invalid('trade', issues);
    const proposal: TradeProposal = { account: request.account, symbol, side: request.side, quantity: request.quantity, price, stopPrice };
    return this.timed(async () => {
      const [analysis, review] = await Promise.all([
        this.analysis.analyze(symbol, request.interval),
        this.desk.review(proposal.account, { symbol, side: proposal.side, quantity: proposal.quantity, price }),
      ]);
      if (review.kind === 'INVALID') throw AgentErrors.invalid('trade', review.issues);
      return this.decided(assessRisk(proposal, review, volatilityOf(analysis), this.clock()));
    });
  }

  /**
   * The orchestrator's question: how much, and is it acceptable? A one-lot probe reads the account's
   * limits, position, P&L and the contract multiplier from orders; the size follows from the risk budget
   * and the stop distance; the sized order is then reviewed again so the assessment is of what is suggested.
   */
  async plan(intent: TradeIntent, analysis: MarketSignal): Promise<{ assessment: RiskAssessment; sizing: Sizing | null }> {
    return this.timed(async () => {
      const lot = lotSize(intent.symbol);
      const order = { symbol: intent.symbol, side: intent.side, price: intent.price };
      const volatility = volatilityOf(analysis);
      const probe = await this.desk.review(intent.account, { ...order, quantity: lot });
      if (probe.kind === 'INVALID') return { assessment: this.decided(assessRisk({ ...intent, quantity: lot }, probe, volatility, this.clock())), sizing: null };
      const stop = stopFor({ ...intent, quantity: lot }, volatility.atr);
      const sizing = sizePosition({
        side: intent.side,
        price: intent.price,
        stopDistance: stop?.distance ?? null,
        lot,
        multiplier: multiplierFrom(probe.rules, intent.price, lot),
        account: probe.account,
        riskPerTradePct: this.options.riskPerTradePct,
      });
      const quantity = sizing.quantity > 0 ? sizing.quantity : lot;
      const review: DeskReview = quantity === lot ? probe : await this.desk.review(intent.account, { ...order, quantity });
      return { assessment: this.decided(assessRisk({ ...intent, quantity }, review, volatility, this.clock())), sizing };
    });
  }

  private decided(assessment: RiskAssessment): RiskAssessment {
    this.options.metrics?.decided('risk_management', assessment.approved ? 'APPROVED' : 'REJECTED');
    return assessment;
  }

  private timed<T>(work: () => Promise<T>): Promise<T> {
    return this.options.metrics ? this.options.metrics.timed('risk_management', work) : work();
  }
}
