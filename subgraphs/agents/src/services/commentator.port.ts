/** The LLM circuit breaker as /health and /metrics show it; DISABLED when no endpoint is configured. */
export const BREAKER_STATES = ['DISABLED', 'CLOSED', 'OPEN', 'HALF_OPEN'] as const;
export type BreakerState = (typeof BREAKER_STATES)[number];

export interface CommentaryPrompt {
  readonly system: string;
  readonly user: string;
}

/**
 * Optional prose about a decision. Never throws: null whenever there is none (not configured, the breaker
 * is open, the endpoint failed), so nothing deterministic can depend on it.
 */
export interface Commentator {
  comment(prompt: CommentaryPrompt): Promise<string | null>;
  readonly state: BreakerState;
  close(): Promise<void>;
}

export const NO_COMMENTATOR: Commentator = {
  comment: async () => null,
  state: 'DISABLED',
  close: async () => undefined,
};
