import type { Bar } from './candleSeries';
import { initialCandleState, reduceCandles } from './candleState';

const WIN_M1 = { symbol: 'WINZ26', interval: 'M1' } as const;

function bar(minutes: number, fields: Partial<Bar> = {}): Bar {
  const start = new Date(Date.UTC(2026, 10, 26, 13, minutes)).toISOString();
  return {
    ...WIN_M1,
    start,
    end: new Date(Date.parse(start) + 60_000).toISOString(),
    open: '125000',
    high: '125010',
    low: '124990',
    close: '125005',
    volume: 10,
    trades: 3,
    turnover: '1250030',
    vwap: '125003',
    closed: true,
    ...fields,
  };
}

describe('reduceCandles', () => {
  it('is loaded, and empty, once history answers without bars', () => {
    const state = reduceCandles(initialCandleState(WIN_M1), { type: 'history', ...WIN_M1, bars: [] });
    expect(state).toMatchObject({ loaded: true, bars: [] });
  });

  it('draws live bars that arrive before the history, and keeps them when it answers', () => {
    let state = reduceCandles(initialCandleState(WIN_M1), { type: 'update', ...WIN_M1, bar: bar(2, { trades: 8, closed: false }) });
    expect(state).toMatchObject({ loaded: false });
    expect(state.bars).toHaveLength(1);
    state = reduceCandles(state, { type: 'history', ...WIN_M1, bars: [bar(0), bar(1), bar(2, { trades: 6, closed: false })] });
    expect(state.bars.map((b) => b.trades)).toEqual([3, 3, 8]);
    expect(state.loaded).toBe(true);
  });

  it('drops a late update from the subscription the chart has left', () => {
    const state = reduceCandles(initialCandleState({ symbol: 'PETR4', interval: 'M1' }), {
      type: 'history',
      symbol: 'PETR4',
      interval: 'M1',
      bars: [],
    });
    const late = bar(3);
    expect(reduceCandles(state, { type: 'update', symbol: 'PETR4', interval: 'M1', bar: late })).toBe(state);
    expect(reduceCandles(state, { type: 'update', symbol: 'PETR4', interval: 'M5', bar: late })).toBe(state);
  });

  it('starts over for another symbol or interval', () => {
    const win = reduceCandles(initialCandleState(WIN_M1), { type: 'history', ...WIN_M1, bars: [bar(0), bar(1)] });
    const m5 = { symbol: 'WINZ26', interval: 'M5' } as const;
    const switched = reduceCandles(win, { type: 'update', ...m5, bar: bar(0, { interval: 'M5', closed: false }) });
    expect(switched).toMatchObject({ ...m5, loaded: false });
    expect(switched.bars).toHaveLength(1);
  });

  it('keeps the bars it has when a request fails, and clears each error with its own recovery', () => {
    let state = reduceCandles(initialCandleState(WIN_M1), { type: 'update', ...WIN_M1, bar: bar(0, { closed: false }) });
    state = reduceCandles(state, { type: 'liveFailed', ...WIN_M1, message: 'market subgraph unavailable' });
    state = reduceCandles(state, { type: 'historyFailed', ...WIN_M1, message: 'Unknown symbol' });
    expect(state).toMatchObject({ liveError: 'market subgraph unavailable', historyError: 'Unknown symbol' });
    expect(state.bars).toHaveLength(1);
    state = reduceCandles(state, { type: 'update', ...WIN_M1, bar: bar(0, { trades: 4, closed: false }) });
    // A live bar cannot fill in the missing history, so only the subscription's error goes away.
    expect(state).toMatchObject({ liveError: null, historyError: 'Unknown symbol' });
    state = reduceCandles(state, { type: 'history', ...WIN_M1, bars: [bar(0, { trades: 4, closed: false })] });
    expect(state.historyError).toBeNull();
  });

  it('returns the same state for an update that changes nothing', () => {
    const state = reduceCandles(initialCandleState(WIN_M1), { type: 'update', ...WIN_M1, bar: bar(0, { trades: 5, closed: false }) });
    expect(reduceCandles(state, { type: 'update', ...WIN_M1, bar: bar(0, { trades: 4, closed: false }) })).toBe(state);
  });
});
