/**
 * ISO-8601 weeks in UTC: a week starts on Monday 00:00 UTC, and belongs to the year of its Thursday
 * (so 2026-12-28 is in 2026-W53 and 2027-01-04 starts 2027-W01).
 */
const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the week `at` falls in. */
export function weekStart(at: Date): Date {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * DAY_MS);
}

/** "2026-W48". */
export function isoWeekLabel(at: Date): string {
  const thursday = new Date(weekStart(at).getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Mondays of the `count` weeks ending with the week of `now`, oldest first. */
export function weekWindow(now: Date, count: number): Date[] {
  const last = weekStart(now).getTime();
  return Array.from({ length: count }, (_, i) => new Date(last - (count - 1 - i) * 7 * DAY_MS));
}
