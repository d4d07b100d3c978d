import { isoWeekLabel, weekStart, weekWindow } from './iso-week';

describe('ISO weeks (UTC)', () => {
  it.each([
    ['2026-11-26T13:00:00Z', '2026-11-23', '2026-W48'],
    ['2026-11-23T00:00:00Z', '2026-11-23', '2026-W48'],
    ['2026-11-22T23:59:59.999Z', '2026-11-16', '2026-W47'],
    // 2027-01-01 is a Friday: its week is the last of 2026, which has 53 weeks
    ['2027-01-01T12:00:00Z', '2026-12-28', '2026-W53'],
    ['2027-01-04T00:00:00Z', '2027-01-04', '2027-W01'],
    // 2024-12-30 is a Monday whose Thursday is in 2025
    ['2024-12-31T00:00:00Z', '2024-12-30', '2025-W01'],
    ['2021-01-03T10:00:00Z', '2020-12-28', '2020-W53'],
  ])('%s is in the week of Monday %s, %s', (at, monday, label) => {
    expect(weekStart(new Date(at)).toISOString().slice(0, 10)).toBe(monday);
    expect(isoWeekLabel(new Date(at))).toBe(label);
  });

  it('lists a window of Mondays, oldest first, ending with the current week', () => {
    const window = weekWindow(new Date('2026-11-26T13:00:00Z'), 3).map((d) => d.toISOString());
    expect(window).toEqual(['2026-11-09T00:00:00.000Z', '2026-11-16T00:00:00.000Z', '2026-11-23T00:00:00.000Z']);
  });
});
