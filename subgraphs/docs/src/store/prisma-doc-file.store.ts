import type { Prisma, PrismaClient } from '@b3/prisma';
import type { DocFile, DocFileId } from '../domain/doc-file';
import type { DocIdeaId } from '../domain/doc-idea';
import type { SystemId } from '../domain/system';
import type { DocFileStore } from './doc-file.store';

type FileRow = Prisma.DocFileGetPayload<object>;

const toFile = (row: FileRow): DocFile => ({
  ...row,
  id: row.id as DocFileId,
  ideaId: row.ideaId as DocIdeaId | null,
  systemId: row.systemId as SystemId | null,
});

const ORDER: Prisma.DocFileOrderByWithRelationInput[] = [{ uploadedAt: 'asc' }, { id: 'asc' }];

/** The only place the docs subgraph touches the files table. */
export function createPrismaDocFileStore(prisma: PrismaClient): DocFileStore {
  return {
    async insert(files) {
      await prisma.docFile.createMany({ data: files.map((f) => ({ ...f })) });
    },
    async byIds(ids) {
      return (await prisma.docFile.findMany({ where: { id: { in: [...ids] } } })).map(toFile);
    },
    async byIdeas(ids) {
      return (await prisma.docFile.findMany({ where: { ideaId: { in: [...ids] } }, orderBy: ORDER })).map(toFile);
    },
    async bySystems(ids) {
      return (await prisma.docFile.findMany({ where: { systemId: { in: [...ids] } }, orderBy: ORDER })).map(toFile);
    },
    async attach(ids, target, at) {
      try {
        return await prisma.$transaction(async (tx) => {
          const { count } = await tx.docFile.updateMany({
            where: { id: { in: [...ids] }, attachedAt: null },
            data: { ideaId: target.ideaId ?? null, systemId: target.systemId ?? null, attachedAt: at },
          });
          // another request attached one of them first: undo ours, all or none
          if (count !== ids.length) throw new LostRace();
          return true;
        });
      } catch (error) {
        if (error instanceof LostRace) return false;
        throw error;
      }
    },
    async countDownload(id) {
      const { count } = await prisma.docFile.updateMany({ where: { id }, data: { downloads: { increment: 1 } } });
      if (count === 0) return null;
      const row = await prisma.docFile.findUnique({ where: { id } });
      return row ? toFile(row) : null;
    },
    async delete(id) {
      return (await prisma.docFile.deleteMany({ where: { id } })).count > 0;
    },
    async deleteUnattached(before) {
      const rows = await prisma.docFile.findMany({ where: { attachedAt: null, uploadedAt: { lt: before } }, select: { id: true } });
      const deleted: DocFileId[] = [];
      // one by one, still unattached: a file attached since the read keeps its row and (so) its content
      for (const { id } of rows) {
        if ((await prisma.docFile.deleteMany({ where: { id, attachedAt: null } })).count > 0) deleted.push(id as DocFileId);
      }
      return deleted;
    },
    async existing(ids) {
      const rows = await prisma.docFile.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
      return new Set(rows.map((r) => r.id as DocFileId));
    },
    async ideaExists(id) {
      return (await prisma.docIdea.count({ where: { id } })) > 0;
    },
    async systemExists(id) {
      return (await prisma.systemEntry.count({ where: { id } })) > 0;
    },
  };
}

class LostRace extends Error {}
