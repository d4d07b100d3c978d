import { isUniqueViolation, type PrismaClient, type SystemEntry } from '@b3/prisma';
import type { System, SystemId } from '../domain/system';
import type { SystemStore } from './system.store';

const toSystem = (row: SystemEntry): System => ({ ...row, id: row.id as SystemId, builtIn: false });

/** The only place the docs subgraph touches Prisma, and only its own model. */
export function createPrismaSystemStore(prisma: PrismaClient): SystemStore {
  return {
    async create(system) {
      try {
        return toSystem(await prisma.systemEntry.create({ data: system }));
      } catch (error) {
        // The unique index on name decides, so two concurrent registrations cannot both win.
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
    async list() {
      return (await prisma.systemEntry.findMany({ orderBy: { name: 'asc' } })).map(toSystem);
    },
    async byIds(ids) {
      return (await prisma.systemEntry.findMany({ where: { id: { in: [...ids] } } })).map(toSystem);
    },
  };
}
