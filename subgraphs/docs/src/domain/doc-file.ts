import type { Viewer } from '@b3/kit';
import { hasRole } from '@b3/kit';
import type { DocIdeaId } from './doc-idea';
import type { SystemId } from './system';

export type DocFileId = string & { readonly __brand: 'DocFileId' };

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_UPLOAD = 5;
/** Uploads not attached to an idea or a system within this time are removed. */
export const UNATTACHED_TTL_MS = 24 * 60 * 60 * 1000;

export interface DocFile {
  id: DocFileId;
  /** The name the client sent, as metadata only: it never becomes part of a path. */
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  /** Hex SHA-256 of the content as stored. */
  sha256: string;
  public: boolean;
  downloads: number;
  uploadedBy: string;
  uploadedAt: Date;
  ideaId: DocIdeaId | null;
  systemId: SystemId | null;
  attachedAt: Date | null;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Ids are server-generated UUIDs; anything else is not ours (and never reaches the filesystem). */
export const isDocFileId = (value: string): value is DocFileId => ID.test(value);

// C0, DEL and C1 controls, plus the Unicode line and paragraph separators and bidi overrides.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * The original name as metadata: NFC, trimmed. Refused, not repaired: a name with a path in it (`/` or
 * `\`), `.`/`..`, control characters, or over 255 characters.
 */
export function checkFileName(raw: string | undefined): { name: string } | { problem: string } {
  const name = (raw ?? '').normalize('NFC').trim();
  if (name === '') return { problem: 'has no file name' };
  if (name.length > 255) return { problem: 'has a file name over 255 characters' };
  if (/[/\\]/.test(name) || name === '.' || name === '..') return { problem: 'has a file name with a path in it; send the bare name' };
  if (CONTROL.test(name)) return { problem: 'has control characters in its file name' };
  return { name };
}

export type DownloadDecision = { allowed: true } | { allowed: false; reason: 'NOT_FOUND' | 'UNAUTHENTICATED' };

/**
 * Who may download: a public file anyone, a private one any signed-in viewer. An upload not attached yet
 * is visible only to whoever uploaded it (and admins); to anyone else it does not exist.
 */
export function mayDownload(file: DocFile, viewer: Viewer | null): DownloadDecision {
  if (file.attachedAt === null) {
    return viewer && (viewer.id === file.uploadedBy || hasRole(viewer, 'admin')) ? { allowed: true } : { allowed: false, reason: 'NOT_FOUND' };
  }
  if (file.public) return { allowed: true };
  return viewer ? { allowed: true } : { allowed: false, reason: 'UNAUTHENTICATED' };
}

/** Attaching and deleting are the uploader's (or an admin's). */
export const ownsFile = (file: DocFile, viewer: Viewer): boolean => viewer.id === file.uploadedBy || hasRole(viewer, 'admin');

/** Where files are served, on the docs subgraph and (forwarded) on the gateway's origin. */
export const UPLOADS_PATH = '/docs/uploads';
export const FILES_PREFIX = '/docs/files/';
export const downloadPathOf = (id: DocFileId): string => `${FILES_PREFIX}${id}`;
