import { type Candle, type CandleInterval, toPriceBar } from './candle';
import { compare, divide, formatFixed, fromInteger, fromNumber, parseFixed } from './decimal';
import { atr, bollinger, ema, macd, rsi, vwap } from './indicators';
import { wallClockAt } from './zoned-time';

export const DIRECTIONS = ['BUY', 'SELL', 'HOLD'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const CONFIDENCE_LABELS = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type ConfidenceLabel = (typeof CONFIDENCE_LABELS)[number];

export const INDICATORS = ['EMA_TREND', 'MACD', 'RSI', 'BOLLINGER', 'VWAP', 'ATR'] as const;
export type Indicator = (typeof INDICATORS)[number];

/**
 * Votes are weighted: trend and momentum (EMA stack, MACD, RSI) count twice, price-versus-average reads
 * (Bollinger middle, VWAP) once; ATR measures volatility and never votes. Integer weights over a total of
 * 8 keep every confidence an exact multiple of 0.125.
 */
export const INDICATOR_WEIGHTS: Readonly<Record<Indicator, number>> = { EMA_TREND: 2, MACD: 2, RSI: 2, BOLLINGER: 1, VWAP: 1, ATR: 0 };
const TOTAL_WEIGHT = Object.values(INDICATOR_WEIGHTS).reduce((a, b) => a + b, 0);
/** Net weight (BUY minus SELL) needed to call a direction: a quarter of the total. */
const DIRECTION_THRESHOLD = TOTAL_WEIGHT / 4;

export const HIGH_CONFIDENCE = '0.7';
export const MEDIUM_CONFIDENCE = '0.4';

/** RSI momentum zones: at or above 55 buyers lead, at or below 45 sellers. */
const RSI_BULL = 55;
const RSI_BEAR = 45;

export const PERIODS = { rsi: 14, macd: [12, 26, 9], ema: [9, 21, 50], bollinger: [20, 2], atr: 14 } as const;

export interface IndicatorVote {
  readonly indicator: Indicator;
  /** Null: the indicator had too few bars, or never votes (ATR). */
  readonly vote: Direction | null;
  readonly weight: number;
  readonly reason: string;
}

/** Indicator values at the latest bar, rounded to 4 decimals as text; null without enough bars. */
export interface IndicatorValues {
  readonly rsi: string | null;
  readonly macd: string | null;
  readonly macdSignal: string | null;
  readonly macdHistogram: string | null;
  readonly ema9: string | null;
  readonly ema21: string | null;
  readonly ema50: string | null;
  readonly bollingerUpper: string | null;
  readonly bollingerMiddle: string | null;
  readonly bollingerLower: string | null;
  readonly vwap: string | null;
  readonly atr: string | null;
}

export interface MarketSignal {
  readonly symbol: string;
  readonly interval: CandleInterval;
  readonly direction: Direction;
  /** 0–1, exact decimal text: the share of the total indicator weight that voted for `direction`. */
  readonly confidence: string;
  readonly confidenceLabel: ConfidenceLabel;
  /** The latest bar's close (the forming bar's, so the live price); null without bars. */
  readonly price: string | null;
  /** One line per indicator, naming its vote. */
  readonly reasons: readonly string[];
  readonly votes: readonly IndicatorVote[];
  readonly indicators: IndicatorValues;
  /** Bars the analysis read. */
  readonly candles: number;
  readonly generatedAt: Date;
}

export interface AnalysisInput {
  readonly symbol: string;
  readonly interval: CandleInterval;
  /** Oldest first, as the market serves them; the last may still be forming. */
  readonly candles: readonly Candle[];
  readonly at: Date;
}

export function confidenceLabelOf(confidence: string): ConfidenceLabel {
  const value = parseFixed(confidence);
  if (compare(value, parseFixed(HIGH_CONFIDENCE)) >= 0) return 'HIGH';
  if (compare(value, parseFixed(MEDIUM_CONFIDENCE)) >= 0) return 'MEDIUM';
  return 'LOW';
}

const fmt = (value: number | null): string | null => (value === null ? null : fromNumber(value));
const need = (label: string, bars: number, have: number): string => `${label}: needs ${bars} bars, has ${have}: no vote`;

/**
 * Floats carry noise (a flat series' EMA can differ from its price in the 15th digit): differences smaller
 * than a billionth of the price count as equal, so "flat" reads HOLD and not a coin toss.
 */
function comparator(price: number): (a: number, b: number) => -1 | 0 | 1 {
  const tolerance = 1e-9 * Math.max(1, Math.abs(price));
  return (a, b) => (a - b > tolerance ? 1 : b - a > tolerance ? -1 : 0);
}

/** The bars of the last bar's São Paulo trading day: VWAP is a session measure (D1 bars use the window). */
function sessionBars(candles: readonly Candle[], interval: CandleInterval): readonly Candle[] {
  if (interval === 'D1' || candles.length === 0) return candles;
  const dayOf = (c: Candle): string => {
    const wall = wallClockAt(new Date(c.start), 'America/Sao_Paulo');
    return `${wall.year}-${wall.month}-${wall.day}`;
  };
  const today = dayOf(candles[candles.length - 1]);
  return candles.filter((c) => dayOf(c) === today);
}

/** Combines RSI, MACD, the EMA stack, Bollinger, VWAP and ATR of the bars into one deterministic call. */
export function analyzeCandles(input: AnalysisInput): MarketSignal {
  const closes = input.candles.map((c) => Number(c.close));
  const n = closes.length;
  const last = closes[n - 1] ?? 0;
  const cmp = comparator(last);
  const priceText = input.candles[n - 1]?.close ?? null;

  const [fast, slow, signalPeriod] = PERIODS.macd;
  const [e9p, e21p, e50p] = PERIODS.ema;
  const [bbPeriod, bbK] = PERIODS.bollinger;
  const rsiValue = rsi(closes, PERIODS.rsi);
  const macdValue = macd(closes, fast, slow, signalPeriod);
  const [e9, e21, e50] = [ema(closes, e9p), ema(closes, e21p), ema(closes, e50p)];
  const bands = bollinger(closes, bbPeriod, bbK);
  const vwapValue = vwap(sessionBars(input.candles, input.interval));
  const atrValue = atr(input.candles.map(toPriceBar), PERIODS.atr);

  const votes: IndicatorVote[] = [];
  const cast = (indicator: Indicator, vote: Direction | null, reason: string): void => {
    votes.push({ indicator, vote, weight: INDICATOR_WEIGHTS[indicator], reason });
  };

  // EMA stack: price above a rising fan of averages is an uptrend; EMA50 joins once there are 50 bars.
  if (e9 === null || e21 === null) {
    cast('EMA_TREND', null, need('EMA 9/21/50', e21p, n));
  } else {
    const stack = [last, e9, e21, ...(e50 === null ? [] : [e50])];
    const pairs = stack.slice(1).map((value, i) => cmp(stack[i], value));
    const vote: Direction = pairs.every((p) => p > 0) ? 'BUY' : pairs.every((p) => p < 0) ? 'SELL' : 'HOLD';
    const values = [e9, e21, e50].map((v) => fmt(v) ?? '—').join('/');
    const read = vote === 'BUY' ? 'close above a rising stack' : vote === 'SELL' ? 'close below a falling stack' : 'averages not stacked';
    cast('EMA_TREND', vote, `EMA 9/21/50 ${values}, close ${priceText}: ${read}: ${vote}`);
  }

  if (macdValue === null) {
    cast('MACD', null, need('MACD(12,26,9)', slow + signalPeriod - 1, n));
  } else {
    const { macd: line, signal, histogram } = macdValue;
    // On a steady trend the histogram settles at zero, so it only vetoes when it points against the line.
    const vote: Direction = cmp(line, 0) > 0 && cmp(histogram, 0) >= 0 ? 'BUY' : cmp(line, 0) < 0 && cmp(histogram, 0) <= 0 ? 'SELL' : 'HOLD';
    cast('MACD', vote, `MACD(12,26,9) ${fmt(line)}, signal ${fmt(signal)}, histogram ${fmt(histogram)}: ${vote}`);
  }

  if (rsiValue === null) {
    cast('RSI', null, need('RSI(14)', PERIODS.rsi + 1, n));
  } else {
    const vote: Direction = rsiValue >= RSI_BULL ? 'BUY' : rsiValue <= RSI_BEAR ? 'SELL' : 'HOLD';
    const zone = rsiValue >= 70 ? ' (overbought)' : rsiValue <= 30 ? ' (oversold)' : '';
    cast('RSI', vote, `RSI(14) ${fmt(rsiValue)}${zone}: momentum ${vote === 'BUY' ? `at or above ${RSI_BULL}` : vote === 'SELL' ? `at or below ${RSI_BEAR}` : 'neutral'}: ${vote}`);
  }

  if (bands === null) {
    cast('BOLLINGER', null, need('Bollinger(20,2)', bbPeriod, n));
  } else {
    const side = cmp(last, bands.middle);
    const vote: Direction = side > 0 ? 'BUY' : side < 0 ? 'SELL' : 'HOLD';
    const where = cmp(last, bands.upper) > 0 ? 'above the upper band' : cmp(last, bands.lower) < 0 ? 'below the lower band' : side > 0 ? 'above the middle' : side < 0 ? 'below the middle' : 'on the middle';
    cast('BOLLINGER', vote, `Bollinger(20,2) ${fmt(bands.lower)}–${fmt(bands.upper)}, middle ${fmt(bands.middle)}: close ${where}: ${vote}`);
  }

  if (vwapValue === null || priceText === null) {
    cast('VWAP', null, 'VWAP: no volume in the session: no vote');
  } else {
    const side = compare(parseFixed(priceText), parseFixed(vwapValue));
    const vote: Direction = side > 0 ? 'BUY' : side < 0 ? 'SELL' : 'HOLD';
    cast('VWAP', vote, `VWAP ${vwapValue}, close ${priceText} ${side > 0 ? 'above' : side < 0 ? 'below' : 'on'} it: ${vote}`);
  }

  if (atrValue === null) {
    cast('ATR', null, need('ATR(14)', PERIODS.atr + 1, n).replace(': no vote', ': volatility unknown, no vote'));
  } else {
    const pct = last > 0 ? ` (${fromNumber((atrValue / last) * 100, 2)}% of the price)` : '';
    cast('ATR', null, `ATR(14) ${fmt(atrValue)}${pct}: volatility, no vote`);
  }

  const weightOf = (d: Direction): number => votes.filter((v) => v.vote === d).reduce((a, v) => a + v.weight, 0);
  const net = weightOf('BUY') - weightOf('SELL');
  const direction: Direction = net >= DIRECTION_THRESHOLD ? 'BUY' : net <= -DIRECTION_THRESHOLD ? 'SELL' : 'HOLD';
  const confidence = formatFixed(divide(fromInteger(weightOf(direction)), fromInteger(TOTAL_WEIGHT), 4));

  return {
    symbol: input.symbol,
    interval: input.interval,
    direction,
    confidence,
    confidenceLabel: confidenceLabelOf(confidence),
    price: priceText,
    reasons: votes.map((v) => v.reason),
    votes,
    indicators: {
      rsi: fmt(rsiValue),
      macd: fmt(macdValue?.macd ?? null),
      macdSignal: fmt(macdValue?.signal ?? null),
      macdHistogram: fmt(macdValue?.histogram ?? null),
      ema9: fmt(e9),
      ema21: fmt(e21),
      ema50: fmt(e50),
      bollingerUpper: fmt(bands?.upper ?? null),
      bollingerMiddle: fmt(bands?.middle ?? null),
      bollingerLower: fmt(bands?.lower ?? null),
      vwap: vwapValue,
      atr: fmt(atrValue),
    },
    candles: n,
    generatedAt: input.at,
  };
}
