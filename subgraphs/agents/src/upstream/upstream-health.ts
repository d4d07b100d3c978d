import { type HealthCheck, HealthCheckError } from '@b3/kit';
import type { Upstream } from '../errors';
import type { Commentator } from '../services/commentator.port';

export interface UpstreamProbe {
  readonly name: Upstream;
  readonly url: string;
  ping(): Promise<void>;
}

/**
 * Detailed health: each upstream's reachability and the LLM breaker. None is critical (the agents answer
 * what they can, e.g. analysis without orders), so a failure makes the service DEGRADED, never DOWN.
 */
export function upstreamHealthChecks(upstreams: readonly UpstreamProbe[], commentator: Commentator): HealthCheck[] {
  return [
    ...upstreams.map(
      (u): HealthCheck => ({
        name: `upstream:${u.name}`,
        critical: false,
        check: async () => {
          try {
            await u.ping();
          } catch (err) {
            throw new HealthCheckError(`${u.name} is not answering`, { url: u.url, reachable: false, error: err instanceof Error ? err.message : String(err) });
          }
          return { url: u.url, reachable: true };
        },
      }),
    ),
    {
      name: 'llm-breaker',
      critical: false,
      check: async () => {
        const state = commentator.state;
        // Open means commentary is off until a probe succeeds: worth a DEGRADED, never a DOWN.
        if (state === 'OPEN') throw new HealthCheckError('the LLM circuit breaker is open', { state, configured: true });
        return { state, configured: state !== 'DISABLED' };
      },
    },
  ];
}
