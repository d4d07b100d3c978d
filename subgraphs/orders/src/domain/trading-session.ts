/**
 * The trading date and where it starts, for the daily P&L (pnl.ts).
 *
 * A trading date is the calendar date on B3's wall clock (America/Sao_Paulo), and its session starts at
 * 00:00 São Paulo time. Midnight rather than the 09:00 open, because every fill of a date, pre-open
 * auction or after-hours included, must count towards that date's result and none towards the next; B3
 * trades nothing between midnight and the open, so the two boundaries give the same split of real fills.
 * The zone is read through Intl, like the trading calendar, so an offset change needs tzdata, not code.
 */
export const SESSION_TIME_ZONE = 'America/Sao_Paulo';

const DATE_PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: SESSION_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const SESSION_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface LocalParts {
  readonly date: string;
  /** The local wall-clock time read as if it were UTC, in epoch ms: its difference to the instant is the offset. */
  readonly wallClockMs: number;
}

function localParts(atMs: number): LocalParts {
  const parts: Record<string, string> = {};
  for (const part of DATE_PARTS.formatToParts(atMs)) parts[part.type] = part.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  // some ICU builds print midnight as 24 even with h23
  const hour = Number(parts.hour) % 24;
  return { date, wallClockMs: Date.parse(`${date}T00:00:00Z`) + ((hour * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000 };
}

/** The São Paulo trading date ("YYYY-MM-DD") an instant belongs to. */
export function sessionDateOf(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('sessionDateOf needs a valid date');
  return localParts(at.getTime()).date;
}

/** The instant a trading date's session starts: 00:00 in São Paulo (03:00 UTC at today's offset). */
export function sessionStartOf(date: string): Date {
  if (!SESSION_DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new RangeError(`Not a session date: ${JSON.stringify(date)}`);
  const wallMidnight = Date.parse(`${date}T00:00:00Z`);
  // The offset at the UTC midnight is a first guess; measuring it again at the candidate corrects a
  // guess taken on the other side of an offset change.
  let candidate = wallMidnight;
  for (let i = 0; i < 2; i++) candidate = wallMidnight - (localParts(candidate).wallClockMs - candidate);
  return new Date(candidate);
}
