import type { DxyTick } from '../src/domain/b3/dxy';
import { aggregateDxyTicks } from '../src/domain/b3/dxy';
import type { OptionChainRow } from '../src/domain/b3/option-row';
import type { Snapshot } from '../src/domain/b3/snapshot';
import type { B3Store } from '../src/store/b3.store';
import { openDuckDbB3Store } from '../src/store/duckdb-b3.store';

const snapshot = (contractMonth: string, settlementPrice: string, timestamp: string): Snapshot => ({
  instrument: 'DI1',
  contractMonth,
  settlementPrice,
  previousSettlement: null,
  status: 'FINAL',
  source: 'B3',
  timestamp,
});

const option = (asOf: string, symbol: string, kind: 'CALL' | 'PUT', strike: string, underlyingPrice = '153.62'): OptionChainRow => ({
  asOf,
  underlying: 'BOVA11',
  underlyingPrice,
  rate: '0.15',
  symbol,
  kind,
  strike,
  openInterest: 1200,
  impliedVol: '0.1875',
  expiry: '2026-12-18',
  multiplier: 100,
});

describe('DuckDB B3 store', () => {
  let store: B3Store;
  beforeEach(async () => {
    store = await openDuckDbB3Store(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('upserts by natural key: a second import of the same rows stores nothing new', async () => {
    const rows = [
      snapshot('F27', '98633.87', '2026-11-25T21:00:00.000Z'),
      snapshot('N27', '91377.6', '2026-11-25T21:00:00.000Z'),
      snapshot('F27', '98639.28', '2026-11-26T16:30:00.000Z'),
    ];
    expect(await store.upsert('SNAPSHOTS', rows)).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    const before = await store.snapshots({ instrument: 'DI1', contractMonth: null, fromMs: 0, toMs: Date.parse('2027-01-01'), limit: 100 });
    expect(await store.upsert('SNAPSHOTS', rows)).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    const after = await store.snapshots({ instrument: 'DI1', contractMonth: null, fromMs: 0, toMs: Date.parse('2027-01-01'), limit: 100 });
    expect(after).toEqual(before);
    expect((await store.rowCounts()).SNAPSHOTS).toBe(3);
  });

  it('counts a changed value as updated and keeps DECIMAL(18,6) values exact', async () => {
    await store.upsert('SNAPSHOTS', [snapshot('F27', '98633.87', '2026-11-25T21:00:00.000Z')]);
    const counts = await store.upsert('SNAPSHOTS', [
      snapshot('F27', '123456789012.123456', '2026-11-25T21:00:00.000Z'),
      snapshot('F28', '0.000001', '2026-11-25T21:00:00.000Z'),
    ]);
    expect(counts).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    expect((await store.latestSnapshot('DI1', 'F27'))?.settlementPrice).toBe('123456789012.123456');
    expect((await store.latestSnapshot('DI1', 'F28'))?.settlementPrice).toBe('0.000001');
  });

  it('returns the newest snapshots of a range, oldest first, and the latest one per contract', async () => {
    await store.upsert('SNAPSHOTS', [
      snapshot('F27', '1', '2026-11-24T21:00:00.000Z'),
      snapshot('F27', '2', '2026-11-25T21:00:00.000Z'),
      snapshot('F27', '3', '2026-11-26T16:30:00.000Z'),
      snapshot('N27', '9', '2026-11-26T16:30:00.000Z'),
    ]);
    const list = await store.snapshots({ instrument: 'DI1', contractMonth: 'F27', fromMs: Date.parse('2026-11-24T00:00:00Z'), toMs: Date.parse('2026-11-27T00:00:00Z'), limit: 2 });
    expect(list.map((s) => s.settlementPrice)).toEqual(['2', '3']);
    expect((await store.latestSnapshot('DI1', 'F27'))?.timestamp).toBe('2026-11-26T16:30:00.000Z');
    expect(await store.latestSnapshot('DOL', 'F27')).toBeNull();
  });

  it('keeps the newest indicator when an older publication is imported later', async () => {
    await store.upsert('INDICATORS', [{ name: 'SELIC', value: '15', displayValue: '15,00% a.a.', updatedAt: '2026-11-05T21:30:00.000Z' }]);
    const older = await store.upsert('INDICATORS', [{ name: 'SELIC', value: '14.75', displayValue: '14,75% a.a.', updatedAt: '2026-09-17T21:30:00.000Z' }]);
    expect(older).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect((await store.indicator('SELIC'))?.value).toBe('15');
    const newer = await store.upsert('INDICATORS', [{ name: 'SELIC', value: '14.5', displayValue: '14,50% a.a.', updatedAt: '2026-12-10T21:30:00.000Z' }]);
    expect(newer).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await store.indicators()).toEqual([{ name: 'SELIC', value: '14.5', displayValue: '14,50% a.a.', updatedAt: '2026-12-10T21:30:00.000Z' }]);
  });

  it('stores nothing from a write session that is rolled back', async () => {
    const session = await store.begin('DXY');
    expect(await session.write([{ time: '2026-11-25T13:00:00.000Z', price: '99.1' }])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect((await store.rowCounts()).DXY).toBe(0); // readers see committed imports only
    await session.rollback();
    expect((await store.rowCounts()).DXY).toBe(0);
    expect(await store.isEmpty()).toBe(true);
  });

  it('answers the vol surface of a given day or of the latest one', async () => {
    const point = (date: string, contractMonth: string, deltaBucket: 'ATM' | '25C', vol: string) => ({ underlying: 'DOL', date, contractMonth, deltaBucket, vol });
    await store.upsert('VOL_SURFACE', [point('2026-11-24', 'F27', 'ATM', '0.13'), point('2026-11-25', 'F27', 'ATM', '0.1245'), point('2026-11-25', 'G27', '25C', '0.139')]);
    expect((await store.volSurface('DOL', null)).map((p) => p.vol).sort()).toEqual(['0.1245', '0.139']);
    expect(await store.volSurface('DOL', '2026-11-24')).toEqual([point('2026-11-24', 'F27', 'ATM', '0.13')]);
    expect(await store.volSurface('PETR4', null)).toEqual([]);
  });

  it('lists daily adjustments by instrument, then by expiry', async () => {
    const adjustment = (instrument: 'DI1' | 'DOL', contractMonth: string) => ({
      date: '2026-11-25', instrument, contractMonth, previousSettlement: '100', settlement: '101', adjustmentPerContract: '-1843.23',
    });
    await store.upsert('ADJUSTMENTS', [adjustment('DOL', 'F27'), adjustment('DI1', 'F28'), adjustment('DI1', 'N27'), adjustment('DI1', 'F27')]);
    const all = await store.dailyAdjustments('2026-11-25', null);
    expect(all.map((a) => `${a.instrument}${a.contractMonth}`)).toEqual(['DI1F27', 'DI1N27', 'DI1F28', 'DOLF27']);
    expect(all[0].adjustmentPerContract).toBe('-1843.23');
    expect(await store.dailyAdjustments('2026-11-25', 'DOL')).toHaveLength(1);
    expect(await store.dailyAdjustments('2026-11-24', null)).toEqual([]);
  });

  it('returns the chain with the newest asOf for an underlying', async () => {
    await store.upsert('OPTIONS', [
      option('2026-11-25T20:00:00.000Z', 'BOVAL150', 'CALL', '150', '151.8'),
      option('2026-11-26T20:00:00.000Z', 'BOVAX150', 'PUT', '150'),
      option('2026-11-26T20:00:00.000Z', 'BOVAL150', 'CALL', '150'),
      option('2026-11-26T20:00:00.000Z', 'BOVAL155', 'CALL', '155'),
    ]);
    const chain = await store.latestChain('BOVA11');
    expect(chain).toMatchObject({ underlying: 'BOVA11', underlyingPrice: '153.62', rate: 0.15, asOf: '2026-11-26T20:00:00.000Z' });
    expect(chain?.options.map((o) => o.symbol)).toEqual(['BOVAL150', 'BOVAX150', 'BOVAL155']);
    expect(chain?.options[0]).toEqual({
      symbol: 'BOVAL150', underlying: 'BOVA11', kind: 'CALL', strike: '150', openInterest: 1200, impliedVol: 0.1875, expiry: '2026-12-18', multiplier: 100,
    });
    expect(await store.latestChain('PETR4')).toBeNull();
  });

  describe('DXY buckets', () => {
    const ticks: DxyTick[] = [
      { time: '2026-11-25T02:59:59.000Z', price: '98.9' }, // 23:59:59 on the 24th in São Paulo
      { time: '2026-11-25T13:00:00.000Z', price: '99.1' },
      { time: '2026-11-25T13:00:30.000Z', price: '99.25' },
      { time: '2026-11-25T13:04:59.999Z', price: '99.05' },
      { time: '2026-11-25T13:05:00.000Z', price: '99.3' }, // exactly on a boundary: opens the next M5 bar
      { time: '2026-11-25T13:59:00.000Z', price: '99.2' },
      { time: '2026-11-25T14:00:00.000Z', price: '99' },
      { time: '2026-11-26T02:59:00.000Z', price: '99.4' }, // still the 25th in São Paulo
      { time: '2026-11-26T03:00:00.000Z', price: '99.5' }, // São Paulo midnight: the 26th
    ];
    beforeEach(async () => {
      await store.upsert('DXY', ticks);
    });
    const bar = (start: string, end: string, open: string, high: string, low: string, close: string, count: number) => ({ start, end, open, high, low, close, count });

    it('computes M5 bars by hand, a tick on the boundary opening the next bar', async () => {
      const bars = await store.dxyBars('M5', Date.parse('2026-11-25T13:00:00Z'), Date.parse('2026-11-25T14:05:00Z'));
      expect(bars).toEqual([
        bar('2026-11-25T13:00:00.000Z', '2026-11-25T13:05:00.000Z', '99.1', '99.25', '99.05', '99.05', 3),
        bar('2026-11-25T13:05:00.000Z', '2026-11-25T13:10:00.000Z', '99.3', '99.3', '99.3', '99.3', 1),
        bar('2026-11-25T13:55:00.000Z', '2026-11-25T14:00:00.000Z', '99.2', '99.2', '99.2', '99.2', 1),
        bar('2026-11-25T14:00:00.000Z', '2026-11-25T14:05:00.000Z', '99', '99', '99', '99', 1),
      ]);
    });

    it('returns only bars that start inside the range, each complete', async () => {
      const bars = await store.dxyBars('M5', Date.parse('2026-11-25T13:02:00Z'), Date.parse('2026-11-25T13:55:00.001Z'));
      expect(bars.map((b) => [b.start, b.count])).toEqual([
        ['2026-11-25T13:05:00.000Z', 1],
        ['2026-11-25T13:55:00.000Z', 1],
      ]);
    });

    it('computes H1 bars by hand', async () => {
      const bars = await store.dxyBars('H1', Date.parse('2026-11-25T13:00:00Z'), Date.parse('2026-11-25T15:00:00Z'));
      expect(bars).toEqual([
        bar('2026-11-25T13:00:00.000Z', '2026-11-25T14:00:00.000Z', '99.1', '99.3', '99.05', '99.2', 5),
        bar('2026-11-25T14:00:00.000Z', '2026-11-25T15:00:00.000Z', '99', '99', '99', '99', 1),
      ]);
    });

    it('computes D1 bars on São Paulo days (03:00 UTC boundaries)', async () => {
      const bars = await store.dxyBars('D1', Date.parse('2026-11-24T03:00:00Z'), Date.parse('2026-11-27T03:00:00Z'));
      expect(bars).toEqual([
        bar('2026-11-24T03:00:00.000Z', '2026-11-25T03:00:00.000Z', '98.9', '98.9', '98.9', '98.9', 1),
        bar('2026-11-25T03:00:00.000Z', '2026-11-26T03:00:00.000Z', '99.1', '99.4', '99', '99.4', 7),
        bar('2026-11-26T03:00:00.000Z', '2026-11-27T03:00:00.000Z', '99.5', '99.5', '99.5', '99.5', 1),
      ]);
      expect(bars).toEqual(aggregateDxyTicks(ticks, 'D1'));
    });

    it('agrees with the reference aggregation for every interval', async () => {
      for (const interval of ['M1', 'M5', 'M15', 'H1'] as const) {
        expect(await store.dxyBars(interval, Date.parse('2026-11-24T00:00:00Z'), Date.parse('2026-11-27T00:00:00Z'))).toEqual(aggregateDxyTicks(ticks, interval));
      }
    });

    it('returns the newest ticks of a range, oldest first', async () => {
      const list = await store.dxyTicks(Date.parse('2026-11-25T13:00:00Z'), Date.parse('2026-11-25T14:00:00Z'), 2);
      expect(list).toEqual([
        { time: '2026-11-25T13:05:00.000Z', price: '99.3' },
        { time: '2026-11-25T13:59:00.000Z', price: '99.2' },
      ]);
    });
  });
});
