import { comparePrices, type EventBus, feedTradeItems, type Logger, MARKET_TOPICS, parseFeedTrade } from '@b3/kit';
import { applyMarketRange, isLive } from '../domain/signal';
import type { SignalStore } from '../store/signal.store';
import type { SignalEvents } from './signal-events';

/** Each asset's live signals are checked at most this often, against every price seen since the last check. */
const CHECK_EVERY_MS = 1_000;

interface Range {
  low: string;
  high: string;
}

const lower = (a: string, b: string): boolean => comparePrices(a, b) < 0;

/**
 * Moves live signals with the market: the bridge's trades (bus) reaching a target or the stop change the
 * signal's status, with a MARKET revision in its history and a `signalChanged` event. Assets with no live
 * signal cost nothing but a set lookup per trade batch.
 */
export class SignalMarking {
  private readonly ranges = new Map<string, Range>();
  private liveAssets = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopFeed: (() => Promise<void>) | null = null;
  private readonly stopEvents: () => void;

  constructor(
    private readonly store: SignalStore,
    private readonly events: SignalEvents,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    // A new signal's asset is watched from its first trade on, not from the next refresh.
    this.stopEvents = events.onSignal((signal) => isLive(signal.status) && this.liveAssets.add(signal.asset));
  }

  async start(bus: EventBus): Promise<void> {
    await this.refreshAssets();
    this.stopFeed = await bus.subscribe(MARKET_TOPICS.trades, (payload) => this.ingest(payload));
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopEvents();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.stopFeed?.();
    await this.running;
  }

  /** One trades message: widens each watched asset's range since the last check. */
  ingest(payload: unknown): void {
    for (const item of feedTradeItems(payload)) {
      const trade = parseFeedTrade(item);
      if (!trade || !this.liveAssets.has(trade.symbol)) continue;
      const range = this.ranges.get(trade.symbol);
      if (!range) this.ranges.set(trade.symbol, { low: trade.price, high: trade.price });
      else {
        if (lower(trade.price, range.low)) range.low = trade.price;
        if (lower(range.high, trade.price)) range.high = trade.price;
      }
    }
  }

  /** Applies the ranges collected so far; one check at a time. */
  check(): Promise<void> {
    this.running = this.running.then(() => this.checkOnce()).catch((error: unknown) => this.logger.warn({ err: error }, 'marking signals with market prices failed'));
    return this.running;
  }

  private async checkOnce(): Promise<void> {
    if (this.ranges.size === 0) return;
    const ranges = new Map(this.ranges);
    this.ranges.clear();
    const signals = await this.store.liveSignals([...ranges.keys()]);
    const at = this.clock();
    for (const signal of signals) {
      const range = ranges.get(signal.asset)!;
      const changed = applyMarketRange(signal, range.low, range.high, at);
      // false: a follow-up message changed it meanwhile; the next batch is checked against that version
      if (changed && (await this.store.changeSignal(changed, signal, 'MARKET'))) this.events.publishChanged(changed);
    }
    // Only the assets just checked can have lost their last live signal here; the others are as they were.
    const still = new Set((await this.store.liveSignals([...ranges.keys()])).map((s) => s.asset));
    for (const asset of ranges.keys()) if (!still.has(asset)) this.liveAssets.delete(asset);
  }

  /** Reads which assets have live signals (at start). */
  async refreshAssets(): Promise<void> {
    this.liveAssets = new Set((await this.store.liveSignals()).map((s) => s.asset));
  }
}
