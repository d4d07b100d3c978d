/**
 * Epoch ms of a UTC ISO-8601 time. Trade times arrive as `YYYY-MM-DDTHH:MM:SS.mmmZ` and in time order,
 * so the seconds prefix repeats from one trade to the next: it is parsed once and only the
 * milliseconds are read after that (Date.parse costs ~0.3 µs, more than the rest of ingest per trade).
 * Any other form goes through Date.parse; NaN when the text is not a time.
 */
let lastPrefix = '';
let lastPrefixMs = Number.NaN;

export function epochMs(iso: string): number {
  if (iso.length === 24 && iso.charCodeAt(19) === 46 && iso.charCodeAt(23) === 90) {
    const a = iso.charCodeAt(20) - 48;
    const b = iso.charCodeAt(21) - 48;
    const c = iso.charCodeAt(22) - 48;
    if (a >= 0 && a <= 9 && b >= 0 && b <= 9 && c >= 0 && c <= 9) {
      const prefix = iso.slice(0, 19);
      if (prefix !== lastPrefix) {
        lastPrefixMs = Date.parse(`${prefix}Z`);
        lastPrefix = prefix;
      }
      return lastPrefixMs + a * 100 + b * 10 + c;
    }
  }
  return Date.parse(iso);
}
