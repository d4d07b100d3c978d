/**
 * B3 trades in America/Sao_Paulo. Brazil's offsets (−03:00 today, −02:00 in past summers) are whole
 * hours, so minute and hour bars aligned in UTC are aligned in São Paulo too; only day boundaries need
 * the zone.
 */
export const B3_TIME_ZONE = 'America/Sao_Paulo';

const HOUR_MS = 3_600_000;
const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: B3_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const offsetByHour = new Map<number, number>();

/** São Paulo's offset from UTC in ms at an instant (negative: behind UTC). */
export function saoPauloOffsetMs(epochMs: number): number {
  const hour = Math.floor(epochMs / HOUR_MS);
  const cached = offsetByHour.get(hour);
  if (cached !== undefined) return cached;
  const at = hour * HOUR_MS;
  const parts = Object.fromEntries(offsetFormat.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offset = local - at;
  if (offsetByHour.size > 100_000) offsetByHour.clear();
  offsetByHour.set(hour, offset);
  return offset;
}

/** UTC instant of the São Paulo midnight that starts the day containing `epochMs`. */
export function saoPauloDayStart(epochMs: number): number {
  const offset = saoPauloOffsetMs(epochMs);
  const localMidnight = Math.floor((epochMs + offset) / 86_400_000) * 86_400_000;
  // the offset at midnight can differ from the offset at epochMs on a transition day
  return localMidnight - saoPauloOffsetMs(localMidnight - offset);
}

/** São Paulo calendar date (YYYY-MM-DD) of an instant. */
export function saoPauloDate(epochMs: number): string {
  return new Date(epochMs + saoPauloOffsetMs(epochMs)).toISOString().slice(0, 10);
}
