import type { Logger } from '@b3/kit';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleAll,
  handleWhen,
  IsolatedCircuitError,
  IterableBackoff,
  retry,
  TimeoutStrategy,
  timeout,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import type { BreakerState, CommentaryPrompt, Commentator } from '../../services/commentator.port';
import { type ChatEndpoint, chatCompletion } from './chat-completion';

export interface ResilienceOptions {
  /** Per attempt. */
  readonly timeoutMs: number;
  /** One retry per entry, waiting this long first. */
  readonly retryDelaysMs: readonly number[];
  /** Consecutive failed attempts that open the breaker. */
  readonly breakerFailures: number;
  /** How long the open breaker refuses calls before letting one probe through (half-open). */
  readonly breakerOpenMs: number;
}

export const DEFAULT_RESILIENCE: ResilienceOptions = { timeoutMs: 5_000, retryDelaysMs: [500, 1_500, 3_000], breakerFailures: 5, breakerOpenMs: 60_000 };

const STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'CLOSED',
  [CircuitState.Open]: 'OPEN',
  [CircuitState.HalfOpen]: 'HALF_OPEN',
  [CircuitState.Isolated]: 'OPEN',
};

/**
 * LLM commentary behind cockatiel: each attempt has a timeout, a failed call is retried after
 * 500/1500/3000 ms, and 5 consecutive failed attempts open the breaker for 60 s, after which one call
 * probes (half-open): success closes it, failure opens it again. While open nothing is sent at all.
 * Retries sit outside the breaker, so every attempt counts towards it and an open breaker ends the retries.
 */
export class ResilientCommentator implements Commentator {
  private readonly breaker: CircuitBreakerPolicy;
  private readonly policy: IPolicy;
  private readonly abort = new AbortController();

  constructor(
    private readonly endpoint: ChatEndpoint,
    private readonly logger: Logger,
    options: ResilienceOptions = DEFAULT_RESILIENCE,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.breaker = circuitBreaker(handleAll, { halfOpenAfter: options.breakerOpenMs, breaker: new ConsecutiveBreaker(options.breakerFailures) });
    const retries = retry(
      handleWhen((err) => !(err instanceof BrokenCircuitError) && !(err instanceof IsolatedCircuitError)),
      { maxAttempts: options.retryDelaysMs.length, backoff: new IterableBackoff(options.retryDelaysMs) },
    ).dangerouslyUnref();
    this.policy = wrap(retries, this.breaker, timeout(options.timeoutMs, TimeoutStrategy.Aggressive));
    this.breaker.onStateChange((state) => this.logger.info({ breaker: STATES[state] }, 'LLM commentary circuit breaker changed state'));
  }

  get state(): BreakerState {
    return STATES[this.breaker.state];
  }

  async comment(prompt: CommentaryPrompt): Promise<string | null> {
    if (this.abort.signal.aborted) return null;
    try {
      return await this.policy.execute(({ signal }) => chatCompletion(this.endpoint, prompt, signal, this.fetchImpl), this.abort.signal);
    } catch (err) {
      if (err instanceof BrokenCircuitError) return null;
      this.logger.warn({ err }, 'LLM commentary failed; the decision stands without it');
      return null;
    }
  }

  async close(): Promise<void> {
    this.abort.abort();
  }
}
