import { randomUUID } from 'node:crypto';
import { hasRole, unauthenticated, type Viewer } from '@b3/kit';
import { checkDocIdeaInput, checkPlacement, type DocIdea, type DocIdeaId, type DocIdeaInput, type DocIdeaStatus } from '../domain/doc-idea';
import type { FieldIssue } from '../domain/field-issue';
import type { SystemId } from '../domain/system';
import { DocsErrors } from '../errors';
import type { DocIdeaStore } from '../store/doc-idea.store';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DocIdeaPage {
  edges: Array<{ cursor: string; idea: DocIdea }>;
  hasNextPage: boolean;
  totalCount: number;
}

const encode = (idea: DocIdea): string => Buffer.from(JSON.stringify([idea.status, idea.position])).toString('base64url');

function decode(cursor: string, status: DocIdeaStatus): number | null {
  try {
    const [column, position] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    return column === status && Number.isInteger(position) ? (position as number) : null;
  } catch {
    return null;
  }
}

/**
 * The documentation board: cards in five columns, each column ordered. Reading is open; writing needs
 * the trader role. Moving is the only way to change a card's column or place.
 */
export class DocIdeaService {
  private readonly clock: () => Date;
  private readonly onRemoved: (fileIds: readonly string[]) => Promise<void>;

  constructor(
    private readonly store: DocIdeaStore,
    options: { clock?: () => Date; onRemoved?: (fileIds: readonly string[]) => Promise<void> } = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.onRemoved = options.onRemoved ?? (async () => undefined);
  }

  /** DataLoader batch function: results in the order of `ids`, null where missing. */
  async byIds(ids: readonly DocIdeaId[]): Promise<Array<DocIdea | null>> {
    const valid = ids.filter((id) => UUID.test(id));
    const found = new Map((valid.length > 0 ? await this.store.byIds(valid) : []).map((i) => [i.id, i]));
    return ids.map((id) => found.get(id) ?? null);
  }

  async column(status: DocIdeaStatus, page: { first?: number | null; after?: string | null }): Promise<DocIdeaPage> {
    const first = page.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw DocsErrors.pageSizeOutOfRange(MAX_PAGE_SIZE);
    const after = page.after ? decode(page.after, status) : undefined;
    if (after === null) throw DocsErrors.invalidCursor();
    const [{ ideas, hasMore }, counts] = await Promise.all([this.store.column(status, first, after), this.store.countColumns()]);
    return { edges: ideas.map((idea) => ({ cursor: encode(idea), idea })), hasNextPage: hasMore, totalCount: counts[status] };
  }

  async board(perColumn: number): Promise<{ counts: Record<DocIdeaStatus, number>; ideas: DocIdea[] }> {
    if (!Number.isInteger(perColumn) || perColumn < 1 || perColumn > MAX_PAGE_SIZE) throw DocsErrors.invalid([{ field: 'first', message: `must be a whole number from 1 to ${MAX_PAGE_SIZE}` }]);
    const [counts, ideas] = await Promise.all([this.store.countColumns(), this.store.board(perColumn)]);
    return { counts, ideas };
  }

  async create(viewer: Viewer | null, input: DocIdeaInput & { status?: DocIdeaStatus | null; position?: number | null }): Promise<DocIdea> {
    this.requireTrader(viewer, 'add documentation ideas');
    const status = input.status ?? 'BACKLOG';
    const { fields, issues } = checkDocIdeaInput(input, null);
    issues.push(...checkPlacement(status, input.position));
    await this.checkSystem(fields.systemId, issues);
    if (issues.length > 0) throw DocsErrors.invalid(issues);
    return this.store.create({ ...fields, id: randomUUID() as DocIdeaId, status, createdBy: viewer.id, createdAt: this.clock() }, input.position ?? null);
  }

  async update(viewer: Viewer | null, id: string, input: DocIdeaInput): Promise<DocIdea> {
    this.requireTrader(viewer, 'change documentation ideas');
    const current = await this.ideaOrThrow(id);
    const { fields, issues } = checkDocIdeaInput(input, current);
    if (input.systemId !== undefined) await this.checkSystem(fields.systemId, issues);
    if (issues.length > 0) throw DocsErrors.invalid(issues);
    const updated = await this.store.update(current.id, fields, this.clock());
    if (!updated) throw DocsErrors.ideaNotFound(id);
    return updated;
  }

  /** Puts the card at `position` (0 = top; past the end = last) of `status`; both columns stay numbered 0..n-1. */
  async move(viewer: Viewer | null, id: string, status: DocIdeaStatus, position: number): Promise<DocIdea> {
    this.requireTrader(viewer, 'move documentation ideas');
    const issues = checkPlacement(status, position);
    if (issues.length > 0) throw DocsErrors.invalid(issues);
    if (!UUID.test(id)) throw DocsErrors.ideaNotFound(id);
    const moved = await this.store.move(id as DocIdeaId, status, position, this.clock());
    if (!moved) throw DocsErrors.ideaNotFound(id);
    return moved;
  }

  /** Its attached files go with it. */
  async remove(viewer: Viewer | null, id: string): Promise<boolean> {
    this.requireTrader(viewer, 'delete documentation ideas');
    if (!UUID.test(id)) throw DocsErrors.ideaNotFound(id);
    const { deleted, fileIds } = await this.store.delete(id as DocIdeaId, this.clock());
    if (!deleted) throw DocsErrors.ideaNotFound(id);
    await this.onRemoved(fileIds);
    return true;
  }

  private async checkSystem(systemId: SystemId | null, issues: FieldIssue[]): Promise<void> {
    if (systemId !== null && !(await this.store.systemExists(systemId))) issues.push({ field: 'systemId', message: 'must be the id of a registered system' });
  }

  private async ideaOrThrow(id: string): Promise<DocIdea> {
    const [idea] = await this.byIds([id as DocIdeaId]);
    if (!idea) throw DocsErrors.ideaNotFound(id);
    return idea;
  }

  private requireTrader(viewer: Viewer | null, what: string): asserts viewer is Viewer {
    if (!viewer) throw unauthenticated();
    if (!hasRole(viewer, 'trader')) throw DocsErrors.role('trader', what);
  }
}
