import { randomUUID } from 'node:crypto';
import { hasRole, unauthenticated, type Viewer } from '@b3/kit';
import { builtInId, checkSystemInput, PLATFORM_OWNED_FIELDS, platformOwnedChanges, type System, type SystemFields, type SystemId, type SystemInput } from '../domain/system';
import { DocsErrors } from '../errors';
import { DuplicateSystemError, type SystemCheckRecord, type SystemQuery, type SystemStore } from '../store/system.store';

export const MAX_HISTORY = 100;

/** Reads the registry; admins register, change and remove systems; the platform's own are seeded at start. */
export class SystemRegistryService {
  private readonly clock: () => Date;
  private readonly onRemoved: (fileIds: readonly string[]) => Promise<void>;

  constructor(
    private readonly store: SystemStore,
    options: { clock?: () => Date; onRemoved?: (fileIds: readonly string[]) => Promise<void> } = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.onRemoved = options.onRemoved ?? (async () => undefined);
  }

  /**
   * Idempotent: every start writes the platform's services at the ports this run uses (so an env override
   * moves the registry's URL too) and removes built-ins the platform no longer has.
   */
  seed(platform: readonly SystemFields[]): Promise<void> {
    return this.store.seedBuiltIns(platform.map((fields) => ({ ...fields, id: builtInId(fields.name) })), this.clock());
  }

  list(query: SystemQuery = {}): Promise<System[]> {
    return this.store.list(query);
  }

  /** DataLoader batch function: results in the order of `ids`, null where missing. */
  async byIds(ids: readonly SystemId[]): Promise<Array<System | null>> {
    const found = new Map((await this.store.byIds(ids)).map((s) => [s.id, s]));
    return ids.map((id) => found.get(id) ?? null);
  }

  async history(id: SystemId, limit: number): Promise<SystemCheckRecord[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY) throw DocsErrors.invalid([{ field: 'limit', message: `must be a whole number from 1 to ${MAX_HISTORY}` }]);
    return this.store.recentChecks(id, limit);
  }

  async register(viewer: Viewer | null, input: SystemInput): Promise<System> {
    this.requireAdmin(viewer, 'register systems');
    const { fields, issues } = checkSystemInput(input, null);
    if (issues.length > 0) throw DocsErrors.invalid(issues);
    try {
      return await this.store.create(randomUUID() as SystemId, fields, this.clock());
    } catch (error) {
      if (error instanceof DuplicateSystemError) throw DocsErrors.duplicateSystem(error.systemName);
      throw error;
    }
  }

  /** A platform service keeps what seeding owns (name, type, URL, host, port, version); the rest may change. */
  async update(viewer: Viewer | null, id: string, input: SystemInput): Promise<System> {
    this.requireAdmin(viewer, 'change systems');
    const current = await this.systemOrThrow(id);
    const { fields, issues } = checkSystemInput(input, current);
    // a platform service's owned fields are refused as such, not also checked as if they could change
    const owned = new Set<string>(PLATFORM_OWNED_FIELDS);
    const all = current.builtIn ? [...platformOwnedChanges(input, current), ...issues.filter((i) => !owned.has(i.field))] : issues;
    if (all.length > 0) throw DocsErrors.invalid(all);
    try {
      const updated = await this.store.update(current.id, fields, this.clock());
      if (!updated) throw DocsErrors.systemNotFound(id);
      return updated;
    } catch (error) {
      if (error instanceof DuplicateSystemError) throw DocsErrors.duplicateSystem(error.systemName);
      throw error;
    }
  }

  /** Its history and attached files go with it; documentation ideas about it keep their card without the link. */
  async remove(viewer: Viewer | null, id: string): Promise<boolean> {
    this.requireAdmin(viewer, 'delete systems');
    const current = await this.systemOrThrow(id);
    if (current.builtIn) throw DocsErrors.builtInSystem(current.name);
    const { deleted, fileIds } = await this.store.delete(current.id);
    if (!deleted) throw DocsErrors.systemNotFound(id);
    await this.onRemoved(fileIds);
    return true;
  }

  private async systemOrThrow(id: string): Promise<System> {
    const [system] = await this.byIds([id as SystemId]);
    if (!system) throw DocsErrors.systemNotFound(id);
    return system;
  }

  private requireAdmin(viewer: Viewer | null, what: string): asserts viewer is Viewer {
    if (!viewer) throw unauthenticated();
    if (!hasRole(viewer, 'admin')) throw DocsErrors.role('admin', what);
  }
}
