import { IDEA_PRIORITIES, isUuid, normaliseTags, normaliseTicker, type CategoryId, type FieldIssue, type IdeaPriority } from './idea';
import { IDEA_STATUSES, type IdeaStatus } from './idea-status';

/** Sort orders of a list; each pages on its own key with the id breaking ties (see idea-cursor.ts). */
export const IDEA_ORDERS = ['CREATED_AT_DESC', 'CREATED_AT_ASC', 'UPDATED_AT_DESC', 'UPDATED_AT_ASC', 'PRIORITY_DESC', 'PRIORITY_ASC'] as const;
export type IdeaOrder = (typeof IDEA_ORDERS)[number];
export const DEFAULT_ORDER: IdeaOrder = 'CREATED_AT_DESC';

export const TEXT_QUERY_MAX = 200;

/** A filter as received from GraphQL or the export's query string. */
export interface IdeaFilterDraft {
  readonly status?: readonly string[] | null;
  readonly priority?: readonly string[] | null;
  /** A category id. */
  readonly category?: string | null;
  readonly tag?: string | null;
  readonly ticker?: string | null;
  /** Full-text search over title and description. */
  readonly text?: string | null;
  /** An author's user id. */
  readonly author?: string | null;
  /** Created at or after. */
  readonly createdFrom?: Date | null;
  /** Created before. */
  readonly createdTo?: Date | null;
}

/** A checked filter: every present field narrows the list. */
export interface IdeaFilter {
  readonly statuses?: readonly IdeaStatus[];
  readonly priorities?: readonly IdeaPriority[];
  readonly categoryId?: CategoryId;
  readonly tag?: string;
  readonly ticker?: string;
  readonly text?: string;
  readonly authorId?: string;
  readonly createdFrom?: Date;
  readonly createdTo?: Date;
}

function oneOf<T extends string>(values: readonly string[] | null | undefined, allowed: readonly T[], field: string, issues: FieldIssue[]): T[] | undefined {
  if (!values || values.length === 0) return undefined;
  const wanted = [...new Set(values.map((v) => v.trim().toUpperCase()))];
  const unknown = wanted.filter((v) => !(allowed as readonly string[]).includes(v));
  if (unknown.length > 0) issues.push({ field, message: `unknown ${unknown.join(', ')}; must be among ${allowed.join(', ')}` });
  return wanted as T[];
}

const validDate = (d: Date | null | undefined): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/** The filter normalised (tickers upper case, tags like an idea's), with every rule it breaks. */
export function checkFilter(draft: IdeaFilterDraft): { filter: IdeaFilter; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const statuses = oneOf(draft.status, IDEA_STATUSES, 'status', issues);
  const priorities = oneOf(draft.priority, IDEA_PRIORITIES, 'priority', issues);
  const category = draft.category?.trim();
  if (category && !isUuid(category)) issues.push({ field: 'category', message: 'must be the id of an IdeaCategory' });
  const [tag] = draft.tag ? normaliseTags([draft.tag]) : [];
  const ticker = draft.ticker ? normaliseTicker(draft.ticker) : '';
  if (ticker && !/^[A-Z0-9]{1,12}$/.test(ticker)) issues.push({ field: 'ticker', message: 'must be a B3 ticker like PETR4' });
  const text = draft.text?.normalize('NFC').trim() ?? '';
  if ([...text].length > TEXT_QUERY_MAX) issues.push({ field: 'text', message: `must be at most ${TEXT_QUERY_MAX} characters` });
  const author = draft.author?.trim();
  for (const field of ['createdFrom', 'createdTo'] as const) {
    if (draft[field] != null && !validDate(draft[field])) issues.push({ field, message: 'must be an ISO-8601 date-time, e.g. 2026-11-01T00:00:00Z' });
  }
  if (validDate(draft.createdFrom) && validDate(draft.createdTo) && draft.createdFrom >= draft.createdTo) {
    issues.push({ field: 'createdTo', message: 'must be after createdFrom' });
  }
  const filter: IdeaFilter = {
    ...(statuses ? { statuses } : {}),
    ...(priorities ? { priorities } : {}),
    ...(category ? { categoryId: category.toLowerCase() as CategoryId } : {}),
    ...(tag ? { tag } : {}),
    ...(ticker ? { ticker } : {}),
    ...(text ? { text } : {}),
    ...(author ? { authorId: author } : {}),
    ...(validDate(draft.createdFrom) ? { createdFrom: draft.createdFrom } : {}),
    ...(validDate(draft.createdTo) ? { createdTo: draft.createdTo } : {}),
  };
  return { filter, issues };
}
