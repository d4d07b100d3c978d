import { inRunWindow, nextRunAt } from './agent-schedule';

describe('agent schedule', () => {
  it('runs weekdays 10:00–18:00 São Paulo time (UTC−3)', () => {
    expect(inRunWindow(new Date('2026-11-26T12:59:59Z'))).toBe(false); // Thu 09:59:59
    expect(inRunWindow(new Date('2026-11-26T13:00:00Z'))).toBe(true); // 10:00
    expect(inRunWindow(new Date('2026-11-26T20:30:00Z'))).toBe(true); // 17:30, the cash market's after-hours gap included
    expect(inRunWindow(new Date('2026-11-26T20:59:59Z'))).toBe(true); // 17:59:59
    expect(inRunWindow(new Date('2026-11-26T21:00:00Z'))).toBe(false); // 18:00
    expect(inRunWindow(new Date('2026-11-28T15:00:00Z'))).toBe(false); // Saturday noon
  });

  it('lines runs up on the clock', () => {
    expect(nextRunAt(new Date('2026-11-26T13:07:12Z'), 15).toISOString()).toBe('2026-11-26T13:15:00.000Z');
    expect(nextRunAt(new Date('2026-11-26T13:15:00Z'), 15).toISOString()).toBe('2026-11-26T13:30:00.000Z');
    expect(nextRunAt(new Date('2026-11-26T13:59:30Z'), 1).toISOString()).toBe('2026-11-26T14:00:00.000Z');
    expect(() => nextRunAt(new Date(), 0)).toThrow(RangeError);
  });
});
