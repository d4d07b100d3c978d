import type { CheckOutcome } from '../domain/system-health';
import type { System, SystemFields, SystemId, SystemKind, SystemStatus } from '../domain/system';

/** What the registry and the health checker need from storage; prisma-system.store.ts is the one implementation. */

export interface SystemCheckRecord {
  readonly status: SystemStatus;
  readonly responseTimeMs: number | null;
  readonly detail: string | null;
  readonly checkedAt: Date;
}

export interface SystemQuery {
  readonly type?: SystemKind;
  readonly status?: SystemStatus;
  readonly tag?: string;
}

export class DuplicateSystemError extends Error {
  constructor(readonly systemName: string) {
    super(`A system named ${systemName} is already registered`);
  }
}

export interface SystemStore {
  /** Platform services first, then registered systems, each by name. */
  list(query?: SystemQuery): Promise<System[]>;
  byIds(ids: readonly SystemId[]): Promise<System[]>;
  /** Throws DuplicateSystemError when the name is taken. */
  create(id: SystemId, fields: SystemFields, at: Date): Promise<System>;
  /** Null when the system is gone; throws DuplicateSystemError when the new name is taken. */
  update(id: SystemId, fields: SystemFields, at: Date): Promise<System | null>;
  /** Deletes a registered system (never a built-in one) with its history and files' rows; returns the files' ids. */
  delete(id: SystemId): Promise<{ deleted: boolean; fileIds: string[] }>;
  /**
   * Upserts the platform's own services by name: what seeding owns is overwritten (ports follow the
   * environment), what an admin may edit is kept; built-in rows no longer in the list are removed.
   */
  seedBuiltIns(seeds: ReadonlyArray<SystemFields & { id: SystemId }>, at: Date): Promise<void>;
  /** Writes a check as the system's latest and into its history, atomically; null when the system is gone. */
  recordCheck(id: SystemId, outcome: CheckOutcome, at: Date): Promise<{ system: System; previous: SystemStatus } | null>;
  /** Newest first. */
  recentChecks(id: SystemId, limit: number): Promise<SystemCheckRecord[]>;
  /** Keeps at most `keepPerSystem` checks per system and none older than `before`; returns how many went. */
  pruneChecks(keepPerSystem: number, before: Date): Promise<number>;
}
