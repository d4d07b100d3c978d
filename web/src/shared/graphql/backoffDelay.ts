const BASE_MS = 500;
const CAP_MS = 15_000;

/**
 * Exponential backoff capped at 15 s with up to 30% random spread, so a desk full of dashboards does not
 * reconnect to a restarted gateway in lockstep. `attempt` counts from 0.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(CAP_MS, BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(exponential * (1 + 0.3 * random()));
}
