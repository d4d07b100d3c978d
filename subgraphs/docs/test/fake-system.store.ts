import { randomUUID } from 'node:crypto';
import type { NewSystem, System, SystemId } from '../src/domain/system';
import type { SystemStore } from '../src/store/system.store';

/** In-memory SystemStore for schema tests, enforcing the unique name like the database does. */
export function createFakeSystemStore(): SystemStore & { rows: System[]; byIdsCalls: number } {
  const rows: System[] = [];
  const store = {
    rows,
    byIdsCalls: 0,
    async create(system: NewSystem) {
      if (rows.some((r) => r.name === system.name)) return null;
      const row: System = { ...system, id: randomUUID() as SystemId, builtIn: false, createdAt: new Date('2026-11-26T13:00:00Z') };
      rows.push(row);
      return row;
    },
    async list() {
      return [...rows].sort((a, b) => a.name.localeCompare(b.name));
    },
    async byIds(ids: readonly SystemId[]) {
      store.byIdsCalls++;
      return rows.filter((r) => ids.includes(r.id));
    },
  };
  return store;
}
