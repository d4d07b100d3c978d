import { instrumentRules } from '../instrument-rules';

/**
 * When each instrument may trade. Times are B3's wall clock (America/Sao_Paulo), read through Intl so a
 * future change to Brazil's offset or a return of daylight saving needs a tzdata update, not a code change.
 */

export const ASSET_CLASSES = ['STOCK', 'FUTURE'] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];

/**
 * A session in São Paulo wall-clock time, "HH:MM" or "HH:MM:SS". Half-open: `open` is the first second
 * orders are accepted, `close` the first second they are not (09:00:00 is in, 18:00:00 is out), so
 * back-to-back sessions never both claim the boundary and "closes at 18:00" means no order at 18:00.
 */
export interface SessionHours {
  readonly open: string;
  readonly close: string;
}

export interface TradingCalendarConfig {
  readonly timeZone: string;
  readonly defaultSession: SessionHours;
  /** Override the default for a whole asset class (futures trade longer than stocks). */
  readonly assetClassSessions: { readonly [K in AssetClass]?: SessionHours };
  /** Override for one symbol, as traded ("WINZ26"); wins over the asset class. */
  readonly symbolSessions: { readonly [symbol: string]: SessionHours };
  /** Whole days without trading, São Paulo dates "YYYY-MM-DD". */
  readonly holidays: readonly string[];
  /** Days that trade with a late open or early close, for every instrument (Ash Wednesday). */
  readonly specialDays: { readonly [date: string]: Partial<SessionHours> };
  readonly classify: (symbol: string) => AssetClass;
  /** Days of the week (0 Sunday … 6 Saturday) with a session. */
  readonly tradingWeekdays: readonly number[];
}

/**
 * B3 trading holidays for 2026 (national holidays plus the exchange's own closures on 24 and 31 December).
 * NEEDS A YEARLY UPDATE: B3 publishes the next year's calendar in the last quarter; add that year's list
 * before 1 January, or every one of its holidays will look like a trading day. Since 2022 B3 trades on
 * the São Paulo city and state holidays (25 January, 9 July); 20 November is national since 2024.
 */
export const B3_HOLIDAYS_2026 = [
  '2026-01-01', // Confraternização Universal
  '2026-02-16', // Carnaval (Monday)
  '2026-02-17', // Carnaval (Tuesday)
  '2026-04-03', // Sexta-feira Santa
  '2026-04-21', // Tiradentes
  '2026-05-01', // Dia do Trabalho
  '2026-06-04', // Corpus Christi
  '2026-09-07', // Independência
  '2026-10-12', // Nossa Senhora Aparecida
  '2026-11-02', // Finados
  '2026-11-20', // Dia Nacional de Zumbi e da Consciência Negra (15 November, Proclamação, is a Sunday)
  '2026-12-24', // Véspera de Natal: no trading
  '2026-12-25', // Natal
  '2026-12-31', // last business day of the year: no trading
] as const;

/** Ash Wednesday opens at 13:00 after Carnaval. Same caveat as the holiday list: update yearly. */
export const B3_SPECIAL_DAYS_2026: { readonly [date: string]: Partial<SessionHours> } = Object.freeze({
  '2026-02-18': { open: '13:00' },
});

/** FUTURE for contracts like WINZ26 or DI1F27, STOCK for everything else (shares, units, ETFs, BDRs). */
export function classifyB3Symbol(symbol: string): AssetClass {
  const lookup = instrumentRules(symbol);
  return lookup.ok && lookup.instrument.assetClass === 'FUTURE' ? 'FUTURE' : 'STOCK';
}

export const DEFAULT_TRADING_CALENDAR: TradingCalendarConfig = Object.freeze({
  timeZone: 'America/Sao_Paulo',
  defaultSession: { open: '09:00', close: '18:00' },
  assetClassSessions: { FUTURE: { open: '09:00', close: '18:25' } },
  symbolSessions: {},
  holidays: B3_HOLIDAYS_2026,
  specialDays: B3_SPECIAL_DAYS_2026,
  classify: classifyB3Symbol,
  tradingWeekdays: [1, 2, 3, 4, 5],
});

/**
 * A venue that never closes: the simulator trades around the clock, so a demo or a test at night or on a
 * Sunday is not refused on TRADING_HOURS. Never for a real broker (ORDERS_TRADING_HOURS in docs/orders.md).
 */
export const ALWAYS_OPEN_CALENDAR: TradingCalendarConfig = Object.freeze({
  ...DEFAULT_TRADING_CALENDAR,
  defaultSession: { open: '00:00', close: '24:00' },
  assetClassSessions: {},
  holidays: [],
  specialDays: {},
  tradingWeekdays: [0, 1, 2, 3, 4, 5, 6],
});

export const TRADING_HOURS_REASONS = ['OPEN', 'WEEKEND', 'HOLIDAY', 'BEFORE_OPEN', 'AFTER_CLOSE'] as const;
export type TradingHoursReason = (typeof TRADING_HOURS_REASONS)[number];

export interface TradingHoursStatus {
  open: boolean;
  reason: TradingHoursReason;
  /** São Paulo date and time of the instant asked about, for messages and the audit log. */
  localDate: string;
  localTime: string;
  /** The session that applies that day; null when the whole day is closed. */
  session: SessionHours | null;
}

interface LocalMinute {
  date: string;
  weekday: number;
  /** Seconds since local midnight at the start of the minute. */
  secondOfDay: number;
}

