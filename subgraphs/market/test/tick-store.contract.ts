import type { Trade } from '../src/domain/trade';
import type { TickStore } from '../src/store/tick.store';

/**
 * What every TickStore must answer, with expected bars worked out by hand (prices × quantities summed
 * on paper). Run by duckdb-tick.store.test.ts always and by questdb-tick.store.test.ts against a real
 * QuestDB when QUESTDB_TEST_PG / QUESTDB_TEST_ILP are set.
 */
export interface ContractTarget {
  open(): Promise<TickStore>;
  /** Waits until everything appended is readable (QuestDB applies WAL asynchronously). */
  settle?(store: TickStore): Promise<void>;
  /** Removes whatever an earlier run left behind, when the store outlives one test. */
  reset?(store: TickStore): Promise<void>;
}

export const trade = (symbol: string, tradeNumber: number, time: string, price: string, quantity: number, isEdit = false): Trade =>
  ({ symbol, exchange: symbol.startsWith('WIN') ? 'F' : 'B', tradeNumber, time, price, quantity, aggressor: 'BUY', isEdit }) as Trade;

// PETR4 on 2026-11-26, 10:00 in São Paulo = 13:00 UTC
const t1 = trade('PETR4', 1, '2026-11-26T13:00:00.000Z', '38.00', 100); // exactly on the 13:00 boundary
const t2 = trade('PETR4', 2, '2026-11-26T13:00:20.000Z', '38.10', 300);
const t3 = trade('PETR4', 3, '2026-11-26T13:00:59.999Z', '37.95', 200); // last millisecond of 13:00
const t4 = trade('PETR4', 4, '2026-11-26T13:01:00.000Z', '38.05', 100); // exactly on 13:01: opens the next bar
const t5 = trade('PETR4', 5, '2026-11-26T13:01:00.000Z', '38.20', 100); // same instant, later number: closes it
const t6 = trade('PETR4', 6, '2026-11-26T13:03:30.000Z', '38.15', 400); // 13:02 has no trade
// WINZ26 around São Paulo midnight (03:00 UTC)
const d1 = trade('WINZ26', 10, '2026-11-26T02:59:59.999Z', '125000', 1); // 2026-11-25 23:59:59.999 in São Paulo
const d2 = trade('WINZ26', 11, '2026-11-26T03:00:00.000Z', '125005', 2); // São Paulo midnight: new day
const d3 = trade('WINZ26', 12, '2026-11-26T20:00:00.000Z', '124990', 3);

const DAY_FROM = Date.parse('2026-11-20T00:00:00Z');
const DAY_TO = Date.parse('2026-11-30T00:00:00Z');

