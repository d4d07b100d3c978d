import { BarAccumulator, barStart, type Candle, CANDLE_INTERVALS, type CandleInterval } from '../domain/candle';
import { priceToUnits } from '../domain/price-units';
import type { TickerSymbol, Trade } from '../domain/trade';
import { epochMs } from '../domain/utc-time';

export interface CandleUpdate extends Candle {
  /** False while the bar is forming; true once, when it closed. */
  closed: boolean;
}

type Listener = (update: CandleUpdate) => void;

/**
 * The bar currently forming for every symbol and interval, fed by each ingested trade. A bar closes
 * when a trade of a later bar arrives or when its end passes (checked every `tickMs`), whichever is
 * first; listeners get every forming state and then the closed bar.
 */
export class FormingBars {
  /** Per symbol, the bar of each interval in CANDLE_INTERVALS order (no string key per trade: this runs for every print). */
  private readonly bars = new Map<TickerSymbol, Array<BarAccumulator | undefined>>();
  private readonly listeners = new Map<TickerSymbol, Array<Set<Listener> | undefined>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly now: () => number = Date.now,
    tickMs = 1000,
  ) {
    this.timer = setInterval(() => this.closeExpired(), tickMs);
    this.timer.unref();
  }

  /** Starts a bar from what the store already holds for it (the service restarted mid-bar). */
  seed(symbol: TickerSymbol, interval: CandleInterval, bar: BarAccumulator): void {
    this.barsOf(symbol)[CANDLE_INTERVALS.indexOf(interval)] = bar;
  }

  add(trade: Trade): void {
    const at = epochMs(trade.time);
    const units = priceToUnits(trade.price);
    const bars = this.barsOf(trade.symbol);
    const listeners = this.listeners.get(trade.symbol);
    for (let i = 0; i < CANDLE_INTERVALS.length; i++) {
      const interval = CANDLE_INTERVALS[i];
      const start = barStart(interval, at);
      let bar = bars[i];
      if (bar && start < bar.startMs) continue; // late print of a closed bar: the store has it, the stream moved on
      if (bar && start > bar.startMs) {
        emit(listeners?.[i], bar, true);
        bar = undefined;
      }
      if (!bar) bars[i] = bar = new BarAccumulator(trade.symbol, interval, start);
      bar.add(trade, units);
      emit(listeners?.[i], bar, false);
    }
  }

  /** The forming bar, if it has trades and has not ended. */
  current(symbol: TickerSymbol, interval: CandleInterval): CandleUpdate | null {
    const bar = this.bars.get(symbol)?.[CANDLE_INTERVALS.indexOf(interval)];
    if (!bar || bar.empty || bar.endMs <= this.now()) return null;
    return { ...bar.candle(), closed: false };
  }

  listen(symbol: TickerSymbol, interval: CandleInterval, listener: Listener): () => void {
    const index = CANDLE_INTERVALS.indexOf(interval);
    const perInterval = this.listeners.get(symbol) ?? [];
    this.listeners.set(symbol, perInterval);
    const set = (perInterval[index] ??= new Set());
    set.add(listener);
    return () => void set.delete(listener);
  }

  closeExpired(): void {
    const now = this.now();
    for (const [symbol, bars] of this.bars) {
      bars.forEach((bar, i) => {
        if (!bar || bar.endMs > now) return;
        bars[i] = undefined;
        emit(this.listeners.get(symbol)?.[i], bar, true);
      });
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.listeners.clear();
  }

  private barsOf(symbol: TickerSymbol): Array<BarAccumulator | undefined> {
    let bars = this.bars.get(symbol);
    if (!bars) this.bars.set(symbol, (bars = []));
    return bars;
  }
}

function emit(listeners: Set<Listener> | undefined, bar: BarAccumulator, closed: boolean): void {
  if (!listeners || listeners.size === 0 || bar.empty) return;
  const update: CandleUpdate = { ...bar.candle(), closed };
  for (const listener of listeners) listener(update);
}
