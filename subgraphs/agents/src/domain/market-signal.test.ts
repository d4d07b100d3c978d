import { candlesFrom, line } from '../../test/builders';
import { analyzeCandles, confidenceLabelOf } from './market-signal';

const at = new Date('2026-11-26T15:00:00Z');
const analyze = (closes: number[], spread = 0.1) => analyzeCandles({ symbol: 'PETR4', interval: 'M1', candles: candlesFrom(closes, { spread }), at });

describe('market signal', () => {
  it('calls a steady uptrend BUY with HIGH confidence, every indicator agreeing', () => {
    const signal = analyze(line(80, 30, 0.1));
    expect(signal).toMatchObject({ direction: 'BUY', confidence: '1', confidenceLabel: 'HIGH', price: '37.9', candles: 80 });
    expect(signal.votes.filter((v) => v.vote !== null).map((v) => [v.indicator, v.vote])).toEqual([
      ['EMA_TREND', 'BUY'],
      ['MACD', 'BUY'],
      ['RSI', 'BUY'],
      ['BOLLINGER', 'BUY'],
      ['VWAP', 'BUY'],
    ]);
    // MACD of a line rising 0.1 a bar is (12.5 − 5.5) · 0.1 = 0.7 (see indicators/macd.test.ts)
    expect(signal.indicators).toMatchObject({ rsi: '100', macd: '0.7', macdSignal: '0.7', macdHistogram: '0', ema9: '37.5', ema21: '36.9', ema50: '35.45' });
    // every bar spans 0.1 + 0.1 + 0.1 = 0.3 and overlaps the previous close: ATR 0.3
    expect(signal.indicators.atr).toBe('0.3');
    expect(signal.reasons).toHaveLength(6);
    expect(signal.reasons[0]).toMatch(/^EMA 9\/21\/50 .*: BUY$/);
    expect(signal.reasons[5]).toMatch(/^ATR\(14\) 0\.3 .*no vote$/);
  });

  it('calls a steady downtrend SELL with HIGH confidence', () => {
    const signal = analyze(line(80, 40, -0.1));
    expect(signal).toMatchObject({ direction: 'SELL', confidence: '1', confidenceLabel: 'HIGH' });
  });

  it('holds on a flat series: every indicator reads HOLD, no float noise tips it', () => {
    const signal = analyze(Array(80).fill(38.51), 0);
    expect(signal).toMatchObject({ direction: 'HOLD', confidence: '1', price: '38.51' });
    expect(signal.votes.filter((v) => v.vote !== null).every((v) => v.vote === 'HOLD')).toBe(true);
    expect(signal.indicators).toMatchObject({ rsi: '50', macd: '0', vwap: '38.51', atr: '0', bollingerUpper: '38.51' });
  });

  it('after a long rise and a pullback: the trend reads unstacked, the bands and VWAP split, so HOLD', () => {
    const signal = analyze([...line(60, 30, 0.1), ...line(4, 35.8, -0.3)]);
    expect(signal.votes.map((v) => v.vote)).toEqual(['HOLD', 'HOLD', 'HOLD', 'SELL', 'BUY', null]);
    expect(signal).toMatchObject({ direction: 'HOLD', confidence: '0.75' });
  });

  it('a deeper pullback tips it to SELL, but only with LOW confidence', () => {
    const signal = analyze([...line(60, 30, 0.1), ...line(6, 35.8, -0.25)]);
    // RSI 2 + Bollinger 1 sell against VWAP 1: net 2 of 8 reaches the threshold; 3 of 8 voted SELL
    expect(signal).toMatchObject({ direction: 'SELL', confidence: '0.375', confidenceLabel: 'LOW' });
  });

  it('with few bars only the indicators that have enough vote, and say why the others do not', () => {
    const signal = analyze(line(5, 38, 0.05));
    expect(signal.votes.map((v) => v.vote)).toEqual([null, null, null, null, 'BUY', null]);
    // VWAP alone carries 1 of 8: not enough to call a direction
    expect(signal).toMatchObject({ direction: 'HOLD', confidence: '0', confidenceLabel: 'LOW' });
    expect(signal.reasons[2]).toBe('RSI(14): needs 15 bars, has 5: no vote');
  });

  it('is HOLD with no bars at all', () => {
    const signal = analyzeCandles({ symbol: 'PETR4', interval: 'M5', candles: [], at });
    expect(signal).toMatchObject({ direction: 'HOLD', confidence: '0', price: null, candles: 0 });
  });

  it('labels confidence HIGH from 0.7, MEDIUM from 0.4', () => {
    expect(['0.7', '0.6999', '0.4', '0.3999', '0'].map(confidenceLabelOf)).toEqual(['HIGH', 'MEDIUM', 'MEDIUM', 'LOW', 'LOW']);
  });

  it('reads VWAP over the last São Paulo session only', () => {
    // 10 bars on one day at 40, then 5 bars the next day at 30: the session VWAP is 30, not the mix
    const yesterday = candlesFrom(Array(10).fill(40), { start: '2026-11-25T14:00:00Z', spread: 0 });
    const today = candlesFrom(Array(5).fill(30), { start: '2026-11-26T14:00:00Z', spread: 0 });
    const signal = analyzeCandles({ symbol: 'PETR4', interval: 'M5', candles: [...yesterday, ...today], at });
    expect(signal.indicators.vwap).toBe('30');
  });
});
