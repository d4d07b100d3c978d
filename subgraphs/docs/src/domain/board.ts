import type { DocIdeaStatus } from './doc-idea';

/** A card as the board renumbering sees it. */
export interface Placed<Id extends string = string> {
  readonly id: Id;
  readonly status: DocIdeaStatus;
  readonly position: number;
}

/** A position to write: only cards whose column or position differs from what is stored. */
export interface Placement<Id extends string = string> {
  readonly id: Id;
  readonly status: DocIdeaStatus;
  readonly position: number;
}

/**
 * Takes `id` out of its column and puts it at `position` (clamped to the end) in `target`, renumbering
 * both columns 0..n-1 in their current order. `columns` are the cards of the source and target columns
 * ordered by position; cards whose stored numbering was off are fixed along the way.
 */
export function placeCard<Id extends string>(columns: readonly Placed<Id>[], id: Id | null, target: DocIdeaStatus, position: number): Placement<Id>[] {
  const byColumn = new Map<DocIdeaStatus, Id[]>();
  for (const card of columns) {
    if (card.id === id) continue;
    byColumn.set(card.status, [...(byColumn.get(card.status) ?? []), card.id]);
  }
  const targetIds = byColumn.get(target) ?? [];
  if (id !== null) targetIds.splice(Math.min(Math.max(position, 0), targetIds.length), 0, id);
  byColumn.set(target, targetIds);
  const stored = new Map(columns.map((c) => [c.id, c]));
  const writes: Placement<Id>[] = [];
  for (const [status, ids] of byColumn) {
    ids.forEach((cardId, index) => {
      const before = stored.get(cardId);
      if (!before || before.status !== status || before.position !== index) writes.push({ id: cardId, status, position: index });
    });
  }
  return writes;
}
