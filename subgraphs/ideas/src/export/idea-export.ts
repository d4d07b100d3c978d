import type { Category } from '../domain/category';
import type { Idea } from '../domain/idea';
import { csvRecord, neutraliseFormula, type CsvValue } from './csv';

/** The export's columns, in order; the CSV header row and the JSON keys are these names. */
export const EXPORT_COLUMNS = [
  'id',
  'title',
  'description',
  'category',
  'categorySlug',
  'priority',
  'status',
  'tags',
  'ticker',
  'signalId',
  'authorId',
  'createdAt',
  'updatedAt',
  'version',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** Tags in one CSV cell; tags never contain it (letters, digits, - and _ only). */
export const TAG_SEPARATOR = ';';

export type ExportRecord = Record<ExportColumn, string | number | string[] | null>;

export function exportRecord(idea: Idea, category: Category | undefined): ExportRecord {
  return {
    id: idea.id,
    title: idea.title,
    description: idea.description,
    category: category?.name ?? null,
    categorySlug: category?.slug ?? null,
    priority: idea.priority,
    status: idea.status,
    tags: [...idea.tags],
    ticker: idea.ticker,
    signalId: idea.signalId,
    authorId: idea.authorId,
    createdAt: idea.createdAt.toISOString(),
    updatedAt: idea.updatedAt.toISOString(),
    version: idea.version,
  };
}

export const csvHeader = (): string => csvRecord(EXPORT_COLUMNS);

/** A CSV record; user-written text is kept from turning into spreadsheet formulas. */
export function csvLine(record: ExportRecord): string {
  const cell = (column: ExportColumn): CsvValue => {
    const value = record[column];
    if (Array.isArray(value)) return neutraliseFormula(value.join(TAG_SEPARATOR));
    if (typeof value === 'string' && (column === 'title' || column === 'description' || column === 'category' || column === 'authorId')) return neutraliseFormula(value);
    return value;
  };
  return csvRecord(EXPORT_COLUMNS.map(cell));
}
