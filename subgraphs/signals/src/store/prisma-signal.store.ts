import type { PrismaClient, Signal as SignalRow } from '@b3/prisma';
import type { Signal, SignalId } from '../domain/signal';
import type { SignalStore } from './signal.store';

// toFixed() without digits prints the exact value in plain notation; toString() may switch to exponents.
const toSignal = (row: SignalRow): Signal => ({
  id: row.id as SignalId,
  source: row.source,
  rawText: row.rawText,
  asset: row.asset,
  direction: row.direction,
  entry: row.entry?.toFixed() ?? null,
  stop: row.stop?.toFixed() ?? null,
  target: row.target?.toFixed() ?? null,
  receivedAt: row.receivedAt,
});

/** The only place the signals subgraph touches Prisma, and only its own model. */
export function createPrismaSignalStore(prisma: PrismaClient): SignalStore {
  return {
    async create(signal) {
      return toSignal(await prisma.signal.create({ data: signal }));
    },
    async list({ asset, limit }) {
      const rows = await prisma.signal.findMany({
        where: asset ? { asset } : undefined,
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
        take: limit,
      });
      return rows.map(toSignal);
    },
    async byIds(ids) {
      const rows = await prisma.signal.findMany({ where: { id: { in: [...ids] } } });
      return rows.map(toSignal);
    },
  };
}
