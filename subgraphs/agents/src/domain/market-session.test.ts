import { marketSessionAt, type SessionPhase } from './market-session';

const phaseAt = (iso: string): SessionPhase => marketSessionAt(new Date(iso)).phase;

describe('B3 cash equities session', () => {
  // Thursday 2026-11-26; São Paulo is UTC-3, so 10:00 there is 13:00Z.
  it.each([
    ['2026-11-26T12:44:59.999Z', 'CLOSED'],
    ['2026-11-26T12:45:00.000Z', 'PRE_OPENING'],
    ['2026-11-26T12:59:59.999Z', 'PRE_OPENING'],
    ['2026-11-26T13:00:00.000Z', 'OPEN'],
    ['2026-11-26T19:54:59.999Z', 'OPEN'],
    ['2026-11-26T19:55:00.000Z', 'CLOSING_CALL'],
    ['2026-11-26T19:59:59.999Z', 'CLOSING_CALL'],
    ['2026-11-26T20:00:00.000Z', 'CLOSED'],
    ['2026-11-26T20:29:59.999Z', 'CLOSED'],
    ['2026-11-26T20:30:00.000Z', 'AFTER_MARKET'],
    ['2026-11-26T20:59:59.999Z', 'AFTER_MARKET'],
    ['2026-11-26T21:00:00.000Z', 'CLOSED'],
  ])('%s is %s', (iso, phase) => {
    expect(phaseAt(iso)).toBe(phase);
  });

  it('reports the session of the day while it has not closed', () => {
    const session = marketSessionAt(new Date('2026-11-26T12:50:00Z'));
    expect(session.opensAt.toISOString()).toBe('2026-11-26T13:00:00.000Z');
    expect(session.closesAt.toISOString()).toBe('2026-11-26T20:00:00.000Z');
    expect(session.timezone).toBe('America/Sao_Paulo');
  });

  it('points at the next trading day once the close has passed', () => {
    const session = marketSessionAt(new Date('2026-11-26T20:00:00Z'));
    expect(session.opensAt.toISOString()).toBe('2026-11-27T13:00:00.000Z');
    expect(session.closesAt.toISOString()).toBe('2026-11-27T20:00:00.000Z');
  });

  it('is closed at weekends, with Monday as the next session', () => {
    const saturdayMidday = marketSessionAt(new Date('2026-11-28T14:00:00Z'));
    expect(saturdayMidday.phase).toBe('CLOSED');
    expect(saturdayMidday.opensAt.toISOString()).toBe('2026-11-30T13:00:00.000Z');
  });

  it('judges the day by the São Paulo calendar, not the UTC one', () => {
    // Saturday 02:00 UTC is still Friday 23:00 in São Paulo: after Friday's close, so Monday is next.
    const fridayNight = marketSessionAt(new Date('2026-11-28T02:00:00Z'));
    expect(fridayNight.phase).toBe('CLOSED');
    expect(fridayNight.opensAt.toISOString()).toBe('2026-11-30T13:00:00.000Z');
    // Monday 01:00 UTC is Sunday 22:00 in São Paulo: the next session is later that same UTC day.
    const sundayNight = marketSessionAt(new Date('2026-11-30T01:00:00Z'));
    expect(sundayNight.phase).toBe('CLOSED');
    expect(sundayNight.opensAt.toISOString()).toBe('2026-11-30T13:00:00.000Z');
  });

  it('follows the offset in force on the date (Brazil used daylight saving time until 2019)', () => {
    // Monday 2018-12-03 was UTC-2: 10:00 in São Paulo was 12:00Z; a fixed UTC-3 would call it 09:00.
    const session = marketSessionAt(new Date('2018-12-03T12:00:00Z'));
    expect(session.phase).toBe('OPEN');
    expect(session.opensAt.toISOString()).toBe('2018-12-03T12:00:00.000Z');
    expect(session.closesAt.toISOString()).toBe('2018-12-03T19:00:00.000Z');
  });
});
