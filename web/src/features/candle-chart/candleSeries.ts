import type { CandleFieldsFragment, CandleInterval } from '../../gql/graphql';
import { compareDecimal } from '../../shared/format/compareDecimal';
import { B3_TIME_ZONE } from '../../shared/format/formatB3Time';

/** One OHLCV bar as both the history query and the live subscription deliver it; prices are exact decimal strings. */
export type Bar = CandleFieldsFragment;

export const CANDLE_INTERVALS = ['M1', 'M5', 'M15', 'H1', 'D1'] as const satisfies readonly CandleInterval[];

/** Bars kept and drawn: more than an hour of M1 while each candle stays wide enough to read. */
export const MAX_BARS = 80;

const MINUTE_MS = 60_000;
const INTERVAL_MS: Record<CandleInterval, number> = {
  M1: MINUTE_MS,
  M5: 5 * MINUTE_MS,
  M15: 15 * MINUTE_MS,
  H1: 60 * MINUTE_MS,
  D1: 24 * 60 * MINUTE_MS,
};

const startOf = (bar: Pick<Bar, 'start'>): number => Date.parse(bar.start);

/**
 * Whether `candidate` is a later state of the same bar than `current`. Trades only accumulate inside a bar, so the
 * count orders states whatever the arrival order (the history query can answer after live updates). On equal
 * counts the closed state wins, because the query can report a bar closed from a store that lags the last trades.
 */
function supersedes(candidate: Bar, current: Bar): boolean {
  if (candidate.trades !== current.trades) return candidate.trades > current.trades;
  return candidate.closed || !current.closed;
}

/**
 * Puts one bar into a series ordered by start, keeping the latest `maxBars`: a bar with a known start replaces
 * that bar when it is a later state of it, a newer one is appended, and one older than everything in a full
 * window is dropped. Returns the same array when nothing changed, so React can skip the re-render.
 */
export function mergeBar(series: readonly Bar[], bar: Bar, maxBars: number = MAX_BARS): readonly Bar[] {
  const at = startOf(bar);
  if (Number.isNaN(at)) return series;
  // Updates almost always concern the last bar, so the scan starts from the end.
  let i = series.length - 1;
  while (i >= 0 && startOf(series[i]) > at) i -= 1;
  if (i >= 0 && startOf(series[i]) === at) {
    if (!supersedes(bar, series[i])) return series;
    const next = series.slice();
    next[i] = bar;
    return next;
  }
  if (i < 0 && series.length >= maxBars) return series;
  const next = [...series.slice(0, i + 1), bar, ...series.slice(i + 1)];
  return next.length > maxBars ? next.slice(next.length - maxBars) : next;
}

/** Merges a batch (a history answer) bar by bar, with the same rules as `mergeBar`. */
export function mergeBars(series: readonly Bar[], bars: readonly Bar[], maxBars: number = MAX_BARS): readonly Bar[] {
  return bars.reduce((merged, bar) => mergeBar(merged, bar, maxBars), series);
}

export type BarDirection = 'up' | 'down' | 'flat';

export function barDirection(bar: Pick<Bar, 'open' | 'close'>): BarDirection {
  const order = compareDecimal(bar.close, bar.open);
  return order === 1 ? 'up' : order === -1 ? 'down' : 'flat';
}

/** Lowest low and highest high, found by comparing the decimal strings themselves so the labels stay exact. */
export interface PriceRange {
  readonly low: string;
  readonly high: string;
}

export function priceRange(bars: readonly Bar[]): PriceRange | null {
  if (bars.length === 0) return null;
  let { low, high } = bars[0];
  for (const bar of bars) {
    if (compareDecimal(bar.low, low) === -1) low = bar.low;
    if (compareDecimal(bar.high, high) === 1) high = bar.high;
  }
  return { low, high };
}

/** Share of the price span left empty above the high and below the low, so wicks never touch the frame. */
const RANGE_PADDING = 0.08;

/**
 * Maps a price to a y coordinate, the high near `top` and the low near `bottom`. Converting to Number is for
 * pixels only: nothing computed here is shown or kept as a price. A flat range is opened around its price.
 */
