import { IDEA_PRIORITIES, isUuid, type Idea, type IdeaId, type IdeaPriority } from '../domain/idea';
import type { IdeaOrder } from '../domain/idea-filter';
import type { IdeaCursor } from '../store/idea.store';

/**
 * Opaque page cursors. A cursor carries the order it was issued for and the last row's sort key (with
 * the id that breaks ties), so the next page is a keyset query: stable while ideas are inserted, and
 * never an offset. The key is copied when the page is read: an idea that changes afterwards does not
 * move the cursor.
 */
interface Encoded {
  o: IdeaOrder;
  i: string;
  c: string;
  u: string;
  p: IdeaPriority;
}

export function encodeCursor(order: IdeaOrder, idea: Idea): string {
  const body: Encoded = { o: order, i: idea.id, c: idea.createdAt.toISOString(), u: idea.updatedAt.toISOString(), p: idea.priority };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export type DecodedCursor = { ok: true; cursor: IdeaCursor } | { ok: false; reason: string };

const date = (value: unknown): Date | null => {
  if (typeof value !== 'string') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
};

export function decodeCursor(cursor: string, order: IdeaOrder): DecodedCursor {
  let body: Partial<Encoded>;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Encoded>;
  } catch {
    return { ok: false, reason: 'must be an endCursor this API returned' };
  }
  const createdAt = date(body?.c);
  const updatedAt = date(body?.u);
  if (typeof body?.i !== 'string' || !isUuid(body.i) || !createdAt || !updatedAt || !IDEA_PRIORITIES.includes(body.p as IdeaPriority)) {
    return { ok: false, reason: 'must be an endCursor this API returned' };
  }
  if (body.o !== order) return { ok: false, reason: `was issued for orderBy ${String(body.o)}; ask again from the first page to sort by ${order}` };
  return { ok: true, cursor: { id: body.i as IdeaId, createdAt, updatedAt, priority: body.p as IdeaPriority } };
}
