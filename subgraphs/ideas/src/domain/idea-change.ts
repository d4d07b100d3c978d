import type { FieldChange, Idea, IdeaField, IdeaId } from './idea';

/** What happened to an idea, as its history and the `ideaChanged` subscription tell it. */
export const IDEA_CHANGE_KINDS = ['CREATED', 'UPDATED', 'DELETED'] as const;
export type IdeaChangeKind = (typeof IDEA_CHANGE_KINDS)[number];

/**
 * One line of an idea's history: who did what, when. An update writes one line per changed field (with
 * the value before and after); creation and deletion one line without a field.
 */
export interface IdeaChangeEntry {
  readonly ideaId: IdeaId;
  readonly kind: IdeaChangeKind;
  readonly field: IdeaField | null;
  /** JSON values: a string, an array of tags, or null. */
  readonly from: unknown;
  readonly to: unknown;
  readonly actorId: string;
  readonly at: Date;
  /** The idea's version after the change (for DELETED: the version deleted). */
  readonly version: number;
}

export function createdEntry(idea: Idea, actorId: string): IdeaChangeEntry {
  return { ideaId: idea.id, kind: 'CREATED', field: null, from: null, to: null, actorId, at: idea.createdAt, version: idea.version };
}

export function updatedEntries(next: Idea, changes: readonly FieldChange[], actorId: string): IdeaChangeEntry[] {
  return changes.map((c) => ({ ideaId: next.id, kind: 'UPDATED', field: c.field, from: c.from, to: c.to, actorId, at: next.updatedAt, version: next.version }));
}

export function deletedEntry(idea: Idea, actorId: string, at: Date): IdeaChangeEntry {
  return { ideaId: idea.id, kind: 'DELETED', field: null, from: null, to: null, actorId, at, version: idea.version };
}
