import { B3_CASH_EQUITIES, marketSessionAt, type TradingSchedule } from './market-session';

const SIX_PM = 18 * 60;

/**
 * When the orchestrator's schedule runs: weekdays 10:00–18:00 São Paulo. That is B3's regular session
 * with the close at 18:00 (its timetable while the US is on standard time, see B3_CASH_EQUITIES), read
 * through the same session rules so holidays, once modelled there, apply here too.
 */
export const AGENT_RUN_HOURS: TradingSchedule = {
  ...B3_CASH_EQUITIES,
  closingCall: SIX_PM,
  close: SIX_PM,
  afterMarketOpen: SIX_PM,
  afterMarketClose: SIX_PM,
};

export function inRunWindow(at: Date, schedule: TradingSchedule = AGENT_RUN_HOURS): boolean {
  return marketSessionAt(at, schedule).phase === 'OPEN';
}

/**
 * The next run after `after`, on the clock's `everyMinutes` grid (…:00, :15, :30, :45 for 15). UTC minutes
 * and São Paulo minutes line up because Brazil's offsets are whole hours.
 */
export function nextRunAt(after: Date, everyMinutes: number): Date {
  if (!Number.isInteger(everyMinutes) || everyMinutes < 1) throw new RangeError(`everyMinutes must be a positive whole number, got ${everyMinutes}`);
  const step = everyMinutes * 60_000;
  return new Date((Math.floor(after.getTime() / step) + 1) * step);
}
