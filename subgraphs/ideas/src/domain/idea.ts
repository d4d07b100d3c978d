import { canMove, IDEA_STATUSES, nextStatuses, type IdeaStatus } from './idea-status';

/**
 * An idea in the idea bank: a thesis, a task or a risk someone wants the desk to look at, filed under a
 * category, with a priority and a review status. Plain records and pure rules; no GraphQL, no Prisma.
 */

export type IdeaId = string & { readonly __brand: 'IdeaId' };
export type CategoryId = string & { readonly __brand: 'CategoryId' };

export { IDEA_STATUSES, type IdeaStatus };

/** Lowest first, as the database enum is declared (ORDER BY priority relies on it). */
export const IDEA_PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type IdeaPriority = (typeof IDEA_PRIORITIES)[number];

export interface Idea {
  readonly id: IdeaId;
  readonly title: string;
  /** Markdown, as written. */
  readonly description: string;
  readonly categoryId: CategoryId;
  readonly priority: IdeaPriority;
  readonly status: IdeaStatus;
  readonly tags: readonly string[];
  /** A B3 ticker (market's Ticker), or null. */
  readonly ticker: string | null;
  /** A Signal of the signals subgraph, or null. */
  readonly signalId: string | null;
  readonly authorId: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** 1 when created, +1 per change. */
  readonly version: number;
}

export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

export const IDEA_LIMITS = { title: 200, description: 2_000, tags: 10, tag: 32 } as const;

/** The fields a client may write, as received (any may be missing or null). */
export interface IdeaDraft {
  readonly title?: string | null;
  readonly description?: string | null;
  readonly categoryId?: string | null;
  readonly priority?: string | null;
  readonly tags?: readonly string[] | null;
  /** "" clears it on update. */
  readonly ticker?: string | null;
  /** "" clears it on update. */
  readonly signalId?: string | null;
}

/** An update: the draft plus a status move. */
export interface IdeaPatchDraft extends IdeaDraft {
  readonly status?: string | null;
}

/** Fields that can change after creation, in the order issues and history list them. */
export const IDEA_FIELDS = ['title', 'description', 'categoryId', 'priority', 'status', 'tags', 'ticker', 'signalId'] as const;
export type IdeaField = (typeof IDEA_FIELDS)[number];
export type IdeaFields = Pick<Idea, IdeaField>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TICKER = /^[A-Z0-9]{4,12}$/;
// Letters of any script (tags are often Portuguese: "análise"), digits, dashes and underscores.
const TAG = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;

export const isUuid = (value: string): boolean => UUID.test(value);
const length = (text: string): number => [...text].length;

export function normaliseTitle(raw: string): string {
  return raw.normalize('NFC').trim();
}

