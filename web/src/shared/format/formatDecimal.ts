const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Regroups a decimal string the pt-BR way ("125005" -> "125.005", "1234.5" -> "1.234,5") by moving
 * characters only: prices arrive as exact decimal strings and must never pass through a float.
 * Anything that is not a plain decimal is shown as it came.
 */
export function formatDecimal(value: string): string {
  const match = DECIMAL.exec(value.trim());
  if (!match) return value;
  const [, sign, integer, fraction] = match;
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped},${fraction}`;
}