export function describeTickStoreContract(name: string, target: ContractTarget): void {
  describe(`${name} tick store contract`, () => {
    let store: TickStore;
    const settle = async () => target.settle?.(store);
    const candles = (symbol: string, interval: 'M1' | 'M5' | 'M15' | 'H1' | 'D1', fromMs = DAY_FROM, toMs = DAY_TO) =>
      store.candles({ symbol: symbol as Trade['symbol'], interval, fromMs, toMs });

    beforeEach(async () => {
      store = await target.open();
      await target.reset?.(store);
      // arrival order is not time order: bars must not depend on it
      await store.append([t4, t6, d2, t1]);
      await store.append([t3, d3, t5, t2, d1]);
      await settle();
    });
    afterEach(async () => {
      await store.close();
    });

    it('builds 1-minute bars with exact OHLCV, turnover and VWAP, a trade on a boundary opening the new bar, and no bar for an empty minute', async () => {
      expect(await candles('PETR4', 'M1')).toEqual([
        { symbol: 'PETR4', interval: 'M1', start: '2026-11-26T13:00:00.000Z', end: '2026-11-26T13:01:00.000Z', open: '38', high: '38.1', low: '37.95', close: '37.95', volume: 600, trades: 3, turnover: '22820', vwap: '38.0333' },
        { symbol: 'PETR4', interval: 'M1', start: '2026-11-26T13:01:00.000Z', end: '2026-11-26T13:02:00.000Z', open: '38.05', high: '38.2', low: '38.05', close: '38.2', volume: 200, trades: 2, turnover: '7625', vwap: '38.125' },
        { symbol: 'PETR4', interval: 'M1', start: '2026-11-26T13:03:00.000Z', end: '2026-11-26T13:04:00.000Z', open: '38.15', high: '38.15', low: '38.15', close: '38.15', volume: 400, trades: 1, turnover: '15260', vwap: '38.15' },
      ]);
    });

    it('rolls minutes up into 5-minute and hourly bars', async () => {
      const m5 = { symbol: 'PETR4', start: '2026-11-26T13:00:00.000Z', open: '38', high: '38.2', low: '37.95', close: '38.15', volume: 1200, trades: 6, turnover: '45705', vwap: '38.0875' };
      expect(await candles('PETR4', 'M5')).toEqual([{ ...m5, interval: 'M5', end: '2026-11-26T13:05:00.000Z' }]);
      expect(await candles('PETR4', 'M15')).toEqual([{ ...m5, interval: 'M15', end: '2026-11-26T13:15:00.000Z' }]);
      expect(await candles('PETR4', 'H1')).toEqual([{ ...m5, interval: 'H1', end: '2026-11-26T14:00:00.000Z' }]);
    });

    it('cuts daily bars at midnight in São Paulo, not in UTC', async () => {
      expect(await candles('WINZ26', 'D1')).toEqual([
        { symbol: 'WINZ26', interval: 'D1', start: '2026-11-25T03:00:00.000Z', end: '2026-11-26T03:00:00.000Z', open: '125000', high: '125000', low: '125000', close: '125000', volume: 1, trades: 1, turnover: '125000', vwap: '125000' },
        { symbol: 'WINZ26', interval: 'D1', start: '2026-11-26T03:00:00.000Z', end: '2026-11-27T03:00:00.000Z', open: '125005', high: '125005', low: '124990', close: '124990', volume: 5, trades: 2, turnover: '624980', vwap: '124996' },
      ]);
      expect((await candles('WINZ26', 'H1')).map((c) => [c.start, c.trades])).toEqual([
        ['2026-11-26T02:00:00.000Z', 1],
        ['2026-11-26T03:00:00.000Z', 1],
        ['2026-11-26T20:00:00.000Z', 1],
      ]);
    });

    it('returns bars whose start lies in [from, to)', async () => {
      const bars = await candles('PETR4', 'M1', Date.parse('2026-11-26T13:01:00Z'), Date.parse('2026-11-26T13:03:00Z'));
      expect(bars.map((c) => c.start)).toEqual(['2026-11-26T13:01:00.000Z']);
      expect(await candles('VALE3', 'M1')).toEqual([]);
    });

    it('answers the latest trade per symbol by time, then trade number', async () => {
      const last = await store.lastTrades(['PETR4', 'WINZ26', 'VALE3'] as Trade['symbol'][]);
      expect([...last.keys()].sort()).toEqual(['PETR4', 'WINZ26']);
      expect(last.get('PETR4' as Trade['symbol'])).toEqual({ ...t6, price: '38.15' });
      expect(last.get('WINZ26' as Trade['symbol'])).toEqual(d3);
    });

    it('adds nothing when a batch is replayed, and lets an edit correct a trade', async () => {
      await store.append([t1, t2, t3]);
      await settle();
      expect((await candles('PETR4', 'M1'))[0]).toMatchObject({ trades: 3, volume: 600, turnover: '22820' });

      await store.append([{ ...t2, price: '38.12', isEdit: true }]);
      await settle();
      expect((await candles('PETR4', 'M1'))[0]).toMatchObject({ high: '38.12', trades: 3, volume: 600, turnover: '22826', vwap: '38.0433' });
    });
  });
}
