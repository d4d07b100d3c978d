import { registerEnumType } from 'type-graphql';

/** The market subgraph's enum, value for value: composition needs the two to match. */
export enum CandleIntervalEnum {
  M1 = 'M1',
  M5 = 'M5',
  M15 = 'M15',
  H1 = 'H1',
  D1 = 'D1',
}
registerEnumType(CandleIntervalEnum, { name: 'CandleInterval' });

export enum MarketDirectionEnum {
  BUY = 'BUY',
  SELL = 'SELL',
  HOLD = 'HOLD',
}
registerEnumType(MarketDirectionEnum, { name: 'MarketDirection' });

export enum MarketIndicatorEnum {
  EMA_TREND = 'EMA_TREND',
  MACD = 'MACD',
  RSI = 'RSI',
  BOLLINGER = 'BOLLINGER',
  VWAP = 'VWAP',
  ATR = 'ATR',
}
registerEnumType(MarketIndicatorEnum, {
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

export enum ConfidenceLabelEnum {
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}
registerEnumType(ConfidenceLabelEnum, { name: 'ConfidenceLabel', description: 'HIGH from 0.7, MEDIUM from 0.4, LOW below' });

export enum RiskLevelEnum {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(RiskLevelEnum, {
  name: 'RiskLevel',
  description: 'HIGH: not approved; MEDIUM: approved with a warning (half the daily loss used, a position near its cap, unknown or high volatility); LOW otherwise',
});

export enum TradeSideEnum {
  BUY = 'BUY',
  SELL = 'SELL',
}
registerEnumType(TradeSideEnum, { name: 'TradeSide' });

export enum RecommendationActionEnum {
  TAKE = 'TAKE',
  WATCH = 'WATCH',
  SKIP = 'SKIP',
}
registerEnumType(RecommendationActionEnum, {
  name: 'RecommendationAction',
  valuesConfig: {
    TAKE: { description: 'Risk approves, a size fits and the analysis agrees with HIGH confidence' },
    WATCH: { description: 'Nothing forbids it, but the market does not confirm it strongly' },
    SKIP: { description: 'Risk refuses, nothing fits, the signal is closed, or the analysis disagrees' },
  },
});

export enum RecommendationTriggerEnum {
  NEW_SIGNAL = 'NEW_SIGNAL',
  SCHEDULE = 'SCHEDULE',
  ON_DEMAND = 'ON_DEMAND',
}
registerEnumType(RecommendationTriggerEnum, { name: 'RecommendationTrigger' });
