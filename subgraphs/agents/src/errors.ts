import { DomainError, forbidden } from '@b3/kit';

export interface FieldIssue {
  field: string;
  rule: string;
  message: string;
}

export const UPSTREAMS = ['market', 'orders', 'signals'] as const;
export type Upstream = (typeof UPSTREAMS)[number];

/** Every AGENTS_* code and every way this subgraph says BAD_USER_INPUT or FORBIDDEN, declared once. */
export const AgentErrors = {
  /** `fields` lists every problem (field, rule, message), as orders does, so a form can mark them all. */
  invalid: (what: string, issues: readonly FieldIssue[]) =>
    new DomainError('BAD_USER_INPUT', `Invalid ${what}: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`, { fields: issues, field: issues[0]?.field }),
  pageSizeOutOfRange: (max: number) => AgentErrors.invalid('page', [{ field: 'first', rule: 'OUT_OF_RANGE', message: `must be a whole number from 1 to ${max}` }]),
  invalidCursor: () => AgentErrors.invalid('page', [{ field: 'after', rule: 'MALFORMED', message: 'must be an endCursor this API returned' }]),
  /** The detail goes to the log; clients learn which dependency failed, never its driver message. */
  upstreamUnavailable: (service: Upstream) => new DomainError('AGENTS_UPSTREAM_UNAVAILABLE', `The ${service} service is not answering; try again shortly`, { service }),
  /** Something other than unreachable went wrong upstream (an answer this service does not understand). */
  upstreamFailed: (service: Upstream, code: string) => new DomainError('AGENTS_UPSTREAM_FAILED', `The ${service} service could not answer (${code})`, { service, upstreamCode: code }),
  unknownSymbol: (symbol: string) => new DomainError('AGENTS_UNKNOWN_SYMBOL', `Unknown symbol ${symbol}`, { symbol }),
  signalNotFound: (id: string) => new DomainError('AGENTS_SIGNAL_NOT_FOUND', `No signal ${id}`, { id }),
  otherAccount: () => forbidden('Only an admin may act for another account'),
} as const;
