import { addDays, instantAt, wallClockAt, weekdayOf } from './zoned-time';

const SP = 'America/Sao_Paulo';

describe('zoned time', () => {
  it('reads the São Paulo wall clock, which can be the previous calendar day', () => {
    expect(wallClockAt(new Date('2026-11-28T02:00:00Z'), SP)).toEqual({ year: 2026, month: 11, day: 27, hour: 23, minute: 0, second: 0 });
  });

  it('truncates to the second and shows midnight as hour 0', () => {
    expect(wallClockAt(new Date('2026-11-27T03:00:59.999Z'), SP)).toEqual({ year: 2026, month: 11, day: 27, hour: 0, minute: 0, second: 59 });
  });

  it('finds the instant of a wall-clock time with the offset in force on that date', () => {
    expect(instantAt({ year: 2026, month: 11, day: 26, hour: 10, minute: 0, second: 0 }, SP).toISOString()).toBe('2026-11-26T13:00:00.000Z');
    // Brazil observed daylight saving time (UTC-2) until 2019.
    expect(instantAt({ year: 2018, month: 12, day: 3, hour: 10, minute: 0, second: 0 }, SP).toISOString()).toBe('2018-12-03T12:00:00.000Z');
  });

  it('round-trips wall clock → instant → wall clock across a year', () => {
    for (let day = 0; day < 365; day += 7) {
      const date = addDays({ year: 2018, month: 1, day: 1 }, day);
      const wall = { ...date, hour: 16, minute: 55, second: 30 };
      expect(wallClockAt(instantAt(wall, SP), SP)).toEqual(wall);
    }
  });

  it('does calendar arithmetic across month and year ends', () => {
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(weekdayOf({ year: 2026, month: 11, day: 26 })).toBe(4);
  });
});
