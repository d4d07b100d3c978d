import { type Check, invalid, valid } from './check';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Seconds and milliseconds are optional; the zone is not, so no instant depends on the server's zone. */
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** A calendar date, YYYY-MM-DD (São Paulo dates for B3 data). */
export function checkDate(text: string): Check<string> {
  const match = DATE.exec(text);
  if (!match) return invalid(`${JSON.stringify(text)} is not a date: expected YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  if (parsed.getUTCFullYear() !== year || parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day) {
    return invalid(`${JSON.stringify(text)} is not a calendar date`);
  }
  return valid(text);
}

/** An instant as ISO-8601 with Z or an offset, at most millisecond precision; the value is UTC ISO. */
export function checkInstant(text: string): Check<string> {
  const match = INSTANT.exec(text);
  if (!match) return invalid(`${JSON.stringify(text)} is not an ISO-8601 instant with a zone, like 2026-11-26T13:00:00Z or 2026-11-26T10:00:00-03:00`);
  if (!checkDate(match[1]).ok || Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4] ?? 0) > 59) {
    return invalid(`${JSON.stringify(text)} is not a valid date and time`);
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return invalid(`${JSON.stringify(text)} is not a valid date and time`);
  return valid(new Date(ms).toISOString());
}

/** Whole days from `from` to `to` (both YYYY-MM-DD): 2026-01-01 → 2026-01-31 is 30. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
