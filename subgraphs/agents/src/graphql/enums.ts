import { domainEnum } from '@b3/kit';
import { CANDLE_INTERVALS } from '../domain/candle';
import { CONFIDENCE_LABELS, DIRECTIONS, INDICATORS } from '../domain/market-signal';
import { RISK_LEVELS } from '../domain/risk-assessment';
import { TRADE_SIDES } from '../domain/trade-signal';
import { RECOMMENDATION_ACTIONS, RECOMMENDATION_TRIGGERS } from '../domain/recommendation';

/** The market subgraph's enum, value for value: composition needs the two to match. */
export const CandleIntervalEnum = domainEnum(CANDLE_INTERVALS, { name: 'CandleInterval' });
export type CandleIntervalEnum = (typeof CANDLE_INTERVALS)[number];

export const MarketDirectionEnum = domainEnum(DIRECTIONS, { name: 'MarketDirection' });
export type MarketDirectionEnum = (typeof DIRECTIONS)[number];

export const MarketIndicatorEnum = domainEnum(INDICATORS, {
  name: 'MarketIndicator',
  valuesConfig: {
    EMA_TREND: { description: 'Close against EMA 9/21/50 (weight 2)' },
    MACD: { description: 'MACD(12,26,9) line and histogram (weight 2)' },
    RSI: { description: "Wilder's RSI(14): ≥ 55 buy, ≤ 45 sell (weight 2)" },
    BOLLINGER: { description: 'Close against the Bollinger(20,2) middle (weight 1)' },
    VWAP: { description: "Close against the session's VWAP (weight 1)" },
    ATR: { description: "Wilder's ATR(14): volatility, never votes" },
  },
});
export type MarketIndicatorEnum = (typeof INDICATORS)[number];

export const ConfidenceLabelEnum = domainEnum(CONFIDENCE_LABELS, { name: 'ConfidenceLabel', description: 'HIGH from 0.7, MEDIUM from 0.4, LOW below' });
export type ConfidenceLabelEnum = (typeof CONFIDENCE_LABELS)[number];

export const RiskLevelEnum = domainEnum(RISK_LEVELS, {
  name: 'RiskLevel',
  description: 'HIGH: not approved; MEDIUM: approved with a warning (half the daily loss used, a position near its cap, unknown or high volatility); LOW otherwise',
});
export type RiskLevelEnum = (typeof RISK_LEVELS)[number];

export const TradeSideEnum = domainEnum(TRADE_SIDES, { name: 'TradeSide' });
export type TradeSideEnum = (typeof TRADE_SIDES)[number];

export const RecommendationActionEnum = domainEnum(RECOMMENDATION_ACTIONS, {
  name: 'RecommendationAction',
  valuesConfig: {
    TAKE: { description: 'Risk approves, a size fits and the analysis agrees with HIGH confidence' },
    WATCH: { description: 'Nothing forbids it, but the market does not confirm it strongly' },
    SKIP: { description: 'Risk refuses, nothing fits, the signal is closed, or the analysis disagrees' },
  },
});
export type RecommendationActionEnum = (typeof RECOMMENDATION_ACTIONS)[number];

export const RecommendationTriggerEnum = domainEnum(RECOMMENDATION_TRIGGERS, { name: 'RecommendationTrigger' });
export type RecommendationTriggerEnum = (typeof RECOMMENDATION_TRIGGERS)[number];
