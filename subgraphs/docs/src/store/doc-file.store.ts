import type { DocFile, DocFileId } from '../domain/doc-file';
import type { DocIdeaId } from '../domain/doc-idea';
import type { SystemId } from '../domain/system';

/** What uploads, attachments and downloads need from storage; prisma-doc-file.store.ts is the one implementation. */

export type AttachTarget = { readonly ideaId: DocIdeaId; readonly systemId?: undefined } | { readonly systemId: SystemId; readonly ideaId?: undefined };

export interface DocFileStore {
  /** All or nothing: one upload request's files. */
  insert(files: readonly DocFile[]): Promise<void>;
  byIds(ids: readonly DocFileId[]): Promise<DocFile[]>;
  byIdeas(ids: readonly DocIdeaId[]): Promise<DocFile[]>;
  bySystems(ids: readonly SystemId[]): Promise<DocFile[]>;
  /** Attaches files that are still unattached, all or none; false when one was attached meanwhile. */
  attach(ids: readonly DocFileId[], target: AttachTarget, at: Date): Promise<boolean>;
  /** Counts a download and returns the file as counted; null when it is gone. */
  countDownload(id: DocFileId): Promise<DocFile | null>;
  delete(id: DocFileId): Promise<boolean>;
  /** Removes the rows of uploads never attached and uploaded before `before`; returns their ids. */
  deleteUnattached(before: Date): Promise<DocFileId[]>;
  /** Which of these ids have a row (to find files on disk that lost theirs). */
  existing(ids: readonly DocFileId[]): Promise<Set<DocFileId>>;
  ideaExists(id: DocIdeaId): Promise<boolean>;
  systemExists(id: SystemId): Promise<boolean>;
}
