import { randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isDocFileId, type DocFileId } from '../domain/doc-file';

/**
 * Uploaded content on disk: `<dir>/<id>` for stored files, `<dir>/.incoming/<random>.part` while a
 * request is still arriving. Every name is generated here; no part of a client's request becomes a path.
 * Both live on one filesystem, so promoting a finished upload is an atomic rename.
 */
export class FileStorage {
  readonly incomingDir: string;

  constructor(readonly dir: string) {
    this.incomingDir = join(dir, '.incoming');
  }

  /** Creates the folders; parts a crash left behind are removed (no request can be using them yet). */
  async init(): Promise<void> {
    await rm(this.incomingDir, { recursive: true, force: true });
    await mkdir(this.incomingDir, { recursive: true });
  }

  newIncomingPath(): string {
    return join(this.incomingDir, `${randomUUID()}.part`);
  }

  async promote(incomingPath: string, id: DocFileId): Promise<void> {
    await rename(incomingPath, this.pathOf(id));
  }

  async discard(incomingPath: string): Promise<void> {
    await rm(incomingPath, { force: true });
  }

  async remove(id: DocFileId): Promise<void> {
    await rm(this.pathOf(id), { force: true });
  }

  /** The stored file's size, or null when it is missing. */
  async sizeOf(id: DocFileId): Promise<number | null> {
    try {
      return (await stat(this.pathOf(id))).size;
    } catch {
      return null;
    }
  }

  open(id: DocFileId): ReadStream {
    return createReadStream(this.pathOf(id));
  }

  /** Stored files (by id) with their modification time; other names are not ours and are left alone. */
  async list(): Promise<Array<{ id: DocFileId; modifiedAt: Date }>> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const entries = await Promise.all(
      names.filter(isDocFileId).map(async (id) => {
        const info = await stat(join(this.dir, id)).catch(() => null);
        return info?.isFile() ? { id, modifiedAt: info.mtime } : null;
      }),
    );
    return entries.filter((e): e is { id: DocFileId; modifiedAt: Date } => e !== null);
  }

  /** Incoming parts older than `before` (a request abandoned without its cleanup running). */
  async removeStaleIncoming(before: Date): Promise<number> {
    const names = await readdir(this.incomingDir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const path = join(this.incomingDir, name);
      const info = await stat(path).catch(() => null);
      if (info && info.mtime < before) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }

  private pathOf(id: DocFileId): string {
    // ids are validated UUIDs; the check here keeps that true whoever calls
    if (!isDocFileId(id)) throw new Error('not a file id');
    return join(this.dir, id);
  }
}
