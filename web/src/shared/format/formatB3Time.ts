/** B3 trades on São Paulo time; every timestamp on the desk is shown in it, whatever the browser's zone. */
export const B3_TIME_ZONE = 'America/Sao_Paulo';

const timeFormat = new Intl.DateTimeFormat('pt-BR', {
  timeZone: B3_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hourCycle: 'h23',
});

/** "2026-11-26T17:03:22.123Z" -> "14:03:22,123"; an unreadable value is shown as it came. */
export function formatB3Time(iso: string): string {
  const millis = Date.parse(iso);
  return Number.isNaN(millis) ? iso : timeFormat.format(millis);
}
