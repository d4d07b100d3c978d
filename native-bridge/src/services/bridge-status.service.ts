import { createAsyncQueue } from '@b3/kit';
import type { ConnectionState, MarketDataClient } from '../index';
import { isMarketReady } from '../profit/connection-state';
import type { TradePublisher } from './trade-publisher.service';

export type BridgeHealth = 'OK' | 'DEGRADED' | 'DOWN';

export interface BridgeStatusSnapshot extends ConnectionState {
  health: BridgeHealth;
  library: string;
  tradePath: 'shim' | 'direct';
  tradesReceived: number;
  tradesPublished: number;
  /** Trades received over the last status interval, per second. */
  tradesPerSecond: number;
  /** Records waiting in the shim's ring (0 with direct callbacks). */
  queueDepth: number;
  ringCapacity: number;
  ringDropped: number;
  callbackP99Micros: number;
  drainLatencyP99Ms: number;
  duplicatesDropped: number;
  reinitializations: number;
  nextReconnectInMs: number | null;
  lastError: string | null;
  subscriptions: Array<{ symbol: string; exchange: string; book: boolean }>;
  updatedAt: string;
}

const SUBSCRIBER_QUEUE = 16;

/**
 * One status for /graphql, the status subscription and /health: sampled every `intervalMs` (ticks/s need two
 * samples) and pushed on every connection-state change as well, so a dashboard sees a disconnect at once.
 */
export class BridgeStatusService {
  private readonly listeners = new Set<(s: BridgeStatusSnapshot) => void>();
  private last: { at: number; trades: number } = { at: Date.now(), trades: 0 };
  private rate = 0;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribeState: (() => void) | null = null;

  constructor(
    private readonly client: MarketDataClient,
    private readonly publisher: TradePublisher,
    private readonly library: string,
    private readonly intervalMs = 1_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    this.unsubscribeState = this.client.onState(() => this.emit());
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribeState?.();
    this.unsubscribeState = null;
  }

  snapshot(): BridgeStatusSnapshot {
    const state = this.client.state();
    const stats = this.client.stats();
    const ring = stats.ring;
    const published = this.publisher.stats();
    return {
      ...state,
      health: healthOf(state, stats.nextReconnectInMs !== null),
      library: this.library,
      tradePath: stats.tradePath,
      tradesReceived: stats.tradesReceived,
      tradesPublished: published.published,
      tradesPerSecond: this.rate,
      queueDepth: ring?.depth ?? 0,
      ringCapacity: ring?.capacity ?? 0,
      ringDropped: ring?.dropped ?? 0,
      callbackP99Micros: (ring?.callbackP99Ns ?? 0) / 1000,
      drainLatencyP99Ms: ring?.drainLatencyP99Ms ?? 0,
      duplicatesDropped: stats.duplicatesDropped,
      reinitializations: stats.reinitializations,
      nextReconnectInMs: stats.nextReconnectInMs,
      lastError: stats.lastError,
      subscriptions: published.subscriptions,
      updatedAt: new Date().toISOString(),
    };
  }

  /** Latest status first, then every change; a slow reader only ever gets the newest. */
  stream(): AsyncIterableIterator<BridgeStatusSnapshot> {
    const listener = (s: BridgeStatusSnapshot): void => queue.push(s);
    const queue = createAsyncQueue<BridgeStatusSnapshot>({
      limit: SUBSCRIBER_QUEUE,
      conflateBy: () => 'status',
      onClose: () => this.listeners.delete(listener),
    });
    this.listeners.add(listener);
    queue.push(this.snapshot());
    return queue;
  }

  private sample(): void {
    const now = Date.now();
    const trades = this.client.stats().tradesReceived;
    const seconds = (now - this.last.at) / 1000;
    this.rate = seconds > 0 ? Math.round(((trades - this.last.trades) / seconds) * 10) / 10 : 0;
    this.last = { at: now, trades };
    this.emit();
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}

/**
 * DOWN: the login itself failed (credentials or activation — terminal, needs a person). DEGRADED: a channel is
 * down or reconnecting. OK: market data flows and, with routing, the broker link is up.
 */
export function healthOf(state: ConnectionState, reconnecting: boolean): BridgeHealth {
  if (state.login === 'FAILED' || state.activation === 'INVALID') return 'DOWN';
  const routingUp = state.routing === 'DISABLED' || state.routing === 'BROKER_CONNECTED';
  if (!isMarketReady(state) || state.marketData === 'DEGRADED' || !routingUp || reconnecting) return 'DEGRADED';
  return 'OK';
}
