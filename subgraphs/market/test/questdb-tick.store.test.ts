import { Pool } from 'pg';
import type { TickerSymbol } from '../src/domain/trade';
import { dropTableSql, walStatusSql } from '../src/store/questdb-sql';
import { openQuestDbTickStore, type QuestDbTickStore } from '../src/store/questdb-tick.store';
import { describeTickStoreContract, trade } from './tick-store.contract';

const ilp = process.env.QUESTDB_TEST_ILP;
const pg = process.env.QUESTDB_TEST_PG;
const WAL_TIMEOUT_MS = 20_000;

/** Resolves once QuestDB has applied every committed WAL transaction of `table`, so reads see them. */
async function waitForWal(pool: Pool, table: string): Promise<void> {
  const statement = walStatusSql(table);
  const deadline = Date.now() + WAL_TIMEOUT_MS;
  for (;;) {
    const { rows } = await pool.query<{ suspended: boolean; writertxn?: string; writerTxn?: string; sequencertxn?: string; sequencerTxn?: string }>(statement.text, [...statement.values]);
    const row = rows[0];
    if (row?.suspended) throw new Error(`QuestDB suspended WAL apply for ${table}; see the server log`);
    // the wire may fold the column names to lower case
    const writer = BigInt(row?.writerTxn ?? row?.writertxn ?? -1);
    const sequencer = BigInt(row?.sequencerTxn ?? row?.sequencertxn ?? 0);
    if (row && writer >= sequencer) return;
    if (Date.now() > deadline) throw new Error(`QuestDB did not apply the WAL of ${table} within ${WAL_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

if (!ilp || !pg) {
  console.info(
    'questdb-tick.store.test: skipped, no QuestDB configured. To run the tick store contract against a real QuestDB 8.x, set ' +
      'QUESTDB_TEST_ILP (e.g. http::addr=127.0.0.1:9000) and QUESTDB_TEST_PG (e.g. postgres://admin:quest@127.0.0.1:8812/qdb); see docs/market-store.md.',
  );
  describe.skip('questdb tick store contract (set QUESTDB_TEST_ILP and QUESTDB_TEST_PG)', () => {
    it('runs against a real QuestDB 8.x', () => undefined);
  });
} else {
  describe('questdb tick store against a real server', () => {
    // one fresh table per test, so no test reads another's rows and nothing depends on TRUNCATE timing
    const run = `trades_test_${Date.now()}`;
    const tables: string[] = [];
    const admin = new Pool({ connectionString: pg, max: 1 });
    let current: QuestDbTickStore | undefined;

    const openFresh = async () => {
      const table = `${run}_${tables.length + 1}`;
      tables.push(table);
      current = await openQuestDbTickStore({ ilp, pg, table });
      return current;
    };
    const settle = async (store: QuestDbTickStore) => {
      await store.flush();
      await waitForWal(admin, store.table);
    };

    afterAll(async () => {
      for (const table of tables) {
        const drop = dropTableSql(table);
        await admin.query(drop.text, [...drop.values]);
      }
      await admin.end();
    });

    describeTickStoreContract('questdb', {
      open: openFresh,
      settle: async () => {
        if (current) await settle(current);
      },
    });

    it('returns only the latest `limit` bars, oldest first, widening its window past empty slots', async () => {
      const store = await openFresh();
      try {
        const symbol = 'VALE3' as TickerSymbol;
        // three bars with 50 empty minutes between the first two
        await store.append([
          trade('VALE3', 1, '2026-11-26T13:00:10.000Z', '60.00', 100),
          trade('VALE3', 2, '2026-11-26T13:51:00.000Z', '60.10', 100),
          trade('VALE3', 3, '2026-11-26T13:52:30.000Z', '60.20', 100),
        ]);
        await settle(store);
        const query = { symbol, interval: 'M1' as const, fromMs: Date.parse('2026-11-26T12:00:00Z'), toMs: Date.parse('2026-11-26T14:00:00Z') };
        expect((await store.candles({ ...query, limit: 2 })).map((c) => c.start)).toEqual(['2026-11-26T13:51:00.000Z', '2026-11-26T13:52:00.000Z']);
        expect((await store.candles({ ...query, limit: 3 })).map((c) => c.start)).toEqual(['2026-11-26T13:00:00.000Z', '2026-11-26T13:51:00.000Z', '2026-11-26T13:52:00.000Z']);
        expect(await store.candles({ ...query, limit: 10 })).toEqual(await store.candles(query));
      } finally {
        await store.close();
      }
    });

    // stricter than the contract, where the lower number of a same-instant pair also arrives first:
    // here storage order and (time, tradeNumber) disagree, so only an explicit tie-break passes
    it('breaks same-instant ties by trade number even when the later number was stored first', async () => {
      const store = await openFresh();
      try {
        const symbol = 'PETR4' as TickerSymbol;
        await store.append([trade('PETR4', 8, '2026-11-26T14:00:00.000Z', '39.50', 100)]);
        await settle(store);
        await store.append([trade('PETR4', 7, '2026-11-26T14:00:00.000Z', '39.00', 100)]);
        await settle(store);

        const bars = await store.candles({ symbol, interval: 'M1', fromMs: Date.parse('2026-11-26T14:00:00Z'), toMs: Date.parse('2026-11-26T14:01:00Z') });
        expect(bars).toHaveLength(1);
        expect(bars[0]).toMatchObject({ open: '39', close: '39.5', trades: 2 });
        expect((await store.lastTrades([symbol])).get(symbol)?.tradeNumber).toBe(8);
      } finally {
        await store.close();
      }
    });
  });
}
