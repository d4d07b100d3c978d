import type { CandleInterval } from './candle';
import type { MarketSignal } from './market-signal';
import type { RiskAssessment } from './risk-assessment';
import type { Sizing } from './position-sizing';
import type { TradeSide, TradeSignal } from './trade-signal';

export const RECOMMENDATION_ACTIONS = ['TAKE', 'WATCH', 'SKIP'] as const;
export type RecommendationAction = (typeof RECOMMENDATION_ACTIONS)[number];

/** What started a run: a signal arriving, the schedule, or someone asking. */
export const RECOMMENDATION_TRIGGERS = ['NEW_SIGNAL', 'SCHEDULE', 'ON_DEMAND'] as const;
export type RecommendationTrigger = (typeof RECOMMENDATION_TRIGGERS)[number];

export type RecommendationId = string & { readonly __brand: 'RecommendationId' };

/** The orchestrator's decision about one signal for one account; advice only, it never places an order. */
export interface Recommendation {
  readonly id: RecommendationId;
  readonly signalId: string;
  readonly account: string;
  readonly symbol: string;
  readonly side: TradeSide;
  readonly interval: CandleInterval;
  readonly trigger: RecommendationTrigger;
  readonly action: RecommendationAction;
  /** Lot multiple sized by the account's limits and the stop distance; 0 when nothing fits. */
  readonly suggestedQuantity: number;
  readonly reasons: readonly string[];
  readonly analysis: MarketSignal;
  readonly assessment: RiskAssessment;
  /** Who asked (a user id, or service:agents for automatic runs). */
  readonly requestedBy: string;
  readonly createdAt: Date;
}

export interface DecisionInput {
  readonly signal: TradeSignal;
  readonly analysis: MarketSignal;
  readonly assessment: RiskAssessment;
  readonly sizing: Sizing | null;
}

const opposite = (side: TradeSide): TradeSide => (side === 'BUY' ? 'SELL' : 'BUY');

/**
 * TAKE only when everything lines up: the signal is still open, risk approves, a lot fits, and the market
 * analysis agrees with the signal's side with HIGH confidence. SKIP when something forbids the trade (a
 * live risk refusal, a closed signal, no size) or the analysis points the other way with at least MEDIUM
 * confidence. Anything else is worth watching.
 */
export function decideAction(input: DecisionInput): { action: RecommendationAction; reasons: string[] } {
  const { signal, analysis, assessment, sizing } = input;
  const read = `analysis ${analysis.direction} with ${analysis.confidenceLabel} confidence (${analysis.confidence}) on ${analysis.interval}`;
  if (signal.status !== 'OPEN') return { action: 'SKIP', reasons: [`the signal is ${signal.status}, no longer open`] };
  if (!assessment.approved) return { action: 'SKIP', reasons: [`risk ${assessment.riskLevel}: not approved`, ...assessment.reasons] };
  if (sizing && sizing.quantity === 0) return { action: 'SKIP', reasons: [`no size fits: ${sizing.reason}`] };
  const against = analysis.direction === opposite(signal.side) && analysis.confidenceLabel !== 'LOW';
  if (against) return { action: 'SKIP', reasons: [`${read} against a ${signal.side} signal`] };
  const sized = sizing ? [`size: ${sizing.reason}`] : [];
  const risk = `risk ${assessment.riskLevel}: ${assessment.reasons.join('; ')}`;
  if (analysis.direction === signal.side && analysis.confidenceLabel === 'HIGH') {
    return { action: 'TAKE', reasons: [`${read} agrees with the ${signal.side} signal`, risk, ...sized] };
  }
  const why = analysis.direction === signal.side ? `${read}: agrees, but not strongly enough to take` : `${read}: no confirmation of the ${signal.side} signal`;
  return { action: 'WATCH', reasons: [why, risk, ...sized] };
}
