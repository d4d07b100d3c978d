import { randomUUID } from 'node:crypto';
import { createAsyncQueue, type Logger } from '@b3/kit';
import { B3Errors } from '../domain/b3/b3-errors';
import { MarketErrors } from '../errors';
import type { B3ImportJob, B3ImportProgress, B3ImportStatus } from '../domain/b3/import-job';
import { progressOf } from '../domain/b3/import-job';
import { B3_IMPORT_FORMATS, B3_IMPORT_KINDS, type B3ImportKind, isImportFormat, isImportKind } from '../domain/b3/import-kinds';
import { MAX_IMPORT_ROWS, validateImport, type ValidatedImport } from '../domain/b3/validate-import';
import type { B3Store, B3WriteSession } from '../store/b3.store';

export interface B3ImportServiceOptions {
  /** Rows per write (and per progress event). */
  chunkSize?: number;
  /** Finished jobs kept for b3ImportJob. */
  keepFinished?: number;
  /** Largest content accepted, in characters. */
  maxContentChars?: number;
  maxRows?: number;
}

const DEFAULTS = { chunkSize: 1000, keepFinished: 50, maxContentChars: 50 * 1024 * 1024, maxRows: MAX_IMPORT_ROWS };

const STORE_FAILED = 'Storing the rows failed, so nothing was stored; the market service log has the details for this job';
const STOPPED = 'The market service stopped before the import finished, so nothing was stored';

/**
 * Imports of B3 data files. A file is parsed and every row checked before anything is written: an
 * invalid file is refused with BAD_USER_INPUT listing `row N, field F: reason` and no job is created.
 * A valid file becomes a job that writes in chunks inside one store transaction, in the background, and
 * reports progress after each chunk. At most one import per kind runs at a time.
 */
export class B3ImportService {
  private readonly options: typeof DEFAULTS;
  private readonly jobs = new Map<string, B3ImportJob>();
  private readonly running = new Map<B3ImportKind, B3ImportJob>();
  private readonly writes = new Set<Promise<void>>();
  private readonly listeners = new Set<(job: B3ImportJob) => void>();
  private stopping = false;

  constructor(
    private readonly store: B3Store,
    private readonly logger: Logger,
    options: B3ImportServiceOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Validates the whole file, then starts writing it; returns the RUNNING job. */
  start(kind: string, format: string, content: string): B3ImportJob {
    if (this.stopping) throw new Error('the import service is stopping');
    if (!isImportKind(kind)) throw MarketErrors.badArgument('kind', `kind must be one of ${B3_IMPORT_KINDS.join(', ')}`);
    if (!isImportFormat(format)) throw MarketErrors.badArgument('format', `format must be one of ${B3_IMPORT_FORMATS.join(', ')}`);
    if (content.length > this.options.maxContentChars) {
      throw MarketErrors.badArgument('content', `content is ${content.length} characters; at most ${this.options.maxContentChars} per import`);
    }
    const busy = this.running.get(kind);
    if (busy) throw B3Errors.importRunning(kind, busy.id);

    const validation = validateImport(kind, format, content, this.options.maxRows);
    if (!validation.ok) throw B3Errors.invalidImport(validation.problems);

    const job: B3ImportJob = {
      id: randomUUID(),
      kind,
      format,
      status: 'RUNNING',
      total: validation.value.rows.length,
      processed: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      error: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    };
    this.jobs.set(job.id, job);
    this.prune();
    this.running.set(kind, job);
    this.emit(job);
    const done = this.write(job, validation.value).finally(() => this.writes.delete(done));
    this.writes.add(done);
    return { ...job };
  }

  job(id: string): B3ImportJob | null {
    const job = this.jobs.get(id);
    return job ? { ...job } : null;
  }

  /** Running and recently finished jobs, newest first. */
  list(): B3ImportJob[] {
    return [...this.jobs.values()].reverse().map((job) => ({ ...job }));
  }

  /**
   * The job's progress now, then every change until DONE or FAILED, then the end of the stream. Lossless:
   * the queue holds every event a job can emit, so even a reader that stalls misses nothing.
   */
  stream(jobId: string): AsyncIterableIterator<B3ImportProgress> {
    const job = this.jobs.get(jobId);
    if (!job) throw B3Errors.unknownImportJob(jobId);
    const listener = (changed: B3ImportJob): void => {
      if (changed.id !== jobId) return;
      queue.push(progressOf(changed));
      if (changed.status !== 'RUNNING') queue.end();
    };
    const queue = createAsyncQueue<B3ImportProgress>({
      limit: Math.ceil(job.total / this.options.chunkSize) + 4,
      onClose: () => this.listeners.delete(listener),
    });
    this.listeners.add(listener);
    listener(job);
    return queue;
  }

  /** Resolves with the job once it is DONE or FAILED. */
  wait(jobId: string): Promise<B3ImportJob> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.reject(B3Errors.unknownImportJob(jobId));
    if (job.status !== 'RUNNING') return Promise.resolve({ ...job });
    return new Promise((resolve) => {
      const listener = (changed: B3ImportJob): void => {
        if (changed.id !== jobId || changed.status === 'RUNNING') return;
        this.listeners.delete(listener);
        resolve({ ...changed });
      };
      this.listeners.add(listener);
    });
  }

  /** Running imports stop at their next chunk and roll back; resolves when they have. */
  async close(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.writes]);
  }

  private async write(job: B3ImportJob, file: ValidatedImport): Promise<void> {
    let session: B3WriteSession<B3ImportKind> | null = null;
    try {
      session = await this.store.begin(file.kind);
      for (let offset = 0; offset < file.rows.length; offset += this.options.chunkSize) {
        if (this.stopping) throw new Error(STOPPED);
        const chunk = file.rows.slice(offset, offset + this.options.chunkSize);
        const counts = await session.write(chunk);
        job.processed += chunk.length;
        job.inserted += counts.inserted;
        job.updated += counts.updated;
        job.unchanged += counts.unchanged;
        this.emit(job);
      }
      await session.commit();
      this.finish(job, 'DONE', null);
      this.logger.info({ jobId: job.id, kind: job.kind, total: job.total, inserted: job.inserted, updated: job.updated, unchanged: job.unchanged }, 'B3 import done');
    } catch (error) {
      await session?.rollback().catch((rollbackError: unknown) => this.logger.warn({ err: rollbackError, jobId: job.id }, 'B3 import rollback failed'));
      const stopped = this.stopping && error instanceof Error && error.message === STOPPED;
      if (!stopped) this.logger.error({ err: error, jobId: job.id, kind: job.kind }, 'B3 import failed');
      Object.assign(job, { inserted: 0, updated: 0, unchanged: 0 });
      this.finish(job, 'FAILED', stopped ? STOPPED : STORE_FAILED);
    }
  }

  private finish(job: B3ImportJob, status: B3ImportStatus, error: string | null): void {
    Object.assign(job, { status, error, finishedAt: new Date().toISOString() });
    // free the kind before anyone hears of the end, so a follow-up import is not refused as running
    this.running.delete(job.kind);
    this.emit(job);
  }

  private emit(job: B3ImportJob): void {
    for (const listener of [...this.listeners]) listener(job);
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((job) => job.status !== 'RUNNING');
    for (const job of finished.slice(0, Math.max(0, finished.length - this.options.keepFinished))) this.jobs.delete(job.id);
  }
}
