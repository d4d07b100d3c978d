/** The market subgraph's bar intervals, letter for letter (its CandleInterval enum). */
export const CANDLE_INTERVALS = ['M1', 'M5', 'M15', 'H1', 'D1'] as const;
export type CandleInterval = (typeof CANDLE_INTERVALS)[number];

export const isCandleInterval = (value: unknown): value is CandleInterval => (CANDLE_INTERVALS as readonly unknown[]).includes(value);

/** One OHLCV bar as the market serves it: prices and turnover exact decimal text, times UTC. */
export interface Candle {
  /** First instant inside the bar, ISO-8601 UTC. */
  readonly start: string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: number;
  /** Σ price × quantity in price points. */
  readonly turnover: string;
  /** False for the bar still forming (the latest). */
  readonly closed: boolean;
}

/** High, low, close as numbers: what the volatility indicators read. */
export interface PriceBar {
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

export const toPriceBar = (c: Candle): PriceBar => ({ high: Number(c.high), low: Number(c.low), close: Number(c.close) });
