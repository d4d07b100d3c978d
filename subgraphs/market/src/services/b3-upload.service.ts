import { randomUUID } from 'node:crypto';
import type { B3ImportJob } from '../domain/b3/import-job';
import { B3_IMPORT_FORMATS, B3_IMPORT_KINDS, type B3ImportFormat, type B3ImportKind, isImportFormat, isImportKind } from '../domain/b3/import-kinds';
import { MarketErrors } from '../errors';
import type { B3ImportService } from './b3-import.service';

interface Upload {
  kind: B3ImportKind;
  format: B3ImportFormat;
  parts: string[];
  chars: number;
  touchedAt: number;
}

export interface B3UploadOptions {
  /** Largest file, in characters, summed over its parts. */
  maxChars?: number;
  /** Uploads left this long without a part are dropped. */
  idleMs?: number;
  /** Uploads open at once (each holds its parts in memory). */
  maxOpen?: number;
  now?: () => number;
}

/**
 * Files larger than the gateway's request body limit arrive in parts: begin, append each part, commit.
 * Commit hands the joined text to the import service, so a big file is still checked as a whole and
 * refused as a whole — a part is only text, never imported on its own.
 */
export class B3UploadService {
  private readonly uploads = new Map<string, Upload>();
  private readonly maxChars: number;
  private readonly idleMs: number;
  private readonly maxOpen: number;
  private readonly now: () => number;

  constructor(
    private readonly imports: B3ImportService,
    options: B3UploadOptions = {},
  ) {
    this.maxChars = options.maxChars ?? 50 * 1024 * 1024;
    this.idleMs = options.idleMs ?? 10 * 60_000;
    this.maxOpen = options.maxOpen ?? 8;
    this.now = options.now ?? Date.now;
  }

  begin(kind: string, format: string): string {
    if (!isImportKind(kind)) throw MarketErrors.badArgument('kind', `kind must be one of ${B3_IMPORT_KINDS.join(', ')}`);
    if (!isImportFormat(format)) throw MarketErrors.badArgument('format', `format must be one of ${B3_IMPORT_FORMATS.join(', ')}`);
    this.dropIdle();
    if (this.uploads.size >= this.maxOpen) throw MarketErrors.badArgument('kind', `${this.maxOpen} uploads are already open; commit or let them expire first`);
    const id = randomUUID();
    this.uploads.set(id, { kind, format, parts: [], chars: 0, touchedAt: this.now() });
    return id;
  }

  /** Adds a part; returns the characters received so far. */
  append(uploadId: string, part: string): number {
    const upload = this.open(uploadId);
    if (upload.chars + part.length > this.maxChars) {
      this.uploads.delete(uploadId);
      throw MarketErrors.badArgument('content', `the file exceeds ${this.maxChars} characters; the upload was dropped`);
    }
    upload.parts.push(part);
    upload.chars += part.length;
    upload.touchedAt = this.now();
    return upload.chars;
  }

  /** Imports the joined parts (validated as one file); the upload is gone either way. */
  commit(uploadId: string): B3ImportJob {
    const upload = this.open(uploadId);
    this.uploads.delete(uploadId);
    return this.imports.start(upload.kind, upload.format, upload.parts.join(''));
  }

  private open(uploadId: string): Upload {
    this.dropIdle();
    const upload = this.uploads.get(uploadId);
    if (!upload) throw MarketErrors.badArgument('uploadId', `no open upload ${uploadId} (unknown, committed, or idle for more than ${this.idleMs / 60_000} min)`);
    return upload;
  }

  private dropIdle(): void {
    const cutoff = this.now() - this.idleMs;
    for (const [id, upload] of this.uploads) if (upload.touchedAt < cutoff) this.uploads.delete(id);
  }
}
