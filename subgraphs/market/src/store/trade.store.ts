import type { TickerSymbol, Trade } from '../domain/trade';

/**
 * Time-series storage for trades. The embedded default is DuckDB; a QuestDB adapter implements the
 * same interface for production volumes.
 */
export interface TradeStore {
  readonly kind: string;
  append(trades: readonly Trade[]): Promise<void>;
  /** Most recent trade per symbol; symbols with no trade are absent from the map. */
  lastTrades(symbols: readonly TickerSymbol[]): Promise<Map<TickerSymbol, Trade>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
