import { createAsyncQueue } from '@b3/kit';
import { aggregateFromCandle, BarAccumulator, barStart, type Candle, CANDLE_INTERVALS, type CandleInterval, INTERVAL_MS } from '../domain/candle';
import { type DailyStats, dailyStatsOf } from '../domain/daily-stats';
import type { TickerSymbol } from '../domain/trade';
import { MarketErrors } from '../errors';
import type { TickStore } from '../store/tick.store';
import type { CandleUpdate, FormingBars } from './forming-bars';

export const MAX_CANDLES = 10_000;
const DEFAULT_CANDLES = 500;
/** The widest range one query may scan, in bars of its interval (M1: two weeks). */
const MAX_RANGE_BARS = 20_000;
/** Enough days back to find the previous session across a long holiday. */
const DAILY_LOOKBACK_MS = 14 * INTERVAL_MS.D1;
const SUBSCRIBER_QUEUE = 64;

export interface CandleRange {
  from?: Date | null;
  to?: Date | null;
  limit?: number | null;
}

/**
 * Candles from the store with the forming bar taken from memory (the store lags by one flush), the
 * `candles` subscription, and daily stats.
 */
export class CandleService {
  private readonly settlements = new Map<TickerSymbol, string>();

  constructor(
    private readonly store: TickStore,
    private readonly bars: FormingBars,
    private readonly read: <T>(operation: () => Promise<T>) => Promise<T>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Picks up bars that were forming when the service stopped, so the first live update is complete. */
  async seed(symbols: readonly TickerSymbol[]): Promise<void> {
    const now = this.now();
    for (const symbol of symbols) {
      for (const interval of CANDLE_INTERVALS) {
        const start = barStart(interval, now);
        const [stored] = await this.read(() => this.store.candles({ symbol, interval, fromMs: start, toMs: start + 1 }));
        if (stored) this.bars.seed(symbol, interval, new BarAccumulator(symbol, interval, start, aggregateFromCandle(stored)));
      }
    }
  }

  /** The latest `limit` bars whose start is in [from, to); `to` defaults to now, `from` to the longest range allowed. */
  async candles(symbol: TickerSymbol, interval: CandleInterval, range: CandleRange = {}): Promise<Array<Candle & { closed: boolean }>> {
    const limit = range.limit ?? DEFAULT_CANDLES;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CANDLES) throw MarketErrors.badArgument('limit', `limit must be 1–${MAX_CANDLES}`);
    const now = this.now();
    const toMs = range.to ? range.to.getTime() : now + 1;
    const fromMs = range.from ? range.from.getTime() : toMs - MAX_RANGE_BARS * INTERVAL_MS[interval];
    if (Number.isNaN(fromMs)) throw MarketErrors.badArgument('from', 'from is not a valid date');
    if (Number.isNaN(toMs)) throw MarketErrors.badArgument('to', 'to is not a valid date');
    if (fromMs >= toMs) throw MarketErrors.badArgument('from', 'from must be before to');
    if ((toMs - fromMs) / INTERVAL_MS[interval] > MAX_RANGE_BARS) {
      throw MarketErrors.badArgument('from', `the range spans more than ${MAX_RANGE_BARS} ${interval} bars; narrow it or use a longer interval`);
    }
    const stored = await this.read(() => this.store.candles({ symbol, interval, fromMs, toMs, limit }));
    const bars = this.withFormingBar(stored, symbol, interval, fromMs, toMs);
    return bars.slice(-limit).map((candle) => ({ ...candle, closed: Date.parse(candle.end) <= now }));
  }

  /** The forming bar now (if any), then every update; a slow client skips intermediate states of a bar but never its close. */
  stream(symbol: TickerSymbol, interval: CandleInterval): AsyncIterableIterator<CandleUpdate> {
    const queue = createAsyncQueue<CandleUpdate>({
      limit: SUBSCRIBER_QUEUE,
      conflateBy: (update) => update.start,
      onClose: () => stop(),
    });
    const stop = this.bars.listen(symbol, interval, (update) => queue.push(update));
    const current = this.bars.current(symbol, interval);
    if (current) queue.push(current);
    return queue;
  }

  /** The previous session's settlement of a future, as the bridge reports it (changes are measured from it). */
  setSettlement(symbol: TickerSymbol, settlement: string | null): void {
    if (settlement) this.settlements.set(symbol, settlement);
    else this.settlements.delete(symbol);
  }

  /** Batch for DataLoader: today's session (or the last one) per symbol, null when the symbol never traded. */
  async dailyStats(symbols: readonly TickerSymbol[]): Promise<Array<DailyStats | null>> {
    const now = this.now();
    return Promise.all(
      symbols.map(async (symbol) => {
        const fromMs = barStart('D1', now) - DAILY_LOOKBACK_MS;
        const stored = await this.read(() => this.store.candles({ symbol, interval: 'D1', fromMs, toMs: now + 1 }));
        const days = this.withFormingBar(stored, symbol, 'D1', fromMs, now + 1);
        const today = days.at(-1);
        if (!today) return null;
        const previous = days.length > 1 ? days[days.length - 2] : null;
        return dailyStatsOf(today, previous, this.settlements.get(symbol) ?? null);
      }),
    );
  }

  /** Stored bars with the forming bar from memory in place of its stored copy, which lags by one flush. */
  private withFormingBar(stored: Candle[], symbol: TickerSymbol, interval: CandleInterval, fromMs: number, toMs: number): Candle[] {
    const forming = this.bars.current(symbol, interval);
    if (!forming) return stored;
    const start = Date.parse(forming.start);
    if (start < fromMs || start >= toMs) return stored;
    const earlier = stored.filter((bar) => Date.parse(bar.start) < start);
    return [...earlier, forming];
  }
}
