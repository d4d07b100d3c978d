import { randomUUID } from 'node:crypto';
import type { Idea, IdeaId } from '../src/domain/idea';
import type { IdeaStore } from '../src/store/idea.store';

/** In-memory IdeaStore for schema tests; the Prisma store has its own tests against real databases. */
export function createFakeIdeaStore(): IdeaStore & { rows: Idea[]; byIdsCalls: number } {
  const rows: Idea[] = [];
  let tick = 0;
  const store = {
    rows,
    byIdsCalls: 0,
    async create(idea: Omit<Idea, 'id' | 'authorId' | 'createdAt' | 'updatedAt'>, authorId: string) {
      const at = new Date(Date.UTC(2026, 10, 26, 13, 0, tick++));
      const row: Idea = { ...idea, id: randomUUID() as IdeaId, authorId, createdAt: at, updatedAt: at };
      rows.push(row);
      return row;
    },
    async list({ symbol, limit }: { symbol?: string; limit: number }) {
      return rows.filter((r) => !symbol || r.symbol === symbol).sort((a, b) => +b.createdAt - +a.createdAt).slice(0, limit);
    },
    async byIds(ids: readonly IdeaId[]) {
      store.byIdsCalls++;
      return rows.filter((r) => ids.includes(r.id));
    },
    async ping() {},
  };
  return store;
}
