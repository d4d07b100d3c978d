import { randomUUID } from 'node:crypto';
import { hasRole, type Viewer } from '@b3/kit';
import {
  applyPatch,
  checkNewIdea,
  IDEA_FIELDS,
  IDEA_PRIORITIES,
  isUuid,
  type CategoryId,
  type FieldIssue,
  type Idea,
  type IdeaDraft,
  type IdeaId,
  type IdeaPatchDraft,
  type IdeaPriority,
} from '../domain/idea';
import { createdEntry, deletedEntry, updatedEntries } from '../domain/idea-change';
import { checkFilter, type IdeaFilter, type IdeaFilterDraft, type IdeaOrder } from '../domain/idea-filter';
import { IDEA_STATUSES, INITIAL_STATUS, type IdeaStatus } from '../domain/idea-status';
import { isoWeekLabel, weekWindow } from '../domain/iso-week';
import { IdeaErrors } from '../errors';
import { MissingCategoryError, type IdeaChangeRecord, type IdeaCursor, type IdeaStore, type IdeaWrite } from '../store/idea.store';
import { decodeCursor, encodeCursor } from './idea-cursor';
import type { IdeaEvents } from './idea-events';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export const MAX_BULK = 500;
export const DEFAULT_STATS_WEEKS = 12;
export const MAX_STATS_WEEKS = 104;
/** Rows per store read while exporting: the export never holds more than this in memory. */
export const EXPORT_PAGE_SIZE = 500;
/** Writes that lose a race with another writer are retried from a fresh read this many times. */
const WRITE_ATTEMPTS = 3;

export interface IdeaPage {
  readonly edges: ReadonlyArray<{ readonly cursor: string; readonly idea: Idea }>;
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

export interface BulkChange {
  readonly ids: readonly string[];
  readonly status?: string | null;
  readonly priority?: string | null;
}

export interface BulkProblem {
  readonly id: string;
  /** The input field at fault: `ids` (unknown or not yours), `status` or `priority`. */
  readonly field: string;
  /** NOT_FOUND, FORBIDDEN or BAD_USER_INPUT. */
  readonly code: string;
  readonly message: string;
}

export interface BulkResult {
  /** True when every idea was changed (or already as asked); false when nothing was, see problems. */
  readonly applied: boolean;
  /** The ideas in the order asked, after the change (none when not applied). */
  readonly ideas: readonly Idea[];
  /** How many actually changed (the others already had the status and priority asked). */
  readonly changed: number;
  readonly problems: readonly BulkProblem[];
}

export interface IdeaStats {
  readonly total: number;
  readonly byStatus: ReadonlyArray<{ status: IdeaStatus; count: number }>;
  readonly byPriority: ReadonlyArray<{ priority: IdeaPriority; count: number }>;
  readonly byCategory: ReadonlyArray<{ categoryId: CategoryId; count: number }>;
  readonly weeks: ReadonlyArray<{ week: string; start: Date; created: number; completed: number }>;
}

/** Issues in the order of the input's fields, so `field` is the first one a form shows. */
const inFieldOrder = (issues: FieldIssue[]): FieldIssue[] => {
  const rank = (f: string) => {
    const i = (IDEA_FIELDS as readonly string[]).indexOf(f);
    return i < 0 ? IDEA_FIELDS.length : i;
  };
  return [...issues].sort((a, b) => rank(a.field) - rank(b.field));
};

const cursorOf = (idea: Idea): IdeaCursor => ({ id: idea.id, createdAt: idea.createdAt, updatedAt: idea.updatedAt, priority: idea.priority });

/** The idea bank's use-cases: filing, changing and deleting ideas, listing, statistics, export. */
export class IdeaService {
  private readonly clock: () => Date;

  constructor(
    private readonly store: IdeaStore,
    private readonly events: IdeaEvents,
    clock?: () => Date,
  ) {
    this.clock = clock ?? (() => new Date());
  }

  async create(viewer: Viewer, draft: IdeaDraft): Promise<Idea> {
    const { fields, issues } = checkNewIdea(draft);
    if (!issues.some((i) => i.field === 'categoryId')) issues.push(...(await this.categoryIssues(fields.categoryId)));
    if (issues.length > 0) throw IdeaErrors.invalid(inFieldOrder(issues));
    const now = this.clock();
    const idea: Idea = { ...fields, id: randomUUID() as IdeaId, status: INITIAL_STATUS, authorId: viewer.id, createdAt: now, updatedAt: now, version: 1 };
    try {
      await this.store.createIdea(idea, createdEntry(idea, viewer.id));
    } catch (error) {
      if (error instanceof MissingCategoryError) throw IdeaErrors.invalid([{ field: 'categoryId', message: 'must be an active category' }]);
      throw error;
    }
    this.events.publish({ kind: 'CREATED', idea, fields: [], actorId: viewer.id, at: now });
    return idea;
  }

