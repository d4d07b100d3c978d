import { sessionDateOf, sessionStartOf } from './trading-session';

describe('trading session (São Paulo date)', () => {
  it('puts an instant on its São Paulo date, not its UTC date', () => {
    // 02:59 UTC is 23:59 the evening before in São Paulo (UTC−3)
    expect(sessionDateOf(new Date('2026-03-03T02:59:59.999Z'))).toBe('2026-03-02');
    expect(sessionDateOf(new Date('2026-03-03T03:00:00.000Z'))).toBe('2026-03-03');
    expect(sessionDateOf(new Date('2026-03-02T13:00:00.000Z'))).toBe('2026-03-02');
  });

  it('starts a session at São Paulo midnight', () => {
    expect(sessionStartOf('2026-03-02').toISOString()).toBe('2026-03-02T03:00:00.000Z');
    expect(sessionStartOf('2026-12-31').toISOString()).toBe('2026-12-31T03:00:00.000Z');
    expect(sessionDateOf(sessionStartOf('2026-07-09'))).toBe('2026-07-09');
    expect(sessionDateOf(new Date(sessionStartOf('2026-07-09').getTime() - 1))).toBe('2026-07-08');
  });

  it('refuses what is not a date', () => {
    expect(() => sessionStartOf('2026-3-2')).toThrow(RangeError);
    expect(() => sessionDateOf(new Date(Number.NaN))).toThrow(RangeError);
  });
});
