import { saoPauloOffsetMs } from '../session-time';

/**
 * Time to expiry convention: ACTUAL/365 in calendar time, measured to the minute, from the chain's
 * snapshot to 18:00 São Paulo on the expiry date.
 *
 * Why calendar days and not the Brazilian business-days/252 convention:
 * - the platform has no B3 holiday calendar yet (a BD/252 count would silently be wrong on every
 *   holiday), while calendar time needs nothing but the clock;
 * - it gives a continuous, intraday-decaying T, which matters most on expiry day (0DTE gamma), where a
 *   whole-business-day count would jump from 1/252 to 0;
 * - it pairs with the chain's continuously compounded rate.
 * The implied vols must be annualised on the same basis (σ²T is what the model sees); if the B3 feed
 * turns out to quote vols on a BD/252 basis, change `yearsToExpiry` here and nowhere else.
 *
 * Why 18:00: B3 options stop trading at the session close on expiry day. The exact close moves between
 * 17:00 and 18:00 with B3's timetable; the hour only matters in the last hours of the last day.
 */
export const EXPIRY_HOUR_SAO_PAULO = 18;
export const DAYS_PER_YEAR = 365;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const YEAR_MS = DAYS_PER_YEAR * DAY_MS;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * UTC epoch ms of 18:00 São Paulo on a YYYY-MM-DD date, or null when the text is not a real date
 * (2026-02-30 is rejected, not rolled over into March).
 */
export function expiryInstant(expiry: string): number | null {
  const match = ISO_DATE.exec(expiry);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const localMs = Date.UTC(year, month - 1, day, EXPIRY_HOUR_SAO_PAULO);
  const date = new Date(localMs);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  // São Paulo is UTC−3 (UTC−2 in old summers); 18:00 local is far from the midnight DST switches, so one
  // lookup at the approximate instant gives the right offset.
  const offset = saoPauloOffsetMs(localMs + 3 * HOUR_MS);
  return localMs - offset;
}

/** T in years from `asOfMs` to an expiry instant (may be ≤ 0; callers reject that). */
export function yearsBetween(asOfMs: number, expiryMs: number): number {
  return (expiryMs - asOfMs) / YEAR_MS;
}