const CLOCK = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function secondsOf(clock: string, what: string): number {
  const match = CLOCK.exec(clock);
  const [h, m, s] = match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : [NaN, NaN, NaN];
  // 24:00 is allowed as a close: "until midnight"
  if (!match || m > 59 || s > 59 || h > 24 || (h === 24 && (m > 0 || s > 0))) throw new RangeError(`${what}: not a time of day: ${JSON.stringify(clock)}`);
  return h * 3600 + m * 60 + s;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

export class TradingCalendar {
  private readonly holidays: ReadonlySet<string>;
  private readonly formatter: Intl.DateTimeFormat;
  private readonly sessionSeconds = new Map<SessionHours, { open: number; close: number }>();
  private readonly specialSessions = new Map<string, SessionHours>();
  // one remembered minute: orders arrive in bursts, and Intl formatting (~4 µs) is the costliest step
  private memoKey = Number.NaN;
  private memo: LocalMinute | null = null;

  constructor(private readonly config: TradingCalendarConfig = DEFAULT_TRADING_CALENDAR) {
    // a broken calendar is a deployment error: fail at startup, not on the first order
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: config.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (const date of [...config.holidays, ...Object.keys(config.specialDays)]) {
      if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new RangeError(`Calendar: not a YYYY-MM-DD date: ${date}`);
    }
    this.holidays = new Set(config.holidays);
    const sessions = [config.defaultSession, ...Object.values(config.assetClassSessions), ...Object.values(config.symbolSessions)];
    for (const session of sessions) if (session) this.secondsFor(session);
    for (const [date, special] of Object.entries(config.specialDays)) this.secondsFor({ ...config.defaultSession, ...special }, date);
  }

  /** The session for `symbol` on a São Paulo date, or null if the exchange is closed all day. */
  sessionFor(symbol: string, localDate: string): SessionHours | null {
    if (this.holidays.has(localDate)) return null;
    const weekday = new Date(`${localDate}T00:00:00Z`).getUTCDay();
    if (!this.config.tradingWeekdays.includes(weekday)) return null;
    return this.sessionOn(symbol, localDate);
  }

  /** Whether `symbol` accepts orders at `atMs` (epoch ms), and why not. */
  isOpen(symbol: string, atMs: number): TradingHoursStatus {
    const local = this.localMinute(atMs);
    // Intl resolves minutes; the zone offset is a whole number of minutes, so seconds carry over from UTC
    const second = Math.floor(atMs / 1000) - Math.floor(atMs / 60_000) * 60;
    const secondOfDay = local.secondOfDay + second;
    const localTime = `${pad2(Math.floor(secondOfDay / 3600))}:${pad2(Math.floor(secondOfDay / 60) % 60)}:${pad2(second)}`;
    const base = { localDate: local.date, localTime };
    if (!this.config.tradingWeekdays.includes(local.weekday)) return { open: false, reason: 'WEEKEND', session: null, ...base };
    if (this.holidays.has(local.date)) return { open: false, reason: 'HOLIDAY', session: null, ...base };
    const session = this.sessionOn(symbol, local.date);
    const hours = this.secondsFor(session);
    if (secondOfDay < hours.open) return { open: false, reason: 'BEFORE_OPEN', session, ...base };
    if (secondOfDay >= hours.close) return { open: false, reason: 'AFTER_CLOSE', session, ...base };
    return { open: true, reason: 'OPEN', session, ...base };
  }

  /** False means holidays for that year were never loaded: the service should warn, not trade blind. */
  hasHolidaysFor(year: number): boolean {
    const prefix = `${year}-`;
    for (const date of this.holidays) if (date.startsWith(prefix)) return true;
    return false;
  }

  private sessionOn(symbol: string, localDate: string): SessionHours {
    const regular =
      this.config.symbolSessions[symbol] ?? this.config.assetClassSessions[this.config.classify(symbol)] ?? this.config.defaultSession;
    const special = this.config.specialDays[localDate];
    if (!special) return regular;
    // one object per (day, regular session), so the seconds cache keyed by object keeps hitting
    const key = `${localDate} ${regular.open} ${regular.close}`;
    let merged = this.specialSessions.get(key);
    if (!merged) {
      merged = { ...regular, ...special };
      this.specialSessions.set(key, merged);
    }
    return merged;
  }

  private secondsFor(session: SessionHours, where = 'session'): { open: number; close: number } {
    const known = this.sessionSeconds.get(session);
    if (known) return known;
    const open = secondsOf(session.open, `${where} open`);
    const close = secondsOf(session.close, `${where} close`);
    if (open >= close) throw new RangeError(`Calendar ${where}: open ${session.open} is not before close ${session.close}`);
    const seconds = { open, close };
    this.sessionSeconds.set(session, seconds);
    return seconds;
  }

  private localMinute(atMs: number): LocalMinute {
    const key = Math.floor(atMs / 60_000);
    if (key === this.memoKey && this.memo) return this.memo;
    const parts: Record<string, string> = {};
    for (const part of this.formatter.formatToParts(key * 60_000)) parts[part.type] = part.value;
    const date = `${parts.year}-${parts.month}-${parts.day}`;
    const hour = Number(parts.hour) % 24; // some ICU builds print midnight as 24 even with h23
    const minute = {
      date,
      weekday: new Date(`${date}T00:00:00Z`).getUTCDay(),
      secondOfDay: hour * 3600 + Number(parts.minute) * 60,
    };
    this.memoKey = key;
    this.memo = minute;
    return minute;
  }
}
