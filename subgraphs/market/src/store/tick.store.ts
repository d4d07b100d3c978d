import type { Candle, CandleInterval } from '../domain/candle';
import type { TickerSymbol, Trade } from '../domain/trade';

export interface CandleQuery {
  symbol: TickerSymbol;
  interval: CandleInterval;
  /** Bars whose start is in [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  /** Only the latest `limit` of those bars (still returned oldest first). */
  limit?: number;
}

/**
 * Time-series storage for trades: DuckDB embedded by default, QuestDB for production volumes. Both
 * must give the same answers (test/tick-store.contract.ts):
 * - a trade is identified by (symbol, tradeNumber, time): appending it again replaces the stored row,
 *   so a replayed batch adds nothing and an edit (same number and time) corrects the price;
 * - candles are bars with at least one trade, ordered by start; open/close follow (time, tradeNumber).
 */
export interface TickStore {
  readonly kind: 'duckdb' | 'questdb';
  append(trades: readonly Trade[]): Promise<void>;
  /** Most recent trade per symbol by (time, tradeNumber); symbols with no trade are absent. */
  lastTrades(symbols: readonly TickerSymbol[]): Promise<Map<TickerSymbol, Trade>>;
  candles(query: CandleQuery): Promise<Candle[]>;
  /** Rows accepted by append() but not yet readable (buffered by the store's writer). */
  bufferedRows(): number;
  ping(): Promise<void>;
  close(): Promise<void>;
}
