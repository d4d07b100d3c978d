import { randomUUID } from 'node:crypto';
import type { Logger } from '@b3/kit';
import { inRunWindow, nextRunAt } from '../domain/agent-schedule';
import type { CandleInterval } from '../domain/candle';
import { decideAction, type Recommendation, type RecommendationId, type RecommendationTrigger } from '../domain/recommendation';
import { entryPriceOf, type TradeSignal } from '../domain/trade-signal';
import { AgentErrors } from '../errors';
import type { RecommendationStore } from '../store/recommendation.store';
import type { AgentMetrics } from './agent-metrics';
import type { MarketAnalysisAgent } from './market-analysis.agent';
import type { RecommendationEvents } from './recommendation-events';
import type { RiskManagementAgent } from './risk-management.agent';
import type { SignalFeed } from './signal-feed.port';

export interface OrchestratorOptions {
  /** The account automatic runs assess (AGENTS_ACCOUNT). */
  account: string;
  /** The bars analysis reads (AGENTS_INTERVAL). */
  interval: CandleInterval;
  /** Minutes between scheduled passes over open signals; 0 turns the schedule off (AGENTS_SCHEDULE_MINUTES). */
  scheduleMinutes: number;
  /** Recommend on every new signal (AGENTS_FOLLOW_SIGNALS). */
  followSignals: boolean;
  logger: Logger;
  metrics?: AgentMetrics;
  clock?: () => Date;
}

export interface OrchestratorDeps {
  analysis: MarketAnalysisAgent;
  risk: RiskManagementAgent;
  signals: SignalFeed;
  store: RecommendationStore;
  events: RecommendationEvents;
}

/** Automatic runs act as the service itself. */
export const AUTOMATIC_REQUESTER = 'service:agents';
/** Signals missed while disconnected are looked for this far back, at most this many. */
const CATCH_UP_MS = 24 * 3_600_000;
/** A scheduled pass looks at open signals posted within the signals' default validity, newest first. */
const SCHEDULE_LOOKBACK_MS = 30 * 24 * 3_600_000;
const BATCH = 50;

/**
 * SignalOrchestratorAgent: for each new signal (newSignals, reconnecting), on a schedule within session
 * hours, and on demand, runs the analysis and the risk agents and stores a Recommendation. Advice only:
 * it never places an order. Automatic work runs one signal at a time, so a burst of signals never floods
 * the market and orders services.
 */
export class SignalOrchestratorAgent {
  private readonly clock: () => Date;
  private queue: Promise<void> = Promise.resolve();
  private readonly queued = new Set<string>();
  private stopWatching: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly deps: OrchestratorDeps,
    private readonly options: OrchestratorOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** On demand (the orchestrate mutation): the signal is read from signals, the result stored and published. */
  async orchestrate(signalId: string, account: string, requestedBy: string, interval: CandleInterval = this.options.interval): Promise<Recommendation> {
    const signal = await this.deps.signals.signal(signalId.trim());
    if (!signal) throw AgentErrors.signalNotFound(signalId);
    return this.recommend(signal, account, 'ON_DEMAND', requestedBy, interval);
  }

  /** Analysis, then risk, then the decision; stored before it is published, so a subscriber can always read it back. */
  async recommend(signal: TradeSignal, account: string, trigger: RecommendationTrigger, requestedBy: string, interval: CandleInterval = this.options.interval): Promise<Recommendation> {
    const work = async (): Promise<Recommendation> => {
      const analysis = await this.deps.analysis.analyze(signal.asset, interval);
      const intent = { account, symbol: analysis.symbol, side: signal.side, price: entryPriceOf(signal), stopPrice: signal.stop };
      const { assessment, sizing } = await this.deps.risk.plan(intent, analysis);
      const decision = decideAction({ signal, analysis, assessment, sizing });
      const recommendation: Recommendation = {
        id: randomUUID() as RecommendationId,
        signalId: signal.id,
        account,
        symbol: analysis.symbol,
        side: signal.side,
        interval,
        trigger,
        action: decision.action,
        // A skipped trade suggests nothing; the sizing that was computed stays in the reasons.
        suggestedQuantity: decision.action === 'SKIP' ? 0 : (sizing?.quantity ?? 0),
        reasons: decision.reasons,
        analysis,
        assessment,
        requestedBy,
        createdAt: this.clock(),
      };
      await this.deps.store.insert(recommendation);
      this.options.metrics?.decided('signal_orchestrator', recommendation.action);
      this.deps.events.publish(recommendation);
      return recommendation;
    };
    return this.options.metrics ? this.options.metrics.timed('signal_orchestrator', work) : work();
  }

