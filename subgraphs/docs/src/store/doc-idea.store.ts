import type { DocIdea, DocIdeaFields, DocIdeaId, DocIdeaStatus } from '../domain/doc-idea';
import type { SystemId } from '../domain/system';

/** What the board needs from storage; prisma-doc-idea.store.ts is the one implementation. */

export interface NewDocIdea extends DocIdeaFields {
  readonly id: DocIdeaId;
  readonly status: DocIdeaStatus;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export interface DocIdeaStore {
  byIds(ids: readonly DocIdeaId[]): Promise<DocIdea[]>;
  /** A column in order; `afterPosition` for the next page. */
  column(status: DocIdeaStatus, first: number, afterPosition?: number): Promise<{ ideas: DocIdea[]; hasMore: boolean }>;
  countColumns(): Promise<Record<DocIdeaStatus, number>>;
  /** Every card, by column and position (the board is small; columns are capped by the caller's `first`). */
  board(perColumn: number): Promise<DocIdea[]>;
  /** Writes a card at `position` in its column (clamped to the end; null: last), renumbering the column. */
  create(idea: NewDocIdea, position: number | null): Promise<DocIdea>;
  /** Changes what a writer sets; null when the card is gone. */
  update(id: DocIdeaId, fields: DocIdeaFields, at: Date): Promise<DocIdea | null>;
  /** Moves a card to `position` in `status`, renumbering both columns; null when the card is gone. */
  move(id: DocIdeaId, status: DocIdeaStatus, position: number, at: Date): Promise<DocIdea | null>;
  /** Deletes a card (its files' rows with it) and closes the gap; returns the files' ids. */
  delete(id: DocIdeaId, at: Date): Promise<{ deleted: boolean; fileIds: string[] }>;
  systemExists(id: SystemId): Promise<boolean>;
}
