import { parse } from 'csv-parse/sync';
import type { B3ImportFormat } from './import-kinds';

/** A cell as it arrives: CSV gives strings, JSON whatever the sender put there. */
export type RawCell = unknown;

export interface RawRecords {
  /** Each record keyed by the normalised column name (see columnKey). */
  records: Array<Map<string, RawCell>>;
  /** CSV: the header's columns (normalised), so a missing column is reported once, not on every row. */
  columns: Set<string> | null;
  /** Column or property names as written, by normalised name, for messages. */
  headerNames: Map<string, string>;
}

export type ContentRead = { ok: true; value: RawRecords } | { ok: false; reason: string };

/** Headers match field names ignoring case and separators: "Contract Month", "contract_month" and "contractMonth" agree. */
export const columnKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The delimiter of the header line: Brazilian spreadsheets write ';' (the comma is their decimal separator). */
function delimiterOf(content: string): string {
  const firstLine = content.slice(0, content.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

function readCsv(content: string): ContentRead {
  let rows: string[][];
  try {
    rows = parse(content, { bom: true, delimiter: delimiterOf(content.replace(/^\uFEFF/, '')), skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return { ok: false, reason: `not valid CSV: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (rows.length === 0) return { ok: false, reason: 'the CSV is empty: expected a header row and data rows' };
  const [header, ...data] = rows;
  const keys = header.map(columnKey);
  const records = data.map((cells) => {
    const record = new Map<string, RawCell>();
    keys.forEach((key, i) => {
      // an empty cell is a missing value, like an absent JSON property
      if (key && cells[i] !== undefined && cells[i] !== '') record.set(key, cells[i]);
    });
    cells.slice(keys.length).forEach((cell, i) => cell !== '' && record.set(`#${keys.length + i + 1}`, cell));
    return record;
  });
  return { ok: true, value: { records, columns: new Set(keys.filter(Boolean)), headerNames: new Map(header.map((name, i) => [keys[i], name])) } };
}

function readJson(content: string): ContentRead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, reason: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!Array.isArray(parsed)) return { ok: false, reason: 'the JSON must be an array of objects, one per row' };
  const names = new Map<string, string>();
  const records = parsed.map((item: unknown) => {
    const record = new Map<string, RawCell>();
    if (item === null || typeof item !== 'object' || Array.isArray(item)) record.set('#row', item);
    else {
      for (const [name, value] of Object.entries(item)) {
        if (value === null || value === undefined) continue;
        record.set(columnKey(name), value);
        if (!names.has(columnKey(name))) names.set(columnKey(name), name);
      }
    }
    return record;
  });
  return { ok: true, value: { records, columns: null, headerNames: names } };
}

export function readRecords(format: B3ImportFormat, content: string): ContentRead {
  return format === 'CSV' ? readCsv(content) : readJson(content);
}
