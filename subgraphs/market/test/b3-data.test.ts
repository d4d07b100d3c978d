import type { DomainError } from '@b3/kit';
import { B3DataService } from '../src/services/b3-data.service';
import type { B3Store } from '../src/store/b3.store';
import { openDuckDbB3Store } from '../src/store/duckdb-b3.store';

const NOW = Date.parse('2026-11-26T15:00:00Z');

async function refusal(run: () => Promise<unknown>): Promise<DomainError> {
  try {
    await run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the query to be refused');
}

describe('B3 data service', () => {
  describe('argument checks', () => {
    let store: B3Store;
    let service: B3DataService;
    beforeAll(async () => {
      store = await openDuckDbB3Store(':memory:');
      service = new B3DataService(store, { now: () => NOW });
    });
    afterAll(async () => {
      await store.close();
    });

    const cases: Array<[string, (s: B3DataService) => Promise<unknown>, string]> = [
      ['unknown instrument', (s) => s.snapshots({ instrument: 'XYZ' }), 'instrument'],
      ['lower-case instrument', (s) => s.latestSnapshot('di1', 'F27'), 'instrument'],
      ['contract code shape', (s) => s.snapshots({ instrument: 'DI1', contractMonth: 'F2027' }), 'contractMonth'],
      ['contract month letter', (s) => s.latestSnapshot('DI1', 'A27'), 'contractMonth'],
      ['malformed from', (s) => s.snapshots({ instrument: 'DI1', from: 'yesterday' }), 'from'],
      ['instant without zone', (s) => s.dxyTicks({ to: '2026-11-26T10:00:00' }), 'to'],
      ['from after to', (s) => s.snapshots({ instrument: 'DI1', from: '2026-11-26T00:00:00Z', to: '2026-11-25T00:00:00Z' }), 'from'],
      ['from equal to to', (s) => s.dxyTicks({ from: '2026-11-26T00:00:00Z', to: '2026-11-26T00:00:00Z' }), 'from'],
      ['range over 366 days', (s) => s.snapshots({ instrument: 'DI1', from: '2025-11-24T00:00:00Z', to: '2026-11-26T00:00:00Z' }), 'from'],
      ['limit zero', (s) => s.dxyTicks({ limit: 0 }), 'limit'],
      ['limit too large', (s) => s.snapshots({ instrument: 'DI1', limit: 10_001 }), 'limit'],
      ['indicator name', (s) => s.indicator('selic'), 'name'],
      ['history name', (s) => s.indicatorHistory('S', {}), 'name'],
      ['history date', (s) => s.indicatorHistory('CDI', { from: '2026-1-1' }), 'from'],
      ['history to', (s) => s.indicatorHistory('CDI', { to: '2026-02-30' }), 'to'],
      ['history from after to', (s) => s.indicatorHistory('CDI', { from: '2026-11-26', to: '2026-11-25' }), 'from'],
      ['history over 366 days', (s) => s.indicatorHistory('CDI', { from: '2025-11-24', to: '2026-11-26' }), 'from'],
      ['underlying', (s) => s.volSurface('d'), 'underlying'],
      ['surface date', (s) => s.volSurface('DOL', '2026-11-31'), 'date'],
      ['delta bucket', (s) => s.volSurface('DOL', null, ['ATM', '30P']), 'deltaBuckets'],
      ['no delta buckets', (s) => s.volSurface('DOL', null, []), 'deltaBuckets'],
      ['adjustment date', (s) => s.dailyAdjustments('25/11/2026'), 'date'],
      ['adjustment instrument', (s) => s.dailyAdjustments('2026-11-25', 'PETR4'), 'instrument'],
      ['interval', (s) => s.dxyBuckets('M2'), 'interval'],
      ['too many buckets', (s) => s.dxyBuckets('M1', { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }), 'from'],
      ['chain underlying', (s) => s.latestChain('petr4'), 'underlying'],
    ];

    it.each(cases)('%s → BAD_USER_INPUT naming the argument', async (_title, query, field) => {
      const error = await refusal(() => query(service));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });

    it('accepts the widest allowed ranges', async () => {
      await expect(service.snapshots({ instrument: 'DI1', from: '2025-11-25T00:00:00Z', to: '2026-11-26T00:00:00Z' })).resolves.toEqual([]);
      await expect(service.indicatorHistory('CDI', { from: '2025-11-25', to: '2026-11-26' })).resolves.toEqual([]);
      await expect(service.dxyBuckets('D1', { from: '2025-11-25T03:00:00Z', to: '2026-11-26T03:00:00Z' })).resolves.toEqual([]);
    });

    it('builds the surface grid by expiry and bucket, with gaps as null', async () => {
      await store.upsert('VOL_SURFACE', [
        { underlying: 'DOL', date: '2026-11-25', contractMonth: 'G27', deltaBucket: 'ATM', vol: '0.128' },
        { underlying: 'DOL', date: '2026-11-25', contractMonth: 'F27', deltaBucket: '25C', vol: '0.136' },
        { underlying: 'DOL', date: '2026-11-25', contractMonth: 'F27', deltaBucket: 'ATM', vol: '0.1245' },
        { underlying: 'DOL', date: '2026-11-25', contractMonth: 'Z26', deltaBucket: '10P', vol: '0.131' },
      ]);
      const grid = await service.volSurface('DOL', null, ['25C', 'ATM']);
      expect(grid).toMatchObject({
        underlying: 'DOL',
        date: '2026-11-25',
        deltaBuckets: ['ATM', '25C'],
        contractMonths: ['F27', 'G27'],
        rows: [
          { contractMonth: 'F27', vols: ['0.1245', '0.136'] },
          { contractMonth: 'G27', vols: ['0.128', null] },
        ],
      });
      expect((await service.volSurface('DOL'))?.contractMonths).toEqual(['Z26', 'F27', 'G27']);
      expect(await service.volSurface('PETR4')).toBeNull();
    });
  });

  describe('read retry', () => {
    const indicator = { name: 'SELIC', value: '15', displayValue: '15,00% a.a.', updatedAt: '2026-11-05T21:30:00.000Z' };
    const storeFailing = (failures: Error[]): { store: B3Store; calls: () => number } => {
      let calls = 0;
      const store = {
        indicators: async () => {
          calls++;
          const failure = failures.shift();
          if (failure) throw failure;
          return [indicator];
        },
      } as unknown as B3Store;
      return { store, calls: () => calls };
    };

    it('retries a transient failure', async () => {
      const { store, calls } = storeFailing([Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })]);
      await expect(new B3DataService(store).indicators()).resolves.toEqual([indicator]);
      expect(calls()).toBe(2);
    });

    it('gives up after two retries', async () => {
      const locked = () => new Error('IO Error: Could not set lock on file "b3.duckdb": Conflicting lock is held');
      const { store, calls } = storeFailing([locked(), locked(), locked()]);
      await expect(new B3DataService(store).indicators()).rejects.toThrow(/Could not set lock/);
      expect(calls()).toBe(3);
    });

    it('does not retry a failure that is not transient', async () => {
      const { store, calls } = storeFailing([new Error('Binder Error: Referenced column "nme" not found')]);
      await expect(new B3DataService(store).indicators()).rejects.toThrow(/Binder Error/);
      expect(calls()).toBe(1);
    });
  });
});
