import type { PrismaClient } from '@b3/prisma';
import type { Idea, IdeaId } from '../domain/idea';
import type { IdeaStore } from './idea.store';

interface IdeaRow {
  id: string;
  title: string;
  body: string;
  symbol: string;
  tags: string[];
  authorId: string;
  createdAt: Date;
  updatedAt: Date;
}

const toIdea = (row: IdeaRow): Idea => ({ ...row, id: row.id as IdeaId, tags: [...row.tags] });

/** The only place the ideas subgraph touches Prisma, and only its own model. */
export function createPrismaIdeaStore(prisma: PrismaClient): IdeaStore {
  return {
    async create(idea, authorId) {
      return toIdea(await prisma.idea.create({ data: { ...idea, authorId } }));
    },
    async list({ symbol, limit }) {
      const rows = await prisma.idea.findMany({
        where: symbol ? { symbol } : undefined,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit,
      });
      return rows.map(toIdea);
    },
    async byIds(ids) {
      const rows = await prisma.idea.findMany({ where: { id: { in: [...ids] } } });
      return rows.map(toIdea);
    },
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
  };
}
