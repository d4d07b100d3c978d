import { DomainError, forbidden } from '@b3/kit';
import type { Issue } from './domain/order-validation';
import type { RiskLimitIssue, RiskRejection, RiskRejectionCode } from './domain/risk';

/**
 * The risk engine's codes go out unprefixed: RISK_REJECTED and KILL_SWITCH_ACTIVE are the platform-wide
 * contract clients (and the agents subgraph) match on, named so in the product requirements.
 */
const RISK_CODES: Readonly<Record<RiskRejectionCode, string>> = {
  RISK_REJECTED: 'RISK_REJECTED',
  KILL_SWITCH_ACTIVE: 'KILL_SWITCH_ACTIVE',
};

/** Every ORDERS_* code and every way this subgraph says BAD_USER_INPUT or FORBIDDEN, declared once. */
export const OrderErrors = {
  /** `fields` lists every problem (field, rule, message), so a client can mark all of them at once. */
  invalid: (what: string, issues: readonly Issue<string>[]) =>
    new DomainError('BAD_USER_INPUT', `Invalid ${what}: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`, { fields: issues }),
  pageSizeOutOfRange: (max: number) =>
    OrderErrors.invalid('page', [{ field: 'first', rule: 'OUT_OF_RANGE', message: `must be a whole number from 1 to ${max}` }]),
  invalidCursor: () => OrderErrors.invalid('page', [{ field: 'after', rule: 'MALFORMED', message: 'must be an endCursor this API returned' }]),
  /** Also for another account's order: whether it exists is none of the caller's business. */
  notFound: (id: string) => new DomainError('ORDERS_NOT_FOUND', `No order ${id}`, { id }),
  notWorking: (id: string, status: string, what: string) =>
    new DomainError('ORDERS_NOT_WORKING', `Order ${id} is ${status} and cannot be ${what}`, { id, status }),
  venueRefused: (id: string, reason: string) => new DomainError('ORDERS_VENUE_REFUSED', `The venue refused the request for order ${id}: ${reason}`, { id, reason }),
  routingUnavailable: () => new DomainError('ORDERS_ROUTING_UNAVAILABLE', 'Order routing is not configured in this process'),
  otherAccount: () => forbidden('Only an admin may act on another account'),
  adminOnly: (what: string) => forbidden(`Only an admin may ${what}`),
  /** Kill-switch changes and limit edits must say why (issue 6 item 4); the audit is useless otherwise. */
  invalidReason: (min: number, max: number) =>
    OrderErrors.invalid('reason', [{ field: 'reason', rule: 'OUT_OF_RANGE', message: `must be ${min} to ${max} characters` }]),
  /** Every limit problem by field (validateLimits), so a form can mark all of them at once. */
  invalidLimits: (issues: readonly RiskLimitIssue[]) =>
    OrderErrors.invalid('risk limits', issues.map((i) => ({ field: i.field, rule: 'OUT_OF_RANGE' as const, message: i.message }))),
  riskRejected: (rejection: RiskRejection) =>
    new DomainError(RISK_CODES[rejection.code], rejection.message, { rule: rejection.rule, limit: rejection.limit, actual: rejection.actual }),
} as const;
