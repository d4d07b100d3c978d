import { type Bar, barDirection, formatBarStart, layoutChart, mergeBar, mergeBars, priceRange, priceToY } from './candleSeries';

/** Start of the M1 bar `minutes` after 13:00 UTC (10:00 in São Paulo) on 2026-11-26. */
const minute = (minutes: number): string => new Date(Date.UTC(2026, 10, 26, 13, minutes)).toISOString();

function bar(start: string, fields: Partial<Bar> = {}): Bar {
  return {
    symbol: 'WINZ26',
    interval: 'M1',
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

const startsOf = (series: readonly Bar[]): string[] => series.map((b) => b.start);

describe('mergeBar', () => {
  it('starts a series with the first bar and appends newer ones', () => {
    const one = mergeBar([], bar(minute(0)), 5);
    const two = mergeBar(one, bar(minute(1)), 5);
    expect(startsOf(two)).toEqual([minute(0), minute(1)]);
  });

  it('replaces the forming bar with its later state and then with its close', () => {
    const forming = [bar(minute(0)), bar(minute(1), { trades: 4, close: '125010', closed: false })];
    const updated = mergeBar(forming, bar(minute(1), { trades: 5, close: '125015', high: '125015', closed: false }), 5);
    expect(updated).toHaveLength(2);
    expect(updated[1]).toMatchObject({ trades: 5, close: '125015', closed: false });
    expect(updated[0]).toBe(forming[0]);
    const closed = mergeBar(updated, bar(minute(1), { trades: 5, close: '125015', closed: true }), 5);
    expect(closed[1].closed).toBe(true);
  });

  it('never rolls a bar back to an earlier state, whatever the arrival order', () => {
    const series = [bar(minute(0), { trades: 9, closed: false })];
    expect(mergeBar(series, bar(minute(0), { trades: 7, closed: false }), 5)).toBe(series);
    // Equal trade counts: the closed state stays, since the bar cannot reopen.
    const closed = [bar(minute(0), { trades: 9, closed: true })];
    expect(mergeBar(closed, bar(minute(0), { trades: 9, closed: false }), 5)).toBe(closed);
  });

  it('takes a live close with more trades over a closed bar from a store that lagged', () => {
    const fromQuery = [bar(minute(0), { trades: 8, closed: true })];
    expect(mergeBar(fromQuery, bar(minute(0), { trades: 9, closed: true }), 5)[0].trades).toBe(9);
  });

  it('keeps only the latest bars, dropping the oldest as new ones arrive', () => {
    const full = [0, 1, 2].map((m) => bar(minute(m)));
    expect(startsOf(mergeBar(full, bar(minute(3)), 3))).toEqual([minute(1), minute(2), minute(3)]);
  });

  it('ignores a bar older than a full window, and fills one in while there is room', () => {
    const full = [1, 2, 3].map((m) => bar(minute(m)));
    expect(mergeBar(full, bar(minute(0)), 3)).toBe(full);
    expect(startsOf(mergeBar(full, bar(minute(0)), 4))).toEqual([minute(0), minute(1), minute(2), minute(3)]);
  });

  it('puts a bar between two others in start order', () => {
    const gap = [bar(minute(0)), bar(minute(5))];
    expect(startsOf(mergeBar(gap, bar(minute(2)), 5))).toEqual([minute(0), minute(2), minute(5)]);
  });

  it('ignores a bar whose start is not a date', () => {
    const series = [bar(minute(0))];
    expect(mergeBar(series, { ...bar(minute(1)), start: 'not a date' }, 5)).toBe(series);
  });
});

describe('mergeBars', () => {
  it('merges a history answer that arrives after live updates without losing them', () => {
    const live = [bar(minute(3), { trades: 12, closed: false })];
    const history = [bar(minute(1)), bar(minute(2)), bar(minute(3), { trades: 10, closed: false })];
    const merged = mergeBars(live, history, 10);
    expect(startsOf(merged)).toEqual([minute(1), minute(2), minute(3)]);
    expect(merged[2].trades).toBe(12);
  });

  it('keeps the latest bars of both', () => {
    const live = [bar(minute(4)), bar(minute(5))];
    const history = [0, 1, 2, 3, 4].map((m) => bar(minute(m)));
    expect(startsOf(mergeBars(live, history, 3))).toEqual([minute(3), minute(4), minute(5)]);
  });
});

describe('barDirection and priceRange', () => {
  it('compares close with open as decimals', () => {
    expect(barDirection({ open: '38.10', close: '38.1' })).toBe('flat');
    expect(barDirection({ open: '38.09', close: '38.1' })).toBe('up');
    expect(barDirection({ open: '125005', close: '125000' })).toBe('down');
  });

  it('finds the exact extreme prices, comparing digits rather than text', () => {
    const bars = [bar(minute(0), { low: '99999.5', high: '100000' }), bar(minute(1), { low: '100005', high: '100010.25' })];
    expect(priceRange(bars)).toEqual({ low: '99999.5', high: '100010.25' });
    expect(priceRange([])).toBeNull();
  });
});

describe('priceToY', () => {
  it('puts the high near the top and the low near the bottom, leaving room for the wicks', () => {
    const y = priceToY({ low: '100', high: '200' }, 0, 116);
    expect(y('200')).toBe(8);
    expect(y('100')).toBe(108);
    expect(y('150')).toBe(58);
    expect(y('150.5')).toBeLessThan(y('150'));
  });

  it('opens a flat range around its only price', () => {
    const y = priceToY({ low: '38.01', high: '38.01' }, 0, 100);
    expect(y('38.01')).toBe(50);
    expect(Number.isFinite(y('38.02'))).toBe(true);
  });
});

describe('formatBarStart', () => {
  it('shows the bar start in São Paulo time, the date only for daily bars', () => {
    expect(formatBarStart('2026-11-26T13:05:00.000Z', 'M5')).toBe('26/11 10:05');
    expect(formatBarStart('2026-11-26T03:00:00.000Z', 'D1')).toBe('26/11');
    expect(formatBarStart('soon', 'M1')).toBe('soon');
  });
});

describe('layoutChart', () => {
  const frame = { width: 760, height: 300, minSlots: 40 };

  it('has nothing to draw without bars', () => {
    expect(layoutChart([], 'M1', frame)).toBeNull();
  });

  it('draws the newest bar in the rightmost slot and marks it forming until it closes', () => {
    const bars = [
      bar(minute(0), { open: '100', close: '110', high: '115', low: '95', vwap: '104.25' }),
      bar(minute(1), { open: '110', close: '104', high: '112', low: '100', vwap: '106.5', closed: false }),
    ];
    const layout = layoutChart(bars, 'M1', frame)!;
    const [first, last] = layout.candles;
    expect(last.x).toBeGreaterThan(first.x);
    expect(layout.plot.right - last.x).toBeCloseTo((layout.plot.right - layout.plot.left) / 40 / 2, 1);
    expect(first).toMatchObject({ direction: 'up', forming: false });
    expect(last).toMatchObject({ direction: 'down', forming: true });
    // Up bar: body from the close (top) down to the open; wick from high to low.
    expect(first.bodyTop).toBeLessThan(first.bodyTop + first.bodyHeight);
    expect(first.wickTop).toBeLessThan(first.bodyTop);
    expect(first.wickBottom).toBeGreaterThan(first.bodyTop + first.bodyHeight);
    expect(layout.high).toMatchObject({ price: '115', y: first.wickTop });
    expect(layout.low).toMatchObject({ price: '95', y: first.wickBottom });
    expect(layout.last).toMatchObject({ price: '104', direction: 'down' });
    expect(layout.vwapPath).toMatch(/^M[\d.]+ [\d.]+ L[\d.]+ [\d.]+$/);
  });

  it('gives a bar that opened and closed at one price a visible body', () => {
    const layout = layoutChart([bar(minute(0), { open: '38.1', close: '38.10' })], 'M1', frame)!;
    expect(layout.candles[0]).toMatchObject({ direction: 'flat', bodyHeight: 1 });
  });

  it('draws bars wider while there are few, and narrower once they outnumber the minimum slots', () => {
    const few = layoutChart([bar(minute(0))], 'M1', frame)!;
    const many = layoutChart(Array.from({ length: 80 }, (_, m) => bar(minute(m))), 'M1', frame)!;
    expect(many.candles[0].bodyWidth).toBeCloseTo(few.candles[0].bodyWidth / 2, 1);
    expect(many.candles[0].x).toBeGreaterThan(many.plot.left);
  });

  it('labels round São Paulo times, kept apart, and shows the date where the day changes', () => {
    const morning = Array.from({ length: 80 }, (_, m) => bar(minute(m)));
    const labels = layoutChart(morning, 'M1', frame)!.timeTicks.map((t) => t.label);
    expect(labels).toEqual(['10:10', '10:20', '10:30', '10:40', '10:50', '11:00', '11:10']);

    const nextMorning = [0, 1, 2, 3].map((m) => bar(new Date(Date.UTC(2026, 10, 27, 13, m)).toISOString()));
    const acrossDays = layoutChart([...morning.slice(-30), ...nextMorning], 'M1', frame)!;
    expect(acrossDays.timeTicks.map((t) => t.label)).toEqual(['10:50', '10:55', '11:00', '11:05', '11:10', '11:15', '27/11']);
  });

  it('labels the oldest bar when none of a few bars starts on a round time', () => {
    const labels = layoutChart([bar(minute(3)), bar(minute(4))], 'M1', frame)!.timeTicks.map((t) => t.label);
    expect(labels).toEqual(['10:03']);
  });

  it('labels daily bars with their São Paulo date', () => {
    const days = Array.from({ length: 30 }, (_, d) =>
      bar(new Date(Date.UTC(2026, 9, 1 + d, 3)).toISOString(), { interval: 'D1' }),
    );
    const labels = layoutChart(days, 'D1', frame)!.timeTicks.map((t) => t.label);
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toMatch(/^\d{2}\/\d{2}$/);
  });
});
