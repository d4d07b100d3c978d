import type { Logger, ServiceCallError, ServiceClient } from '@b3/kit';
import type { DeskReview, FieldIssue, RuleOutcome } from '../domain/risk-assessment';
import type { DeskOrder, RiskDesk } from '../services/risk-desk.port';
import { pingUpstream, requestUpstream } from './upstream-call';

/**
 * Limits, the position, the day's P&L and orders' own verdict on the order, in one request: orders
 * evaluates every pre-trade rule with the account's real inputs and records nothing.
 */
const REVIEW = `query AgentRiskReview($account: String!, $input: RiskPreviewInput!) {
  riskLimits(account: $account) { dailyLossLimit maxPositionPerSymbol maxOrderQuantity maxOrderNotional }
  positions(account: $account) { symbol netQuantity }
  pnl(account: $account) { daily }
  riskPreview(input: $input) { approved checks { rule passed limit actual message } }
}`;

interface WireReview {
  riskLimits: { dailyLossLimit: string; maxPositionPerSymbol: number; maxOrderQuantity: number; maxOrderNotional: string };
  positions: Array<{ symbol: string; netQuantity: number }>;
  pnl: { daily: string };
  riskPreview: { approved: boolean; checks: RuleOutcome[] };
}

function issuesOf(error: ServiceCallError): FieldIssue[] | undefined {
  if (error.code !== 'BAD_USER_INPUT') return undefined;
  const fields = error.extensions.fields;
  if (!Array.isArray(fields)) return [{ field: 'order', rule: 'INVALID', message: error.message }];
  return fields.map((f: { field?: unknown; rule?: unknown; message?: unknown }) => ({ field: String(f.field ?? 'order'), rule: String(f.rule ?? 'INVALID'), message: String(f.message ?? '') }));
}

/**
 * RiskDesk over the orders subgraph's endpoint. The agents' service identity has the admin role, so it may
 * name the account; whoever asked the agents was checked against that account before getting here.
 */
export class OrdersClient implements RiskDesk {
  constructor(
    private readonly client: ServiceClient,
    private readonly logger: Logger,
  ) {}

  async review(account: string, order: DeskOrder): Promise<DeskReview> {
    const input = { account, symbol: order.symbol, side: order.side, type: 'LIMIT', quantity: order.quantity, price: order.price };
    const answer = await requestUpstream<WireReview | { invalid: FieldIssue[] }>('orders', this.client, this.logger, REVIEW, { account, input }, (error) => {
      const issues = issuesOf(error);
      return issues ? { invalid: issues } : undefined;
    });
    if ('invalid' in answer) return { kind: 'INVALID', issues: answer.invalid };
    const symbol = order.symbol.trim().toUpperCase();
    return {
      kind: 'REVIEWED',
      approved: answer.riskPreview.approved,
      rules: answer.riskPreview.checks.map((c) => ({ rule: c.rule, passed: c.passed, limit: c.limit ?? null, actual: c.actual ?? null, message: c.message ?? null })),
      account: {
        limits: answer.riskLimits,
        position: answer.positions.find((p) => p.symbol === symbol)?.netQuantity ?? 0,
        dailyPnl: answer.pnl.daily,
      },
    };
  }

  ping(): Promise<void> {
    return pingUpstream(this.client);
  }
}
