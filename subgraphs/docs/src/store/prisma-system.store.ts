import { randomUUID } from 'node:crypto';
import { isUniqueViolation, type Prisma, type PrismaClient } from '@b3/prisma';
import type { System, SystemFields, SystemId } from '../domain/system';
import { DuplicateSystemError, type SystemQuery, type SystemStore } from './system.store';

type SystemRow = Prisma.SystemEntryGetPayload<object>;

const toSystem = (row: SystemRow): System => ({
  id: row.id as SystemId,
  name: row.name,
  description: row.description,
  type: row.type,
  url: row.url,
  host: row.host,
  port: row.port,
  owner: row.owner,
  version: row.version,
  tags: row.tags ?? [],
  builtIn: row.builtIn,
  status: row.status,
  responseTimeMs: row.responseTimeMs,
  statusDetail: row.statusDetail,
  checkedAt: row.checkedAt,
  statusChangedAt: row.statusChangedAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const columns = (f: SystemFields) => ({
  name: f.name,
  description: f.description,
  type: f.type,
  url: f.url,
  host: f.host,
  port: f.port,
  owner: f.owner,
  version: f.version,
  tags: [...f.tags],
});

/** The only place the docs subgraph touches the registry's tables. */
export function createPrismaSystemStore(prisma: PrismaClient): SystemStore {
  return {
    async list(query: SystemQuery = {}) {
      const rows = await prisma.systemEntry.findMany({
        where: {
          ...(query.type ? { type: query.type } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.tag ? { tags: { has: query.tag } } : {}),
        },
        orderBy: [{ builtIn: 'desc' }, { name: 'asc' }],
      });
      return rows.map(toSystem);
    },
    async byIds(ids) {
      return (await prisma.systemEntry.findMany({ where: { id: { in: [...ids] } } })).map(toSystem);
    },
    async create(id, fields, at) {
      try {
        return toSystem(await prisma.systemEntry.create({ data: { id, ...columns(fields), builtIn: false, createdAt: at, updatedAt: at } }));
      } catch (error) {
        // The unique index on name decides, so two concurrent registrations cannot both win.
        if (isUniqueViolation(error)) throw new DuplicateSystemError(fields.name);
        throw error;
      }
    },
    async update(id, fields, at) {
      try {
        const { count } = await prisma.systemEntry.updateMany({ where: { id }, data: { ...columns(fields), updatedAt: at } });
        if (count === 0) return null;
        return toSystem((await prisma.systemEntry.findUnique({ where: { id } }))!);
      } catch (error) {
        if (isUniqueViolation(error)) throw new DuplicateSystemError(fields.name);
        throw error;
      }
    },
    async delete(id) {
      return prisma.$transaction(async (tx) => {
        const files = await tx.docFile.findMany({ where: { systemId: id }, select: { id: true } });
        const { count } = await tx.systemEntry.deleteMany({ where: { id, builtIn: false } });
        return { deleted: count > 0, fileIds: count > 0 ? files.map((f) => f.id) : [] };
      });
    },
    async seedBuiltIns(seeds, at) {
      await prisma.$transaction(async (tx) => {
        for (const seed of seeds) {
          const { id, ...fields } = seed;
          const owned = { type: fields.type, url: fields.url, host: fields.host, port: fields.port, version: fields.version, builtIn: true };
          await tx.systemEntry.upsert({
            where: { name: fields.name },
            create: { id, ...columns(fields), builtIn: true, createdAt: at, updatedAt: at },
            update: owned,
          });
        }
        await tx.systemEntry.deleteMany({ where: { builtIn: true, name: { notIn: seeds.map((s) => s.name) } } });
      });
    },
    async recordCheck(id, outcome, at) {
      return prisma.$transaction(async (tx) => {
        const before = await tx.systemEntry.findUnique({ where: { id }, select: { status: true } });
        if (!before) return null;
        const changed = before.status !== outcome.status;
        const row = await tx.systemEntry.update({
          where: { id },
          data: {
            status: outcome.status,
            responseTimeMs: outcome.responseTimeMs,
            statusDetail: outcome.detail,
            checkedAt: at,
            ...(changed ? { statusChangedAt: at } : {}),
          },
        });
        await tx.systemCheck.create({ data: { id: randomUUID(), systemId: id, status: outcome.status, responseTimeMs: outcome.responseTimeMs, detail: outcome.detail, checkedAt: at } });
        return { system: toSystem(row), previous: before.status };
      });
    },
    async recentChecks(id, limit) {
      const rows = await prisma.systemCheck.findMany({ where: { systemId: id }, orderBy: [{ checkedAt: 'desc' }, { id: 'desc' }], take: limit });
      return rows.map((r) => ({ status: r.status, responseTimeMs: r.responseTimeMs, detail: r.detail, checkedAt: r.checkedAt }));
    },
    async pruneChecks(keepPerSystem, before) {
      let removed = (await prisma.systemCheck.deleteMany({ where: { checkedAt: { lt: before } } })).count;
      // Per system: everything older than its keepPerSystem-th newest check (two indexed queries each).
      const systems = await prisma.systemEntry.findMany({ select: { id: true } });
      for (const { id } of systems) {
        const edge = await prisma.systemCheck.findFirst({ where: { systemId: id }, orderBy: [{ checkedAt: 'desc' }, { id: 'desc' }], skip: keepPerSystem, select: { checkedAt: true } });
        if (edge) removed += (await prisma.systemCheck.deleteMany({ where: { systemId: id, checkedAt: { lte: edge.checkedAt } } })).count;
      }
      return removed;
    },
  };
}
