import { addDays, type CalendarDate, instantAt, wallClockAt, weekdayOf } from './zoned-time';

export const SESSION_PHASES = ['PRE_OPENING', 'OPEN', 'CLOSING_CALL', 'AFTER_MARKET', 'CLOSED'] as const;
export type SessionPhase = (typeof SESSION_PHASES)[number];

/** Clock times as minutes after local midnight. */
export interface TradingSchedule {
  timeZone: string;
  preOpening: number;
  open: number;
  closingCall: number;
  close: number;
  afterMarketOpen: number;
  afterMarketClose: number;
}

const at = (hour: number, minute = 0): number => hour * 60 + minute;

/**
 * B3 cash equities on the 10:00–17:00 timetable. B3 moves the close to 18:00 (and drops the
 * after-market) while the US is not on daylight saving time; that switch is not modelled yet.
 * The 17:25–17:30 order-cancellation window before the after-market counts as CLOSED.
 */
export const B3_CASH_EQUITIES: TradingSchedule = {
  timeZone: 'America/Sao_Paulo',
  preOpening: at(9, 45),
  open: at(10),
  closingCall: at(16, 55),
  close: at(17),
  afterMarketOpen: at(17, 30),
  afterMarketClose: at(18),
};

export interface MarketSession {
  phase: SessionPhase;
  at: Date;
  /** Regular session in progress, or the next one when none is: the first trading day not yet closed. */
  opensAt: Date;
  closesAt: Date;
  timezone: string;
}

// Exchange holidays are not known yet: on a holiday that falls on a weekday this reports regular hours.
function isTradingDay(date: CalendarDate): boolean {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6;
}

function nextTradingDay(after: CalendarDate): CalendarDate {
  let day = addDays(after, 1);
  while (!isTradingDay(day)) day = addDays(day, 1);
  return day;
}

function phaseAt(secondOfDay: number, schedule: TradingSchedule): SessionPhase {
  const minute = secondOfDay / 60;
  if (minute >= schedule.preOpening && minute < schedule.open) return 'PRE_OPENING';
  if (minute >= schedule.open && minute < schedule.closingCall) return 'OPEN';
  if (minute >= schedule.closingCall && minute < schedule.close) return 'CLOSING_CALL';
  if (minute >= schedule.afterMarketOpen && minute < schedule.afterMarketClose) return 'AFTER_MARKET';
  return 'CLOSED';
}

function instantOnDay(day: CalendarDate, minuteOfDay: number, timeZone: string): Date {
  return instantAt({ ...day, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60, second: 0 }, timeZone);
}

/** The session phase at an instant, judged by the exchange's own wall clock. */
export function marketSessionAt(instant: Date, schedule: TradingSchedule = B3_CASH_EQUITIES): MarketSession {
  const wall = wallClockAt(instant, schedule.timeZone);
  const today: CalendarDate = { year: wall.year, month: wall.month, day: wall.day };
  const secondOfDay = wall.hour * 3600 + wall.minute * 60 + wall.second;
  const trading = isTradingDay(today);
  const sessionDay = trading && secondOfDay < schedule.close * 60 ? today : nextTradingDay(today);
  return {
    phase: trading ? phaseAt(secondOfDay, schedule) : 'CLOSED',
    at: instant,
    opensAt: instantOnDay(sessionDay, schedule.open, schedule.timeZone),
    closesAt: instantOnDay(sessionDay, schedule.close, schedule.timeZone),
    timezone: schedule.timeZone,
  };
}
