import type { AccountPnl } from '../domain/risk';

/**
 * Where the risk service gets an account's P&L and positions. Phase 2b implements it over fills and the
 * market's last trades (domain/pnl.ts, domain/position.ts); until then `FLAT_PNL` says "no P&L, no
 * positions", which makes DAILY_LOSS never refuse and MAX_POSITION compare the order alone.
 */
export interface PnlSource {
  accountPnl(account: string): Promise<AccountPnl>;
  /** Net position in the symbol: positive long, negative short. */
  position(account: string, symbol: string): Promise<number>;
}

export const FLAT_PNL: PnlSource = {
  accountPnl: async () => ({ realizedToday: '0', unrealized: '0' }),
  position: async () => 0,
};

/**
 * The last trade per symbol, for the price band and MARKET notional. The engine REFUSES a banded order
 * (LIMIT, STOP_LIMIT) when there is no last trade, rather than wave a possible fat finger through; so with
 * `NO_PRICES` (the default until the market subgraph is wired in phase 2b) every LIMIT order is refused on
 * PRICE_BAND. Deployments and tests pass a real source or `fixedPrices`.
 */
export interface MarketPrices {
  lastTrade(symbol: string): Promise<string | null>;
}

export const NO_PRICES: MarketPrices = { lastTrade: async () => null };

/** A fixed table of last trades, for tests and for running without a market feed. */
export function fixedPrices(prices: Readonly<Record<string, string>>): MarketPrices {
  return { lastTrade: async (symbol) => prices[symbol] ?? null };
}
