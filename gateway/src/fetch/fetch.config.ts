import { ConfigError, envBool, envInt } from '@b3/kit';

export interface SubgraphFetchOptions {
  /** Per-request budget; a hung subgraph yields partial data and a named error after this. */
  timeoutMs: number;
  breakerFailureThreshold: number;
  breakerCooldownMs: number;
  /** Share one upstream request between concurrent identical queries of the same viewer. */
  dedupe: boolean;
  /** Merge concurrent `_entities` fetches of different requests (same document, variables and viewer). */
  batchEntities: boolean;
}

export function subgraphFetchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SubgraphFetchOptions {
  const options = {
    timeoutMs: envInt('SUBGRAPH_TIMEOUT_MS', 1500, env),
    breakerFailureThreshold: envInt('SUBGRAPH_BREAKER_FAILURES', 5, env),
    breakerCooldownMs: envInt('SUBGRAPH_BREAKER_COOLDOWN_MS', 5000, env),
    dedupe: envBool('SUBGRAPH_DEDUPE', true, env),
    batchEntities: envBool('SUBGRAPH_BATCH_ENTITIES', true, env),
  };
  if (options.timeoutMs < 1) throw new ConfigError(`SUBGRAPH_TIMEOUT_MS must be positive, got ${options.timeoutMs}`);
  if (options.breakerFailureThreshold < 1) throw new ConfigError(`SUBGRAPH_BREAKER_FAILURES must be at least 1, got ${options.breakerFailureThreshold}`);
  if (options.breakerCooldownMs < 0) throw new ConfigError(`SUBGRAPH_BREAKER_COOLDOWN_MS must not be negative, got ${options.breakerCooldownMs}`);
  return options;
}
