import { randomUUID } from 'node:crypto';
import { hasRole, type Logger, type ManagedResource, unauthenticated, type Viewer } from '@b3/kit';
import type { FileStorage } from '../adapters/file-storage';
import { isDocFileId, mayDownload, ownsFile, UNATTACHED_TTL_MS, type DocFile, type DocFileId } from '../domain/doc-file';
import type { DocIdeaId } from '../domain/doc-idea';
import type { FieldIssue } from '../domain/field-issue';
import type { SystemId } from '../domain/system';
import { DocsErrors } from '../errors';
import type { AttachTarget, DocFileStore } from '../store/doc-file.store';

/** A file that arrived whole and passed every check, still in the incoming folder. */
export interface ReceivedFile {
  readonly incomingPath: string;
  readonly originalName: string;
  readonly mimeType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

export const MAX_ATTACH = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type DownloadResult = { ok: true; file: DocFile } | { ok: false; reason: 'NOT_FOUND' | 'UNAUTHENTICATED' };

/**
 * Files attached to documentation ideas and systems. Content arrives through `POST /docs/uploads` (see
 * http/upload.route.ts), is stored under a generated id, and becomes visible to others once a mutation
 * attaches it; uploads never attached are removed after a day.
 */
export class DocFileService {
  private readonly clock: () => Date;

