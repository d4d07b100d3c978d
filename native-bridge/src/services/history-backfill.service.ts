import { randomUUID } from 'node:crypto';
import { createAsyncQueue, DomainError, type EventBus, type Logger } from '@b3/kit';
import type { BridgeTrade, MarketDataClient } from '../index';

/** History trades of a symbol, for the market subgraph's store (dedupe there by trade number). */
export const historyTopic = (symbol: string): string => `market.history.${symbol}`;

export type HistoryJobStatus = 'RUNNING' | 'DONE' | 'FAILED';

export interface HistoryJob {
  id: string;
  symbol: string;
  exchange: string;
  from: string;
  to: string;
  status: HistoryJobStatus;
  /** 0..100 as the DLL reports it. */
  progress: number;
  tradesReceived: number;
  tradesPublished: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

const MAX_WINDOW_MS = 30 * 24 * 3600 * 1000;
const KEEP_FINISHED = 50;

/**
 * Backfill jobs: one GetHistoryTrades request each, its trades published to the bus as they arrive. The DLL
 * reports progress and TC_LAST_PACKET per instrument, not per request, so one job per instrument runs at a
 * time. A job with no news for `idleTimeoutMs` fails rather than hanging forever.
 */
export class HistoryBackfillService {
  private readonly jobs = new Map<string, HistoryJob>();
  private readonly running = new Map<string, { job: HistoryJob; timer: NodeJS.Timeout }>();
  private readonly listeners = new Set<(job: HistoryJob) => void>();
  private readonly stops: Array<() => void> = [];

  constructor(
    private readonly client: MarketDataClient,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly idleTimeoutMs = 60_000,
  ) {
    this.stops.push(
      client.onHistoryTrade((trade, last) => this.onTrade(trade, last)),
      client.onHistoryProgress((p) => this.touch(`${p.symbol}/${p.exchange}`, (job) => (job.progress = Math.max(job.progress, p.progress)))),
    );
  }

  start(symbol: string, exchange: string, from: Date, to: Date): HistoryJob {
    if (to.getTime() - from.getTime() > MAX_WINDOW_MS) throw new DomainError('BAD_USER_INPUT', 'The window is at most 30 days', { field: 'to' });
    const key = `${symbol}/${exchange}`;
    if (this.running.has(key)) throw new DomainError('CONFLICT', `A backfill of ${symbol} is already running`, { jobId: this.running.get(key)!.job.id });
    const job: HistoryJob = {
      id: randomUUID(),
      symbol,
      exchange,
      from: from.toISOString(),
      to: to.toISOString(),
      status: 'RUNNING',
      progress: 0,
      tradesReceived: 0,
      tradesPublished: 0,
      error: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    };
    this.client.requestHistory(symbol, exchange, from, to); // throws before anything is recorded
    this.jobs.set(job.id, job);
    this.running.set(key, { job, timer: this.idleTimer(key) });
    this.prune();
    this.emit(job);
    return { ...job };
  }

  job(id: string): HistoryJob | null {
    const job = this.jobs.get(id);
    return job ? { ...job } : null;
  }

  list(): HistoryJob[] {
    return [...this.jobs.values()].reverse().map((j) => ({ ...j }));
  }

  /** The job now, then each change until it finishes; a slow reader gets the latest state. */
  stream(id: string): AsyncIterableIterator<HistoryJob> {
    const listener = (job: HistoryJob): void => {
      if (job.id !== id) return;
      queue.push({ ...job });
      if (job.status !== 'RUNNING') queue.end();
    };
    const queue = createAsyncQueue<HistoryJob>({ limit: 8, conflateBy: () => id, onClose: () => this.listeners.delete(listener) });
    this.listeners.add(listener);
    const job = this.jobs.get(id);
    if (job) listener(job);
    return queue;
  }

  close(): void {
    for (const stop of this.stops.splice(0)) stop();
    for (const key of [...this.running.keys()]) this.finish(key, 'FAILED', 'The bridge stopped');
  }

  private onTrade(trade: BridgeTrade, last: boolean): void {
    const key = `${trade.symbol}/${trade.exchange}`;
    this.touch(key, (job) => {
      job.tradesReceived++;
      this.bus.publish(historyTopic(trade.symbol), trade).then(
        () => void job.tradesPublished++,
        (err: unknown) => this.logger.warn({ err, job: job.id }, 'could not publish a history trade'),
      );
    });
    if (last) this.finish(key, 'DONE', null);
  }

  private touch(key: string, change: (job: HistoryJob) => void): void {
    const entry = this.running.get(key);
    if (!entry) return;
    change(entry.job);
    clearTimeout(entry.timer);
    entry.timer = this.idleTimer(key);
    this.emit(entry.job);
  }

  private idleTimer(key: string): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const job = this.running.get(key)?.job;
      // a window without trades ends at progress 100 with no TC_LAST_PACKET
      if (job && job.progress >= 100) this.finish(key, 'DONE', null);
      else this.finish(key, 'FAILED', `No news from the DLL for ${this.idleTimeoutMs / 1000} s`);
    }, idleDelay(this.running.get(key)?.job, this.idleTimeoutMs));
    timer.unref();
    return timer;
  }

  private finish(key: string, status: HistoryJobStatus, error: string | null): void {
    const entry = this.running.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.running.delete(key);
    Object.assign(entry.job, { status, error, finishedAt: new Date().toISOString(), progress: status === 'DONE' ? 100 : entry.job.progress });
    this.emit(entry.job);
  }

  private emit(job: HistoryJob): void {
    for (const listener of this.listeners) listener(job);
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status !== 'RUNNING');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(job.id);
  }
}

/** Once the DLL said 100 % with no trades to follow, a short grace is enough to call the job done. */
function idleDelay(job: HistoryJob | undefined, idleTimeoutMs: number): number {
  return job && job.progress >= 100 ? Math.min(idleTimeoutMs, 2_000) : idleTimeoutMs;
}
