import { builtInSystem, checkNewSystem, isBuiltInId, type PlatformService, type System, type SystemId, type SystemRequest } from '../domain/system';
import { DocsErrors } from '../errors';
import type { SystemStore } from '../store/system.store';

export class SystemRegistryService {
  private readonly builtIns: ReadonlyMap<SystemId, System>;

  constructor(
    private readonly store: SystemStore,
    platform: readonly PlatformService[],
  ) {
    this.builtIns = new Map(platform.map(builtInSystem).map((system) => [system.id, system]));
  }

  /** The platform's own services first, then registered systems by name. */
  async list(): Promise<System[]> {
    return [...this.builtIns.values(), ...(await this.store.list())];
  }

  async register(request: SystemRequest): Promise<System> {
    const { system, issues } = checkNewSystem(request);
    if (issues.length > 0) throw DocsErrors.invalid(issues);
    if ([...this.builtIns.values()].some((builtIn) => builtIn.name === system.name)) throw DocsErrors.duplicateSystem(system.name);
    const created = await this.store.create(system);
    if (!created) throw DocsErrors.duplicateSystem(system.name);
    return created;
  }

  /** DataLoader batch function: results in the order of `ids`, null where missing; built-ins never hit the store. */
  async byIds(ids: readonly SystemId[]): Promise<Array<System | null>> {
    const storedIds = ids.filter((id) => !isBuiltInId(id));
    const stored = storedIds.length > 0 ? await this.store.byIds(storedIds) : [];
    const found = new Map<SystemId, System>([...this.builtIns, ...stored.map((s): [SystemId, System] => [s.id, s])]);
    return ids.map((id) => found.get(id) ?? null);
  }
}
