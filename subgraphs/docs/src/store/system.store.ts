import type { NewSystem, System, SystemId } from '../domain/system';

export interface SystemStore {
  /** Null when another system already has the name. */
  create(system: NewSystem): Promise<System | null>;
  /** By name. */
  list(): Promise<System[]>;
  byIds(ids: readonly SystemId[]): Promise<System[]>;
}
