/**
 * RFC 4180 CSV, pure: a field is quoted when it holds a comma, a double quote, CR or LF, with every
 * double quote doubled; records end in CRLF. Nothing else is touched (spaces are data).
 */
export type CsvValue = string | number | boolean | Date | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF included. */
export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or CR before one) as a formula; a user's
 * text must not become one on a colleague's machine (OWASP "CSV injection"). Such text gets a leading
 * apostrophe, which spreadsheets show as text and hide. Applied to user-written columns only.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