/** Line ends become \n; leading blank lines and trailing space go, indentation inside stays (Markdown). */
export function normaliseDescription(raw: string): string {
  return raw.normalize('NFC').replace(/\r\n?/g, '\n').replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

/** "#Swing Trade" → "swing-trade": lower case, no leading #, inner spaces to dashes, no duplicates, in order. */
export function normaliseTags(raw: readonly string[]): string[] {
  const tags = raw.map((t) => t.normalize('NFC').trim().replace(/^#+/, '').trim().toLocaleLowerCase('pt-BR').replace(/\s+/g, '-')).filter(Boolean);
  return [...new Set(tags)];
}

export function normaliseTicker(raw: string): string {
  return raw.trim().toUpperCase();
}

function titleIssue(title: string): FieldIssue | null {
  if (length(title) < 1 || length(title) > IDEA_LIMITS.title) return { field: 'title', message: `must be 1 to ${IDEA_LIMITS.title} characters` };
  if (/[\r\n]/.test(title)) return { field: 'title', message: 'must be one line' };
  return null;
}

function descriptionIssue(description: string): FieldIssue | null {
  return length(description) < 1 || length(description) > IDEA_LIMITS.description
    ? { field: 'description', message: `must be 1 to ${IDEA_LIMITS.description} characters (Markdown)` }
    : null;
}

function tagIssues(tags: readonly string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (tags.length > IDEA_LIMITS.tags) issues.push({ field: 'tags', message: `at most ${IDEA_LIMITS.tags} tags` });
  if (tags.some((t) => length(t) > IDEA_LIMITS.tag || !TAG.test(t))) {
    issues.push({ field: 'tags', message: `each tag is letters, digits, - or _, up to ${IDEA_LIMITS.tag} characters` });
  }
  return issues;
}

const tickerIssue = (ticker: string): FieldIssue | null => (TICKER.test(ticker) ? null : { field: 'ticker', message: 'must be a B3 ticker like PETR4 or WINZ26' });
const signalIssue = (id: string): FieldIssue | null => (isUuid(id) ? null : { field: 'signalId', message: 'must be the id of a Signal' });
const categoryIssue = (id: string): FieldIssue | null => (isUuid(id) ? null : { field: 'categoryId', message: 'must be the id of an IdeaCategory' });
const priorityIssue = (p: string): FieldIssue | null =>
  (IDEA_PRIORITIES as readonly string[]).includes(p) ? null : { field: 'priority', message: `must be one of ${IDEA_PRIORITIES.join(', ')}` };

const compact = (issues: ReadonlyArray<FieldIssue | null>): FieldIssue[] => issues.filter((i): i is FieldIssue => i !== null);

/**
 * A new idea's fields, normalised, with every rule they break (so a client can fix all at once). Whether
 * the category exists and is active is the service's question: it needs the store.
 */
export function checkNewIdea(draft: IdeaDraft): { fields: Omit<IdeaFields, 'status'>; issues: FieldIssue[] } {
  const title = normaliseTitle(draft.title ?? '');
  const description = normaliseDescription(draft.description ?? '');
  const categoryId = (draft.categoryId ?? '').trim();
  const priority = draft.priority ?? 'MEDIUM';
  const tags = normaliseTags(draft.tags ?? []);
  const ticker = draft.ticker ? normaliseTicker(draft.ticker) : '';
  const signalId = (draft.signalId ?? '').trim();
  const issues = compact([
    titleIssue(title),
    descriptionIssue(description),
    categoryId ? categoryIssue(categoryId) : { field: 'categoryId', message: 'is required: pick an active category' },
    priorityIssue(priority),
    ...tagIssues(tags),
    ticker ? tickerIssue(ticker) : null,
    signalId ? signalIssue(signalId) : null,
  ]);
  return {
    fields: {
      title,
      description,
      categoryId: categoryId.toLowerCase() as CategoryId,
      priority: priority as IdeaPriority,
      tags,
      ticker: ticker || null,
      signalId: signalId ? signalId.toLowerCase() : null,
    },
    issues,
  };
}

/** One field's move, for the audit history and the change event. */
export interface FieldChange {
  readonly field: IdeaField;
  readonly from: unknown;
  readonly to: unknown;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The idea after an update, or every rule the update breaks. Missing or null fields keep their value;
 * "" clears the ticker and the signal. A status move must be in the transition table; asking for the
 * status the idea already has is no change, not an error.
 */
export function applyPatch(
  idea: Idea,
  draft: IdeaPatchDraft,
  at: Date,
): { ok: true; next: Idea; changes: FieldChange[] } | { ok: false; issues: FieldIssue[] } {
  const issues: Array<FieldIssue | null> = [];
  const wanted: Partial<Record<IdeaField, unknown>> = {};
  if (draft.title != null) issues.push(titleIssue((wanted.title = normaliseTitle(draft.title))));
  if (draft.description != null) issues.push(descriptionIssue((wanted.description = normaliseDescription(draft.description))));
  if (draft.categoryId != null) {
    const id = draft.categoryId.trim();
    issues.push(id ? categoryIssue(id) : { field: 'categoryId', message: 'cannot be empty: every idea has a category' });
    wanted.categoryId = id.toLowerCase();
  }
  if (draft.priority != null) issues.push(priorityIssue((wanted.priority = draft.priority)));
  if (draft.status != null) {
    issues.push(statusIssue(idea.status, draft.status));
    wanted.status = draft.status;
  }
  if (draft.tags != null) {
    const tags = normaliseTags(draft.tags);
    issues.push(...tagIssues(tags));
    wanted.tags = tags;
  }
  if (draft.ticker != null) {
    const ticker = normaliseTicker(draft.ticker);
    issues.push(ticker ? tickerIssue(ticker) : null);
    wanted.ticker = ticker || null;
  }
  if (draft.signalId != null) {
    const id = draft.signalId.trim();
    issues.push(id ? signalIssue(id) : null);
    wanted.signalId = id ? id.toLowerCase() : null;
  }
  const found = compact(issues);
  if (found.length > 0) return { ok: false, issues: found };
  const changes: FieldChange[] = IDEA_FIELDS.filter((f) => f in wanted && !same(idea[f], wanted[f])).map((field) => ({ field, from: idea[field], to: wanted[field] }));
  if (changes.length === 0) return { ok: true, next: idea, changes };
  const next = { ...idea, ...Object.fromEntries(changes.map((c) => [c.field, c.to])), updatedAt: at, version: idea.version + 1 } as Idea;
  return { ok: true, next, changes };
}

/** null when `to` is the current status or a move the table allows. */
export function statusIssue(from: IdeaStatus, to: string): FieldIssue | null {
  if (!(IDEA_STATUSES as readonly string[]).includes(to)) return { field: 'status', message: `must be one of ${IDEA_STATUSES.join(', ')}` };
  if (to === from || canMove(from, to as IdeaStatus)) return null;
  const allowed = nextStatuses(from);
  return { field: 'status', message: `cannot move from ${from} to ${to}; from ${from} an idea may move to ${allowed.length ? allowed.join(', ') : 'nothing'}` };
}