  /**
   * Changes the fields given; a status change must be a move the transition table allows. With
   * `expectedVersion`, a change made meanwhile by someone else is a CONFLICT instead of being overwritten.
   */
  async update(viewer: Viewer, id: string, draft: IdeaPatchDraft & { expectedVersion?: number | null }): Promise<Idea> {
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const idea = await this.editable(viewer, id, 'change this idea');
      if (draft.expectedVersion != null && draft.expectedVersion !== idea.version) throw IdeaErrors.versionConflict(id, idea.version);
      const result = applyPatch(idea, draft, this.clock());
      const issues = result.ok ? [] : [...result.issues];
      // A move to another category needs it active; checked even when other fields fail, to report all at once.
      const category = draft.categoryId?.trim().toLowerCase();
      if (category && isUuid(category) && category !== idea.categoryId) issues.push(...(await this.categoryIssues(category as CategoryId)));
      if (!result.ok || issues.length > 0) throw IdeaErrors.invalid(inFieldOrder(issues));
      if (result.changes.length === 0) return idea;
      const write: IdeaWrite = { next: result.next, expectedVersion: idea.version, history: updatedEntries(result.next, result.changes, viewer.id) };
      if (await this.save([write])) {
        this.events.publish({ kind: 'UPDATED', idea: result.next, fields: result.changes.map((c) => c.field), actorId: viewer.id, at: result.next.updatedAt });
        return result.next;
      }
    }
    throw IdeaErrors.busy(`Idea ${id}`);
  }

