import type { Candle, CandleInterval } from '../domain/candle';

export interface CandleRequest {
  readonly symbol: string;
  readonly interval: CandleInterval;
  readonly limit: number;
}

/** The market subgraph as the analysis agent needs it. */
export interface MarketData {
  /**
   * One answer per request, in order: the bars (oldest first) or the error that request met, so an
   * unknown symbol fails only its own entry. Throws only when the market cannot be reached at all.
   */
  candles(requests: readonly CandleRequest[]): Promise<Array<readonly Candle[] | Error>>;
  ping(): Promise<void>;
}