  /** Follows new signals and arms the schedule, as configured. */
  start(): void {
    if (this.options.followSignals && !this.stopWatching) {
      this.stopWatching = this.deps.signals.watch({
        signal: (signal) => this.enqueue(signal, 'NEW_SIGNAL'),
        // Every (re)connection, the first included: signals posted while the feed was down get their turn.
        connected: () => this.enqueueTask('catch-up', () => this.catchUp()),
      });
    }
    if (this.options.scheduleMinutes > 0) this.arm();
  }

  /** One scheduled pass: every open signal (the newest BATCH) is reviewed again, only inside the run window. */
  async runSchedule(): Promise<number> {
    const now = this.clock();
    if (!inRunWindow(now)) return 0;
    const open = await this.deps.signals.openSignals(new Date(now.getTime() - SCHEDULE_LOOKBACK_MS), BATCH);
    open.forEach((signal) => this.enqueue(signal, 'SCHEDULE'));
    return open.length;
  }

  /** Open signals of the last day without a recommendation for the account. */
  async catchUp(): Promise<number> {
    const open = await this.deps.signals.openSignals(new Date(this.clock().getTime() - CATCH_UP_MS), BATCH);
    const done = await this.deps.store.recommendedSignals(this.options.account, open.map((s) => s.id));
    const missed = open.filter((s) => !done.has(s.id));
    missed.forEach((signal) => this.enqueue(signal, 'NEW_SIGNAL'));
    if (missed.length > 0) this.options.logger.info({ signals: missed.length }, 'recommending signals posted while the signals feed was unreachable');
    return missed.length;
  }

  /** Resolves once the automatic work queued so far is done (tests, shutdown). */
  async settled(): Promise<void> {
    // Work can queue more work (a scheduled pass queues its signals): wait until the queue stops growing.
    let current: Promise<void>;
    do {
      current = this.queue;
      await current;
    } while (current !== this.queue);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopWatching?.();
    this.stopWatching = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.queue;
  }

  private enqueue(signal: TradeSignal, trigger: RecommendationTrigger): void {
    // The same signal queued twice (a catch-up racing its newSignals event) is recommended once.
    if (this.queued.has(signal.id)) return;
    this.queued.add(signal.id);
    this.enqueueTask(`recommend ${signal.id}`, async () => {
      try {
        await this.recommend(signal, this.options.account, trigger, AUTOMATIC_REQUESTER);
      } finally {
        this.queued.delete(signal.id);
      }
    });
  }

  private enqueueTask(what: string, task: () => Promise<unknown>): void {
    if (this.closed) return;
    this.queue = this.queue.then(async () => {
      if (this.closed) return;
      try {
        await task();
      } catch (err) {
        // An unreachable upstream is retried by the next signal or scheduled pass; nothing half-made is stored.
        this.options.logger.warn({ err, task: what }, 'automatic recommendation failed');
      }
    });
  }

  private arm(): void {
    if (this.closed) return;
    const now = this.clock();
    const delay = Math.max(0, nextRunAt(now, this.options.scheduleMinutes).getTime() - now.getTime());
    this.timer = setTimeout(() => {
      this.enqueueTask('scheduled pass', () => this.runSchedule());
      this.arm();
    }, delay);
    this.timer.unref();
  }
}
