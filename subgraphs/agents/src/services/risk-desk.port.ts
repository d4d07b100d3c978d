import type { DeskReview } from '../domain/risk-assessment';
import type { TradeSide } from '../domain/trade-signal';

/** A LIMIT order as the risk desk is asked about it. */
export interface DeskOrder {
  readonly symbol: string;
  readonly side: TradeSide;
  readonly quantity: number;
  readonly price: string;
}

/**
 * The orders subgraph's pre-trade risk, asked rather than copied: every rule evaluated by orders with the
 * account's real limits, position and P&L, nothing recorded on its side.
 */
export interface RiskDesk {
  review(account: string, order: DeskOrder): Promise<DeskReview>;
  ping(): Promise<void>;
}
