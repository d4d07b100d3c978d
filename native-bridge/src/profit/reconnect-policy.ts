/**
 * Exponential backoff with jitter for re-initializing the DLL when a channel stays down: the n-th attempt
 * waits between half and all of min(maxMs, minMs·2ⁿ), so many bridges restarted together do not log in
 * in lockstep.
 */
export interface ReconnectPolicy {
  minMs: number;
  maxMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { minMs: 1_000, maxMs: 60_000 };

export function backoffDelay(attempt: number, policy: ReconnectPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.minMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