  constructor(
    private readonly store: DocFileStore,
    private readonly storage: FileStorage,
    private readonly logger: Logger,
    options: { clock?: () => Date } = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** All or nothing: every file is renamed into place and recorded, or none is left behind. */
  async saveUploads(viewer: Viewer, received: readonly ReceivedFile[], isPublic: boolean): Promise<DocFile[]> {
    const at = this.clock();
    const files: DocFile[] = received.map((r) => ({
      id: randomUUID() as DocFileId,
      originalName: r.originalName,
      mimeType: r.mimeType,
      sizeBytes: r.sizeBytes,
      sha256: r.sha256,
      public: isPublic,
      downloads: 0,
      uploadedBy: viewer.id,
      uploadedAt: at,
      ideaId: null,
      systemId: null,
      attachedAt: null,
    }));
    const promoted: DocFileId[] = [];
    try {
      for (const [i, file] of files.entries()) {
        await this.storage.promote(received[i].incomingPath, file.id);
        promoted.push(file.id);
      }
      await this.store.insert(files);
      return files;
    } catch (error) {
      await Promise.all([...promoted.map((id) => this.storage.remove(id)), ...received.map((r) => this.storage.discard(r.incomingPath))]);
      throw error;
    }
  }

  /** DataLoader batch functions. */
  async byIds(ids: readonly DocFileId[]): Promise<Array<DocFile | null>> {
    const valid = ids.filter((id) => isDocFileId(id));
    const found = new Map((valid.length > 0 ? await this.store.byIds(valid) : []).map((f) => [f.id, f]));
    return ids.map((id) => found.get(id) ?? null);
  }

  async byIdeas(ids: readonly DocIdeaId[]): Promise<DocFile[][]> {
    const files = await this.store.byIdeas(ids.filter((id) => UUID.test(id)));
    return ids.map((id) => files.filter((f) => f.ideaId === id));
  }

  async bySystems(ids: readonly SystemId[]): Promise<DocFile[][]> {
    const files = await this.store.bySystems(ids);
    return ids.map((id) => files.filter((f) => f.systemId === id));
  }

  /** Attaches the viewer's own uploads (an admin's: anyone's) to one idea or one system. */
  async attach(viewer: Viewer | null, input: { fileIds: readonly string[]; ideaId?: string | null; systemId?: string | null }): Promise<DocFile[]> {
    if (!viewer) throw unauthenticated();
    if (!hasRole(viewer, 'trader')) throw DocsErrors.role('trader', 'attach files');
    const issues: FieldIssue[] = [];
    const ideaId = input.ideaId?.trim() || null;
    const systemId = input.systemId?.trim() || null;
    if ((ideaId === null) === (systemId === null)) issues.push({ field: ideaId === null ? 'ideaId' : 'systemId', message: 'give either ideaId or systemId, not both or neither' });
    else if (ideaId !== null && !(UUID.test(ideaId) && (await this.store.ideaExists(ideaId as DocIdeaId)))) issues.push({ field: 'ideaId', message: 'must be the id of a documentation idea' });
    else if (systemId !== null && !(await this.store.systemExists(systemId as SystemId))) issues.push({ field: 'systemId', message: 'must be the id of a registered system' });
    const ids = input.fileIds.map((id) => id.trim());
    if (ids.length < 1 || ids.length > MAX_ATTACH) issues.push({ field: 'fileIds', message: `must list 1 to ${MAX_ATTACH} files` });
    const found = new Map((await this.store.byIds(ids.filter(isDocFileId))).map((f) => [f.id as string, f]));
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) issues.push({ field: `fileIds[${i}]`, message: 'is listed twice' });
      else if (!found.has(id)) issues.push({ field: `fileIds[${i}]`, message: 'must be the id of an uploaded file' });
    });
    if (issues.length > 0) throw DocsErrors.invalid(issues);
    for (const [i, id] of ids.entries()) {
      const file = found.get(id)!;
      if (!ownsFile(file, viewer)) throw DocsErrors.notYourFile(id);
      if (file.attachedAt !== null) throw DocsErrors.fileAttached(`fileIds[${i}]`, id);
    }
    const target: AttachTarget = ideaId !== null ? { ideaId: ideaId as DocIdeaId } : { systemId: systemId as SystemId };
    if (!(await this.store.attach(ids as DocFileId[], target, this.clock()))) throw DocsErrors.fileAttached('fileIds', ids.join(', '));
    return (await this.byIds(ids as DocFileId[])).filter((f): f is DocFile => f !== null);
  }

  async remove(viewer: Viewer | null, id: string): Promise<boolean> {
    if (!viewer) throw unauthenticated();
    const [file] = await this.byIds([id as DocFileId]);
    if (!file) throw DocsErrors.fileNotFound(id);
    if (!ownsFile(file, viewer)) throw DocsErrors.notYourFile(id);
    if (!(await this.store.delete(file.id))) throw DocsErrors.fileNotFound(id);
    await this.storage.remove(file.id);
    return true;
  }

  /** Whether `viewer` may download `id`: the file, or why not (a file they may not see does not exist). */
  async authorize(viewer: Viewer | null, id: string): Promise<DownloadResult> {
    const [file] = isDocFileId(id) ? await this.byIds([id]) : [null];
    if (!file) return { ok: false, reason: 'NOT_FOUND' };
    const decision = mayDownload(file, viewer);
    return decision.allowed ? { ok: true, file } : { ok: false, reason: decision.reason };
  }

  /** One more download, counted atomically in the database. */
  async countDownload(id: DocFileId): Promise<DocFile | null> {
    return this.store.countDownload(id);
  }

  /** Removes the content of files whose rows are gone (an idea or system deleted with its files). */
  async forget(fileIds: readonly string[]): Promise<void> {
    await Promise.all(fileIds.filter(isDocFileId).map((id) => this.storage.remove(id)));
  }

  /**
   * Uploads never attached within a day go, rows and content; so does content that lost its row (a crash
   * between the rename and the insert) and incoming parts of requests that never finished.
   */
  async sweep(): Promise<{ unattached: number; orphans: number; incoming: number }> {
    const before = new Date(this.clock().getTime() - UNATTACHED_TTL_MS);
    const expired = await this.store.deleteUnattached(before);
    await this.forget(expired);
    const onDisk = (await this.storage.list()).filter((f) => f.modifiedAt < new Date(this.clock().getTime() - 60 * 60 * 1000));
    const known = onDisk.length > 0 ? await this.store.existing(onDisk.map((f) => f.id)) : new Set<DocFileId>();
    const orphans = onDisk.filter((f) => !known.has(f.id));
    await this.forget(orphans.map((f) => f.id));
    const incoming = await this.storage.removeStaleIncoming(new Date(this.clock().getTime() - 60 * 60 * 1000));
    return { unattached: expired.length, orphans: orphans.length, incoming };
  }

  /** Runs `sweep` every `everyMs` (unref'd) until closed. */
  sweeper(everyMs: number): ManagedResource & { start(): void } {
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<unknown> | null = null;
    let closed = false;
    const tick = (): void => {
      running = this.sweep()
        .then((swept) => {
          if (swept.unattached + swept.orphans + swept.incoming > 0) this.logger.info(swept, 'removed unattached uploads');
        })
        .catch((err: unknown) => this.logger.error({ err }, 'file sweep failed'))
        .finally(() => {
          running = null;
          if (!closed) arm();
        });
    };
    const arm = (): void => {
      timer = setTimeout(tick, everyMs);
      timer.unref();
    };
    return {
      name: 'file-sweeper',
      start: arm,
      close: async () => {
        closed = true;
        if (timer) clearTimeout(timer);
        await running;
      },
    };
  }
}
