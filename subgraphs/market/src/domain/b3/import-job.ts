import type { B3ImportFormat, B3ImportKind } from './import-kinds';

export const IMPORT_STATUSES = ['RUNNING', 'DONE', 'FAILED'] as const;
export type B3ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * One import of a validated file. Counts grow chunk by chunk while RUNNING; the rows become visible to
 * readers only at DONE (one transaction). A FAILED job stored nothing, so its counts are back to zero.
 */
export interface B3ImportJob {
  id: string;
  kind: B3ImportKind;
  format: B3ImportFormat;
  status: B3ImportStatus;
  /** Rows in the file. */
  total: number;
  /** Rows written so far. */
  processed: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Why it failed, in words for the client (never a driver message). */
  error: string | null;
  /** UTC ISO-8601. */
  startedAt: string;
  finishedAt: string | null;
}

/** What b3ImportProgress emits: the job's counters at one moment. */
export interface B3ImportProgress {
  jobId: string;
  kind: B3ImportKind;
  processed: number;
  total: number;
  status: B3ImportStatus;
  inserted: number;
  updated: number;
  unchanged: number;
  error: string | null;
}

export const progressOf = (job: B3ImportJob): B3ImportProgress => ({
  jobId: job.id,
  kind: job.kind,
  processed: job.processed,
  total: job.total,
  status: job.status,
  inserted: job.inserted,
  updated: job.updated,
  unchanged: job.unchanged,
  error: job.error,
});
