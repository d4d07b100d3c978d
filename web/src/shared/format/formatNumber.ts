// Gauges and counters (not prices: those stay exact strings, see formatDecimal) are shown the pt-BR way like
// the rest of the desk, with a fixed number of decimals so a value that updates every second keeps its width.
const formats = new Map<number, Intl.NumberFormat>();

function formatWith(decimals: number): Intl.NumberFormat {
  let format = formats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formats.set(decimals, format);
  }
  return format;
}

/** 1234.5 with 1 decimal -> "1.234,5"; a value that is not a finite number is shown as a dash. */
export function formatFixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '—';
  const text = formatWith(decimals).format(value);
  // A tiny negative rounds to "-0,0", which reads as a loss where there is none.
  return /^-[0,]+$/.test(text) ? text.slice(1) : text;
}

/** 1234567 -> "1.234.567". */
export function formatCount(value: number): string {
  return formatFixed(value, 0);
}
