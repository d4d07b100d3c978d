import { type Prisma, type PrismaClient } from '@b3/prisma';
import { placeCard } from '../domain/board';
import { DOC_IDEA_STATUSES, type DocIdea, type DocIdeaFields, type DocIdeaId, type DocIdeaStatus } from '../domain/doc-idea';
import type { SystemId } from '../domain/system';
import type { DocIdeaStore } from './doc-idea.store';

type IdeaRow = Prisma.DocIdeaGetPayload<object>;

/** Long enough for a queue of concurrent moves to pass the board lock one by one. */
const TX = { maxWait: 15_000, timeout: 15_000 } as const;
const BOARD_LOCK_ID = 1;
const ORDER: Prisma.DocIdeaOrderByWithRelationInput[] = [{ position: 'asc' }, { updatedAt: 'asc' }, { id: 'asc' }];

const toIdea = (row: IdeaRow): DocIdea => ({
  id: row.id as DocIdeaId,
  title: row.title,
  description: row.description,
  status: row.status,
  position: row.position,
  category: row.category,
  priority: row.priority,
  assignee: row.assignee,
  systemId: row.systemId as SystemId | null,
  estimatedHours: row.estimatedHours,
  actualHours: row.actualHours,
  dueDate: row.dueDate ? row.dueDate.toISOString().slice(0, 10) : null,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const columns = (f: DocIdeaFields) => ({
  title: f.title,
  description: f.description,
  category: f.category,
  priority: f.priority,
  assignee: f.assignee,
  systemId: f.systemId,
  estimatedHours: f.estimatedHours,
  actualHours: f.actualHours,
  dueDate: f.dueDate ? new Date(`${f.dueDate}T00:00:00Z`) : null,
});

/**
 * Every write that changes a column first updates the one board-lock row: the row lock queues concurrent
 * writers (on PostgreSQL under READ COMMITTED each then reads what the previous one committed), so
 * positions are renumbered from a consistent view and stay 0..n-1.
 */
async function lockBoard(tx: Prisma.TransactionClient): Promise<void> {
  await tx.docBoardLock.upsert({ where: { id: BOARD_LOCK_ID }, create: { id: BOARD_LOCK_ID, version: 1 }, update: { version: { increment: 1 } } });
}

async function cardsOf(tx: Prisma.TransactionClient, statuses: readonly DocIdeaStatus[]) {
  return tx.docIdea.findMany({ where: { status: { in: [...new Set(statuses)] } }, select: { id: true, status: true, position: true }, orderBy: ORDER });
}

async function writePlacements(tx: Prisma.TransactionClient, writes: ReturnType<typeof placeCard<string>>, at: Date, skip: string | null = null): Promise<void> {
  for (const w of writes) {
    if (w.id === skip) continue;
    await tx.docIdea.update({ where: { id: w.id }, data: { status: w.status, position: w.position, updatedAt: at } });
  }
}

/** The only place the docs subgraph touches the board's tables. */
export function createPrismaDocIdeaStore(prisma: PrismaClient): DocIdeaStore {
  return {
    async byIds(ids) {
      return (await prisma.docIdea.findMany({ where: { id: { in: [...ids] } } })).map(toIdea);
    },
    async column(status, first, afterPosition) {
      const rows = await prisma.docIdea.findMany({
        where: { status, ...(afterPosition !== undefined ? { position: { gt: afterPosition } } : {}) },
        orderBy: ORDER,
        take: first + 1,
      });
      return { ideas: rows.slice(0, first).map(toIdea), hasMore: rows.length > first };
    },
    async countColumns() {
      const groups = await prisma.docIdea.groupBy({ by: ['status'], _count: { _all: true } });
      const counts = Object.fromEntries(DOC_IDEA_STATUSES.map((s) => [s, 0])) as Record<DocIdeaStatus, number>;
      for (const g of groups) counts[g.status] = g._count._all;
      return counts;
    },
    async board(perColumn) {
      const columns = await Promise.all(DOC_IDEA_STATUSES.map((status) => prisma.docIdea.findMany({ where: { status }, orderBy: ORDER, take: perColumn })));
      return columns.flat().map(toIdea);
    },
    async create(idea, position) {
      return prisma.$transaction(async (tx) => {
        await lockBoard(tx);
        const cards = await cardsOf(tx, [idea.status]);
        const writes = placeCard(cards, idea.id as string, idea.status, position ?? cards.length);
        const own = writes.find((w) => w.id === idea.id)!;
        // make room first: the new card takes a position someone else may hold until renumbered
        await writePlacements(tx, writes, idea.createdAt, idea.id);
        const row = await tx.docIdea.create({
          data: { id: idea.id, ...columns(idea), status: idea.status, position: own.position, createdBy: idea.createdBy, createdAt: idea.createdAt, updatedAt: idea.createdAt },
        });
        return toIdea(row);
      }, TX);
    },
    async update(id, fields, at) {
      const { count } = await prisma.docIdea.updateMany({ where: { id }, data: { ...columns(fields), updatedAt: at } });
      if (count === 0) return null;
      return toIdea((await prisma.docIdea.findUnique({ where: { id } }))!);
    },
    async move(id, status, position, at) {
      return prisma.$transaction(async (tx) => {
        await lockBoard(tx);
        const current = await tx.docIdea.findUnique({ where: { id }, select: { status: true } });
        if (!current) return null;
        const cards = await cardsOf(tx, [current.status, status]);
        await writePlacements(tx, placeCard(cards, id as string, status, position), at);
        return toIdea((await tx.docIdea.findUnique({ where: { id } }))!);
      }, TX);
    },
    async delete(id, at) {
      return prisma.$transaction(async (tx) => {
        await lockBoard(tx);
        const current = await tx.docIdea.findUnique({ where: { id }, select: { status: true } });
        if (!current) return { deleted: false, fileIds: [] };
        const files = await tx.docFile.findMany({ where: { ideaId: id }, select: { id: true } });
        await tx.docIdea.delete({ where: { id } });
        const cards = await cardsOf(tx, [current.status]);
        await writePlacements(tx, placeCard(cards, null, current.status, 0), at);
        return { deleted: true, fileIds: files.map((f) => f.id) };
      }, TX);
    },
    async systemExists(id) {
      return (await prisma.systemEntry.count({ where: { id } })) > 0;
    },
  };
}
