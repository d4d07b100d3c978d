import { hasDecimalComma } from './decimal';
import { columnKey, readRecords } from './import-content';
import type { B3ImportFormat, B3ImportKind, B3Rows } from './import-kinds';
import { ROW_DEFINITIONS } from './import-rows';
import type { RowProblem } from './row-problems';
import { RowReader } from './row-reader';

export const MAX_IMPORT_ROWS = 500_000;

/** Rows of one kind, all valid, with no two sharing a natural key. */
export type ValidatedImport = { [K in B3ImportKind]: { kind: K; rows: Array<B3Rows[K]> } }[B3ImportKind];

export type ImportValidation = { ok: true; value: ValidatedImport } | { ok: false; problems: RowProblem[] };

const contentProblem = (reason: string): ImportValidation => ({ ok: false, problems: [{ row: 0, field: 'content', reason }] });

/**
 * Parses and checks a whole file before anything is stored: every problem of every row is collected, so
 * the caller can refuse the import as a unit and list what to fix.
 */
export function validateImport<K extends B3ImportKind>(kind: K, format: B3ImportFormat, content: string, maxRows = MAX_IMPORT_ROWS): ImportValidation {
  const read = readRecords(format, content);
  if (!read.ok) return contentProblem(read.reason);
  const { records, columns, headerNames } = read.value;
  if (records.length === 0) return contentProblem('there are no rows to import');
  if (records.length > maxRows) return contentProblem(`${records.length} rows is more than the ${maxRows} one import may hold; split the file`);

  const definition = ROW_DEFINITIONS[kind];
  const known = new Map(definition.fields.map((field) => [columnKey(field), field]));
  const problems: RowProblem[] = [];
  const nameOf = (key: string): string => headerNames.get(key) ?? key;
  if (columns) {
    for (const key of columns) if (!known.has(key)) problems.push({ row: 0, field: nameOf(key), reason: `unknown column; expected ${definition.fields.join(', ')}` });
    for (const [key, field] of known) {
      // optional columns may be left out of the header
      if (!columns.has(key) && !definition.optionalFields?.includes(field)) problems.push({ row: 0, field, reason: 'missing column' });
    }
  }

  const numberKeys = definition.numberFields.map(columnKey);
  const fileUsesDecimalComma =
    format === 'CSV' && records.some((record) => numberKeys.some((key) => typeof record.get(key) === 'string' && hasDecimalComma(record.get(key) as string)));
  const context = { style: format === 'CSV' ? ('csv' as const) : ('plain' as const), fileUsesDecimalComma, columns };

  const rows: Array<{ row: B3Rows[K]; number: number }> = [];
  const firstRowByKey = new Map<string, number>();
  records.forEach((record, index) => {
    const number = index + 1;
    const reader = new RowReader(record, number, context, problems);
    if (record.has('#row')) return reader.problem('row', 'must be an object');
    for (const key of record.keys()) {
      if (key.startsWith('#')) reader.problem(`column ${key.slice(1)}`, 'has a value but no header');
      else if (!columns && !known.has(key)) reader.problem(nameOf(key), `unknown field; expected ${definition.fields.join(', ')}`);
    }
    const row = definition.read(reader);
    if (!row || !reader.ok) return;
    const key = definition.key(row);
    const first = firstRowByKey.get(key);
    if (first !== undefined) {
      return reader.problem(definition.keyField, `row ${first} has the same ${definition.keyFields.join(', ')}; each key may appear once per import`);
    }
    firstRowByKey.set(key, number);
    rows.push({ row, number });
  });
  problems.push(...(definition.checkAcross?.(rows) ?? []));
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.row - b.row) };
  return { ok: true, value: { kind, rows: rows.map((entry) => entry.row) } as ValidatedImport };
}
