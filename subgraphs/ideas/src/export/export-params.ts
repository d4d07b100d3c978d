import type { FieldIssue } from '../domain/idea';
import { checkFilter, DEFAULT_ORDER, IDEA_ORDERS, type IdeaFilter, type IdeaOrder } from '../domain/idea-filter';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest {
  readonly format: ExportFormat;
  readonly filter: IdeaFilter;
  readonly orderBy: IdeaOrder;
  /** Start the CSV with a UTF-8 byte order mark, for spreadsheets that guess the encoding otherwise. */
  readonly bom: boolean;
}

const FILTER_PARAMS = ['status', 'priority', 'category', 'tag', 'ticker', 'text', 'author', 'createdFrom', 'createdTo'] as const;
const KNOWN = new Set<string>(['format', 'orderBy', 'bom', ...FILTER_PARAMS]);
// A date, or a date-time with its zone: a zone-less time would be read in the server's local time.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

function dateParam(value: string | null): Date | null {
  if (value === null || value === '') return null;
  return ISO_DATE_TIME.test(value) ? new Date(value) : new Date(Number.NaN);
}

/** Several values as repeated parameters (`status=NEW&status=REVIEW`), commas (`status=NEW,REVIEW`) or both. */
const list = (params: URLSearchParams, name: string): string[] =>
  params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * The export's query string: the same filter as `ideas(filter:)` (names as there, dates ISO-8601),
 * `orderBy`, `format=csv|json` (default csv) and `bom`. An unknown parameter is an error, so a typo
 * never silently exports everything.
 */
export function parseExportParams(params: URLSearchParams): { ok: true; request: ExportRequest } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const unknown = [...new Set([...params.keys()].filter((k) => !KNOWN.has(k)))];
  for (const name of unknown) issues.push({ field: name, message: `is not a parameter of this export (known: ${[...KNOWN].join(', ')})` });
  for (const name of ['format', 'orderBy', 'bom', 'category', 'tag', 'ticker', 'text', 'author', 'createdFrom', 'createdTo']) {
    if (params.getAll(name).length > 1) issues.push({ field: name, message: 'may be given once' });
  }
  const format = (params.get('format') ?? 'csv').trim().toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) issues.push({ field: 'format', message: `must be ${EXPORT_FORMATS.join(' or ')}` });
  const orderBy = (params.get('orderBy') ?? DEFAULT_ORDER).trim().toUpperCase();
  if (!(IDEA_ORDERS as readonly string[]).includes(orderBy)) issues.push({ field: 'orderBy', message: `must be one of ${IDEA_ORDERS.join(', ')}` });
  const bom = (params.get('bom') ?? 'false').trim().toLowerCase();
  if (!['true', 'false', '1', '0'].includes(bom)) issues.push({ field: 'bom', message: 'must be true or false' });
  const checked = checkFilter({
    status: list(params, 'status'),
    priority: list(params, 'priority'),
    category: params.get('category'),
    tag: params.get('tag'),
    ticker: params.get('ticker'),
    text: params.get('text'),
    author: params.get('author'),
    createdFrom: dateParam(params.get('createdFrom')),
    createdTo: dateParam(params.get('createdTo')),
  });
  issues.push(...checked.issues);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, request: { format: format as ExportFormat, filter: checked.filter, orderBy: orderBy as IdeaOrder, bom: bom === 'true' || bom === '1' } };
}
