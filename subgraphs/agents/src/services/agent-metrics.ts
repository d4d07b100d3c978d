import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { BREAKER_STATES, type BreakerState } from './commentator.port';

export const AGENT_NAMES = ['market_analysis', 'risk_management', 'signal_orchestrator'] as const;
export type AgentName = (typeof AGENT_NAMES)[number];

/**
 * The agents' own series, made before the server starts (the agents need them from the first call) and
 * added to the subgraph's registry by startSubgraph's `metrics` option.
 */
export class AgentMetrics {
  private readonly decisions = new Counter({
    name: 'agent_decisions_total',
    help: 'Decisions made, by agent and outcome (BUY/SELL/HOLD, APPROVED/REJECTED, TAKE/WATCH/SKIP)',
    labelNames: ['agent', 'action'] as const,
    registers: [],
  });
  private readonly latency = new Histogram({
    name: 'agent_latency_seconds',
    help: 'Time an agent took to decide, upstream calls included',
    labelNames: ['agent'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [],
  });
  private readonly breaker: Gauge<'state'>;

  constructor(breakerState: () => BreakerState) {
    // The enum-as-gauge pattern: one series per state, 1 on the current one.
    this.breaker = new Gauge({
      name: 'agent_llm_breaker_state',
      help: 'LLM commentary circuit breaker: 1 on the current state (disabled when no endpoint is configured)',
      labelNames: ['state'] as const,
      registers: [],
      collect() {
        const current = breakerState();
        for (const state of BREAKER_STATES) this.set({ state: state.toLowerCase() }, state === current ? 1 : 0);
      },
    });
  }

  decided(agent: AgentName, action: string): void {
    this.decisions.inc({ agent, action });
  }

  async timed<T>(agent: AgentName, work: () => Promise<T>): Promise<T> {
    const stop = this.latency.startTimer({ agent });
    try {
      return await work();
    } finally {
      stop();
    }
  }

  register(registry: Registry): void {
    registry.registerMetric(this.decisions);
    registry.registerMetric(this.latency);
    registry.registerMetric(this.breaker);
  }

  /** For tests and logs: the count so far for one agent and outcome. */
  async count(agent: AgentName, action: string): Promise<number> {
    const { values } = await this.decisions.get();
    return values.find((v) => v.labels.agent === agent && v.labels.action === action)?.value ?? 0;
  }
}
