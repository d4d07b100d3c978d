import { randomUUID } from 'node:crypto';
import type { NewSignal, Signal, SignalId } from '../src/domain/signal';
import type { SignalQuery, SignalStore } from '../src/store/signal.store';

/** In-memory SignalStore for schema tests. */
export function createFakeSignalStore(): SignalStore & { rows: Signal[]; byIdsCalls: number } {
  const rows: Signal[] = [];
  const store = {
    rows,
    byIdsCalls: 0,
    async create({ parsedAt: _parsedAt, ...signal }: NewSignal) {
      const row: Signal = { ...signal, id: randomUUID() as SignalId };
      rows.push(row);
      return row;
    },
    async list({ asset, limit }: SignalQuery) {
      return rows.filter((r) => !asset || r.asset === asset).sort((a, b) => +b.receivedAt - +a.receivedAt).slice(0, limit);
    },
    async byIds(ids: readonly SignalId[]) {
      store.byIdsCalls++;
      return rows.filter((r) => ids.includes(r.id));
    },
  };
  return store;
}