  async remove(viewer: Viewer, id: string): Promise<boolean> {
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const idea = await this.editable(viewer, id, 'delete this idea');
      const at = this.clock();
      if (await this.store.deleteIdea(idea.id, idea.version, deletedEntry(idea, viewer.id, at))) {
        this.events.publish({ kind: 'DELETED', idea, fields: [], actorId: viewer.id, at });
        return true;
      }
    }
    throw IdeaErrors.busy(`Idea ${id}`);
  }

  /**
   * Sets status and/or priority of many ideas at once, all or nothing: every idea is checked first
   * (found, yours or you are an admin, the status move allowed) and any problem, reported per id, means
   * nothing is written; otherwise all changes and their history go in one transaction.
   */
  async bulkUpdate(viewer: Viewer, change: BulkChange): Promise<BulkResult> {
    const ids = [...new Set(change.ids.map((id) => id.trim().toLowerCase()))];
    const inputIssues: FieldIssue[] = [];
    if (ids.length === 0 || ids.length > MAX_BULK) inputIssues.push({ field: 'ids', message: `must list 1 to ${MAX_BULK} ideas` });
    if (change.status == null && change.priority == null) {
      inputIssues.push({ field: 'status', message: 'give a status, a priority or both' }, { field: 'priority', message: 'give a status, a priority or both' });
    }
    if (change.priority != null && !(IDEA_PRIORITIES as readonly string[]).includes(change.priority)) inputIssues.push({ field: 'priority', message: `must be one of ${IDEA_PRIORITIES.join(', ')}` });
    if (change.status != null && !(IDEA_STATUSES as readonly string[]).includes(change.status)) inputIssues.push({ field: 'status', message: `must be one of ${IDEA_STATUSES.join(', ')}` });
    if (inputIssues.length > 0) throw IdeaErrors.invalid(inputIssues);

    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const found = new Map((await this.store.ideasByIds(ids.filter(isUuid) as IdeaId[])).map((i) => [i.id as string, i]));
      const at = this.clock();
      const problems: BulkProblem[] = [];
      const after: Idea[] = [];
      const writes: IdeaWrite[] = [];
      for (const id of ids) {
        const idea = found.get(id);
        if (!idea) {
          problems.push({ id, field: 'ids', code: 'NOT_FOUND', message: 'no such idea' });
          continue;
        }
        if (!this.canEdit(viewer, idea)) {
          problems.push({ id, field: 'ids', code: 'FORBIDDEN', message: 'only the author or an admin may change it' });
          continue;
        }
        const result = applyPatch(idea, { status: change.status, priority: change.priority }, at);
        if (!result.ok) {
          problems.push(...result.issues.map((i) => ({ id, field: i.field, code: 'BAD_USER_INPUT', message: i.message })));
          continue;
        }
        after.push(result.next);
        if (result.changes.length > 0) writes.push({ next: result.next, expectedVersion: idea.version, history: updatedEntries(result.next, result.changes, viewer.id) });
      }
      if (problems.length > 0) return { applied: false, ideas: [], changed: 0, problems };
      if (writes.length > 0 && !(await this.save(writes))) continue;
      for (const w of writes) {
        this.events.publish({ kind: 'UPDATED', idea: w.next, fields: [...new Set(w.history.map((h) => h.field!))], actorId: viewer.id, at });
      }
      return { applied: true, ideas: after, changed: writes.length, problems: [] };
    }
    throw IdeaErrors.busy(`${ids.length} ideas`);
  }

  async list(draft: IdeaFilterDraft | null | undefined, orderBy: IdeaOrder, page: { first?: number | null; after?: string | null }): Promise<IdeaPage> {
    const first = page.first ?? DEFAULT_PAGE_SIZE;
    const { filter, issues } = checkFilter(draft ?? {});
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) issues.push({ field: 'first', message: `must be a whole number from 1 to ${MAX_PAGE_SIZE}` });
    const decoded = page.after ? decodeCursor(page.after, orderBy) : null;
    if (decoded && !decoded.ok) issues.push({ field: 'after', message: decoded.reason });
    if (issues.length > 0) throw IdeaErrors.invalid(issues);
    const after = decoded?.ok ? decoded.cursor : undefined;
    const [{ ideas, hasMore }, totalCount] = await Promise.all([this.store.listIdeas({ filter, orderBy, first, after }), this.store.countIdeas(filter)]);
    return { edges: ideas.map((idea) => ({ cursor: encodeCursor(orderBy, idea), idea })), hasNextPage: hasMore, totalCount };
  }

  /** Every idea the filter matches, a page at a time, for streaming out; never all of them in memory. */
  async *exportPages(filter: IdeaFilter, orderBy: IdeaOrder, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<Idea[]> {
    let after: IdeaCursor | undefined;
    for (;;) {
      const { ideas, hasMore } = await this.store.listIdeas({ filter, orderBy, first: pageSize, after });
      if (ideas.length > 0) yield ideas;
      if (!hasMore || ideas.length === 0) return;
      after = cursorOf(ideas[ideas.length - 1]!);
    }
  }

  /** Counts by status, priority and category over the filter, and per ISO week over the last `weeks` weeks. */
  async stats(draft: IdeaFilterDraft | null | undefined, weeks: number = DEFAULT_STATS_WEEKS): Promise<IdeaStats> {
    const { filter, issues } = checkFilter(draft ?? {});
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_STATS_WEEKS) issues.push({ field: 'weeks', message: `must be a whole number from 1 to ${MAX_STATS_WEEKS}` });
    if (issues.length > 0) throw IdeaErrors.invalid(issues);
    const window = weekWindow(this.clock(), weeks);
    const counts = await this.store.countsOf(filter, window[0]!);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    return {
      total: [...counts.byStatus.values()].reduce((a, b) => a + b, 0),
      byStatus: IDEA_STATUSES.map((status) => ({ status, count: counts.byStatus.get(status) ?? 0 })),
      byPriority: IDEA_PRIORITIES.map((priority) => ({ priority, count: counts.byPriority.get(priority) ?? 0 })),
      byCategory: [...counts.byCategory].map(([categoryId, count]) => ({ categoryId, count })).sort((a, b) => b.count - a.count || a.categoryId.localeCompare(b.categoryId)),
      weeks: window.map((start) => ({ week: isoWeekLabel(start), start, created: counts.createdPerWeek.get(day(start)) ?? 0, completed: counts.completedPerWeek.get(day(start)) ?? 0 })),
    };
  }

  /** DataLoader batch function: results in the order of `ids`, null where missing. */
  async byIds(ids: readonly IdeaId[]): Promise<Array<Idea | null>> {
    const valid = ids.filter(isUuid).map((id) => id.toLowerCase() as IdeaId);
    const found = new Map((valid.length ? await this.store.ideasByIds([...new Set(valid)]) : []).map((i) => [i.id as string, i]));
    return ids.map((id) => found.get(id.toLowerCase()) ?? null);
  }

  /** DataLoader batch function: each idea's history, oldest first (also for a deleted idea). */
  async historyOf(ids: readonly IdeaId[]): Promise<IdeaChangeRecord[][]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.store.historyOf(valid.map((id) => id.toLowerCase() as IdeaId)) : [];
    return ids.map((id) => rows.filter((r) => r.ideaId === id.toLowerCase()));
  }

  canEdit(viewer: Viewer | null, idea: Idea): boolean {
    if (!viewer) return false;
    return hasRole(viewer, 'admin') || (viewer.id === idea.authorId && hasRole(viewer, 'trader'));
  }

  private async editable(viewer: Viewer, id: string, what: string): Promise<Idea> {
    const [idea] = await this.byIds([id as IdeaId]);
    if (!idea) throw IdeaErrors.notFound(id);
    if (!this.canEdit(viewer, idea)) throw IdeaErrors.notYours(what);
    return idea;
  }

  private async categoryIssues(id: CategoryId): Promise<FieldIssue[]> {
    const [category] = await this.store.categoriesByIds([id]);
    return category?.active ? [] : [{ field: 'categoryId', message: 'must be an active category' }];
  }

  private async save(writes: IdeaWrite[]): Promise<boolean> {
    try {
      return await this.store.saveIdeas(writes);
    } catch (error) {
      if (error instanceof MissingCategoryError) throw IdeaErrors.invalid([{ field: 'categoryId', message: 'must be an active category' }]);
      throw error;
    }
  }
}