export function priceToY(range: PriceRange, top: number, bottom: number): (price: string) => number {
  const low = Number(range.low);
  const high = Number(range.high);
  const span = high - low;
  const pad = span > 0 ? span * RANGE_PADDING : Math.max(Math.abs(high) * 0.001, 1e-6);
  const max = high + pad;
  const min = low - pad;
  const scale = (bottom - top) / (max - min);
  return (price) => round2(top + (max - Number(price)) * scale);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

const hourMinute = new Intl.DateTimeFormat('pt-BR', { timeZone: B3_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayMonth = new Intl.DateTimeFormat('pt-BR', { timeZone: B3_TIME_ZONE, day: '2-digit', month: '2-digit' });

/** São Paulo date of a bar, to notice where a day changes along the axis. */
function b3Day(iso: string): string {
  return dayMonth.format(Date.parse(iso));
}

/** "26/11 14:03" in São Paulo time; a D1 bar is a São Paulo calendar day, so it shows the date only. */
export function formatBarStart(iso: string, interval: CandleInterval): string {
  const millis = Date.parse(iso);
  if (Number.isNaN(millis)) return iso;
  return interval === 'D1' ? dayMonth.format(millis) : `${dayMonth.format(millis)} ${hourMinute.format(millis)}`;
}

export interface ChartFrame {
  readonly width: number;
  readonly height: number;
  /**
   * Fewest candle slots across the plot (more when there are more bars); the newest bar takes the rightmost one,
   * so a session's first few bars are drawn wide instead of as slivers at the edge.
   */
  readonly minSlots: number;
}

export interface PlotArea {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export interface CandleShape {
  readonly bar: Bar;
  readonly x: number;
  readonly bodyX: number;
  readonly bodyWidth: number;
  readonly bodyTop: number;
  readonly bodyHeight: number;
  readonly wickTop: number;
  readonly wickBottom: number;
  readonly direction: BarDirection;
  readonly forming: boolean;
}

export interface PriceMark {
  readonly price: string;
  readonly y: number;
}

export interface TimeTick {
  readonly x: number;
  readonly label: string;
  readonly start: string;
}

export interface ChartLayout {
  readonly plot: PlotArea;
  readonly candles: readonly CandleShape[];
  /** SVG path through each bar's own VWAP. */
  readonly vwapPath: string;
  readonly high: PriceMark;
  readonly low: PriceMark;
  readonly last: PriceMark & { readonly direction: BarDirection };
  readonly timeTicks: readonly TimeTick[];
}

/** Room for the price labels on the right and the time labels below. */
const MARGIN = { left: 8, right: 78, top: 12, bottom: 24 } as const;
/** Time labels closer than this would run into each other. */
const MIN_LABEL_SPACING = 64;
/** Nice label steps, in bars of each interval, so labels land on round clock times (:00, :10, on the hour…). */
const LABEL_STEPS: Record<CandleInterval, readonly number[]> = {
  M1: [1, 2, 5, 10, 15, 30, 60, 120],
  M5: [1, 2, 3, 6, 12, 24],
  M15: [1, 2, 4, 8, 16],
  H1: [1, 2, 3, 6, 12, 24],
  D1: [1, 2, 5, 10, 20, 30],
};

/**
 * Labels bars whose start is a round multiple of a step chosen from the slot width, so a label stays on its bar
 * while new bars push the series left; sessions leave gaps between bars, so labels are also kept apart by
 * distance. An intraday label shows the date instead of the time where the São Paulo day changes.
 */
function timeTicks(candles: readonly CandleShape[], interval: CandleInterval, slotWidth: number, plot: PlotArea): TimeTick[] {
  const barsApart = Math.ceil(MIN_LABEL_SPACING / slotWidth);
  const steps = LABEL_STEPS[interval];
  const step = steps.find((s) => s >= barsApart) ?? steps[steps.length - 1];
  const ticks: TimeTick[] = [];
  let previousX = -Infinity;
  let previousDay: string | null = null;
  for (const { bar, x } of candles) {
    const index = Math.round(startOf(bar) / INTERVAL_MS[interval]);
    if (index % step !== 0 || x - previousX < MIN_LABEL_SPACING || x - plot.left < MIN_LABEL_SPACING / 3) continue;
    const millis = startOf(bar);
    const day = b3Day(bar.start);
    const label = interval === 'D1' || (previousDay !== null && day !== previousDay) ? dayMonth.format(millis) : hourMinute.format(millis);
    ticks.push({ x, label, start: bar.start });
    previousX = x;
    previousDay = day;
  }
  // A few bars may all miss the round times; the oldest one then still says where the chart starts.
  const oldest = candles[0];
  if (ticks.length === 0 && oldest) {
    const label = interval === 'D1' ? dayMonth.format(startOf(oldest.bar)) : hourMinute.format(startOf(oldest.bar));
    ticks.push({ x: Math.max(oldest.x, plot.left + MIN_LABEL_SPACING / 3), label, start: oldest.bar.start });
  }
  return ticks;
}

/** Everything the SVG needs, in its own coordinates; null when there is nothing to draw. */
export function layoutChart(bars: readonly Bar[], interval: CandleInterval, frame: ChartFrame): ChartLayout | null {
  const range = priceRange(bars);
  if (!range) return null;
  const plot: PlotArea = { left: MARGIN.left, right: frame.width - MARGIN.right, top: MARGIN.top, bottom: frame.height - MARGIN.bottom };
  const y = priceToY(range, plot.top, plot.bottom);
  const slotWidth = (plot.right - plot.left) / Math.max(frame.minSlots, bars.length);
  const bodyWidth = round2(Math.max(1, slotWidth * 0.64));
  const candles = bars.map((bar, i): CandleShape => {
    const x = round2(plot.right - (bars.length - i - 0.5) * slotWidth);
    const openY = y(bar.open);
    const closeY = y(bar.close);
    const bodyTop = Math.min(openY, closeY);
    return {
      bar,
      x,
      bodyX: round2(x - bodyWidth / 2),
      bodyWidth,
      bodyTop,
      // A doji still gets a visible body.
      bodyHeight: round2(Math.max(1, Math.abs(openY - closeY))),
      wickTop: y(bar.high),
      wickBottom: y(bar.low),
      direction: barDirection(bar),
      forming: !bar.closed,
    };
  });
  const lastBar = bars[bars.length - 1];
  return {
    plot,
    candles,
    vwapPath: candles.map((c, i) => `${i === 0 ? 'M' : 'L'}${c.x} ${y(c.bar.vwap)}`).join(' '),
    high: { price: range.high, y: y(range.high) },
    low: { price: range.low, y: y(range.low) },
    last: { price: lastBar.close, y: y(lastBar.close), direction: barDirection(lastBar) },
    timeTicks: timeTicks(candles, interval, slotWidth, plot),
  };
}
