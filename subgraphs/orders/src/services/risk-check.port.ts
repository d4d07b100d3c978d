import type { Viewer } from '@b3/kit';
import type { Instrument } from '../domain/instrument-rules';
import type { OrderId } from '../domain/order-model';
import type { NewOrderFields } from '../domain/order-validation';
import type { RiskRejection } from '../domain/risk';

/**
 * The pre-trade check the order service asks before it writes an order (STYLE.md §4: risk before
 * execution). Phase 2 implements it over domain/risk (limits, kill switch, P&L, positions, last trade)
 * and persists every decision in `risk_decisions`; until then the service runs without one.
 */
export interface RiskCheckRequest {
  /** The id the order will have if it is approved, for the audit record. */
  readonly orderId: OrderId;
  /** Already validated and normalised. */
  readonly order: NewOrderFields;
  readonly instrument: Instrument;
  /** Who asked: the account's trader, or an admin acting for the account. */
  readonly requestedBy: Viewer;
}

export type RiskVerdict = { readonly approved: true } | { readonly approved: false; readonly rejection: RiskRejection };

export interface RiskCheck {
  check(request: RiskCheckRequest): Promise<RiskVerdict>;
}
