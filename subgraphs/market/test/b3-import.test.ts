import { createLogger, type DomainError } from '@b3/kit';
import type { B3ImportProgress } from '../src/domain/b3/import-job';
import { readNumberText } from '../src/domain/b3/decimal';
import { B3ImportService } from '../src/services/b3-import.service';
import { importSampleData, SAMPLE_DATA_DIR } from '../src/services/sample-data';
import type { B3Store } from '../src/store/b3.store';
import { openDuckDbB3Store } from '../src/store/duckdb-b3.store';

const logger = createLogger('test', 'silent');
const SNAPSHOT_HEADER = 'instrument,contractMonth,settlementPrice,previousSettlement,status,source,timestamp';
const snapshotCsv = (...rows: string[]): string => [SNAPSHOT_HEADER, ...rows].join('\n');
const GOOD_SNAPSHOT = 'DI1,F27,98633.87,98618.42,FINAL,B3,2026-11-25T21:00:00Z';

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the import to be refused');
}

async function collect<T>(iterator: AsyncIterableIterator<T>): Promise<T[]> {
  const events: T[] = [];
  for await (const event of iterator) events.push(event);
  return events;
}

describe('B3 import service', () => {
  let store: B3Store;
  let service: B3ImportService;
  beforeEach(async () => {
    store = await openDuckDbB3Store(':memory:');
    service = new B3ImportService(store, logger, { chunkSize: 2 });
  });
  afterEach(async () => {
    await service.close();
    await store.close();
  });

  describe('refuses invalid files with the field named and stores nothing', () => {
    const cases: Array<[string, string, string, string, string]> = [
      // [title, kind, format, content, field]
      ['unknown instrument', 'SNAPSHOTS', 'CSV', snapshotCsv(GOOD_SNAPSHOT, 'XYZ,F27,1,1,FINAL,B3,2026-11-25T21:00:00Z'), 'instrument'],
      ['contract month shape', 'SNAPSHOTS', 'CSV', snapshotCsv('DI1,F2027,1,1,FINAL,B3,2026-11-25T21:00:00Z'), 'contractMonth'],
      ['contract month letter', 'SNAPSHOTS', 'CSV', snapshotCsv('DI1,A27,1,1,FINAL,B3,2026-11-25T21:00:00Z'), 'contractMonth'],
      ['negative price', 'SNAPSHOTS', 'CSV', snapshotCsv('DI1,F27,-1,1,FINAL,B3,2026-11-25T21:00:00Z'), 'settlementPrice'],
      ['too many decimals', 'SNAPSHOTS', 'CSV', snapshotCsv('DI1,F27,1.1234567,1,FINAL,B3,2026-11-25T21:00:00Z'), 'settlementPrice'],
      ['not a number', 'SNAPSHOTS', 'CSV', snapshotCsv('DI1,F27,1,abc,FINAL,B3,2026-11-25T21:00:00Z'), 'previousSettlement'],
      ['status', 'SNAPSHOTS', 'CSV', snapshotCsv('DI1,F27,1,1,OPEN,B3,2026-11-25T21:00:00Z'), 'status'],
      ['missing source', 'SNAPSHOTS', 'CSV', snapshotCsv('DI1,F27,1,1,FINAL,,2026-11-25T21:00:00Z'), 'source'],
      ['source too long', 'SNAPSHOTS', 'CSV', snapshotCsv(`DI1,F27,1,1,FINAL,${'x'.repeat(51)},2026-11-25T21:00:00Z`), 'source'],
      ['timestamp without zone', 'SNAPSHOTS', 'CSV', snapshotCsv('DI1,F27,1,1,FINAL,B3,2026-11-25T21:00:00'), 'timestamp'],
      ['impossible timestamp', 'SNAPSHOTS', 'CSV', snapshotCsv('DI1,F27,1,1,FINAL,B3,2026-02-30T21:00:00Z'), 'timestamp'],
      ['duplicate key', 'SNAPSHOTS', 'CSV', snapshotCsv(GOOD_SNAPSHOT, GOOD_SNAPSHOT.replace('98633.87', '98633.88')), 'timestamp'],
      ['extra cell', 'SNAPSHOTS', 'CSV', snapshotCsv(`${GOOD_SNAPSHOT},oops`), 'column 8'],
      ['unknown column', 'SNAPSHOTS', 'CSV', GOOD_SNAPSHOT.replace(/.*/, 'instrument,contractMonth,settlment,previousSettlement,status,source,timestamp\n') + GOOD_SNAPSHOT, 'settlment'],
      ['indicator name', 'INDICATORS', 'JSON', JSON.stringify([{ name: 'selic', value: '15', displayValue: '15%', updatedAt: '2026-11-05T21:30:00Z' }]), 'name'],
      ['float in JSON', 'INDICATORS', 'JSON', JSON.stringify([{ name: 'SELIC', value: 15.25, displayValue: '15,25%', updatedAt: '2026-11-05T21:30:00Z' }]), 'value'],
      ['missing display value', 'INDICATORS', 'JSON', JSON.stringify([{ name: 'SELIC', value: '15', updatedAt: '2026-11-05T21:30:00Z' }]), 'displayValue'],
      ['unknown JSON field', 'INDICATORS', 'JSON', JSON.stringify([{ name: 'SELIC', value: '15', displayValue: '15%', updatedAt: '2026-11-05T21:30:00Z', unit: '%' }]), 'unit'],
      ['row not an object', 'INDICATORS', 'JSON', '[1]', 'row'],
      ['history date', 'INDICATOR_HISTORY', 'CSV', 'name,date,value\nCDI,2026-13-01,14.9', 'date'],
      ['Brazilian date', 'INDICATOR_HISTORY', 'CSV', 'name,date,value\nCDI,25/11/2026,14.9', 'date'],
      ['delta bucket', 'VOL_SURFACE', 'CSV', 'underlying,date,contractMonth,deltaBucket,vol\nDOL,2026-11-25,F27,30P,0.12', 'deltaBucket'],
      ['vol not below 5', 'VOL_SURFACE', 'CSV', 'underlying,date,contractMonth,deltaBucket,vol\nDOL,2026-11-25,F27,ATM,5', 'vol'],
      ['vol not above 0', 'VOL_SURFACE', 'CSV', 'underlying,date,contractMonth,deltaBucket,vol\nDOL,2026-11-25,F27,ATM,0', 'vol'],
      ['underlying', 'VOL_SURFACE', 'CSV', 'underlying,date,contractMonth,deltaBucket,vol\ndol,2026-11-25,F27,ATM,0.12', 'underlying'],
      ['zero settlement', 'ADJUSTMENTS', 'CSV', 'date,instrument,contractMonth,previousSettlement,settlement,adjustmentPerContract\n2026-11-25,WIN,Z26,158930,0,105', 'settlement'],
      ['missing column', 'ADJUSTMENTS', 'CSV', 'date,instrument,contractMonth,settlement,adjustmentPerContract\n2026-11-25,WIN,Z26,159455,105', 'previousSettlement'],
      ['DXY price', 'DXY', 'CSV', 'time,price\n2026-11-25T13:00:00Z,-99.1', 'price'],
      ['US thousands', 'DXY', 'CSV', 'time,price\n2026-11-25T13:00:00Z,"1,099.10"', 'price'],
      ['ambiguous in a Brazilian file', 'DXY', 'CSV', 'time;price\n2026-11-25T13:00:00Z;99,1\n2026-11-25T13:01:00Z;1.099', 'price'],
      ['option kind', 'OPTIONS', 'CSV', optionsCsv({ kind: 'C' }), 'kind'],
      ['fractional open interest', 'OPTIONS', 'CSV', optionsCsv({ openInterest: '1.5' }), 'openInterest'],
      ['negative open interest', 'OPTIONS', 'CSV', optionsCsv({ openInterest: '-1' }), 'openInterest'],
      ['implied vol', 'OPTIONS', 'CSV', optionsCsv({ impliedVol: '5.1' }), 'impliedVol'],
      ['multiplier', 'OPTIONS', 'CSV', optionsCsv({ multiplier: '0' }), 'multiplier'],
      ['expiry before asOf', 'OPTIONS', 'CSV', optionsCsv({ expiry: '2026-11-25' }), 'expiry'],
      ['chain disagrees on rate', 'OPTIONS', 'CSV', `${optionsCsv({})}\n${optionRow({ symbol: 'BOVAX150', kind: 'PUT', rate: '0.14' })}`, 'rate'],
      ['malformed JSON', 'INDICATORS', 'JSON', '[{"name": "SELIC"', 'content'],
      ['JSON not an array', 'INDICATORS', 'JSON', '{"name": "SELIC"}', 'content'],
      ['header only', 'DXY', 'CSV', 'time,price\n', 'content'],
      ['empty', 'DXY', 'CSV', '', 'content'],
      ['unclosed quote', 'DXY', 'CSV', 'time,price\n"2026-11-25T13:00:00Z,99', 'content'],
    ];

    it.each(cases)('%s', async (_title, kind, format, content, field) => {
      const error = refusal(() => service.start(kind, format, content));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      const problems = error.extensions.problems as string[];
      expect(problems[0]).toMatch(new RegExp(`^row \\d+( \\(header\\))?, field ${field}: .+`));
      expect(error.message).toContain(problems[0]);
      expect(service.list()).toEqual([]);
      expect(await store.isEmpty()).toBe(true);
    });

    it('rejects an unknown kind or format by argument name', () => {
      expect(refusal(() => service.start('TRADES', 'CSV', 'x')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });
      expect(refusal(() => service.start('DXY', 'XML', 'x')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'format' });
    });

    it('refuses the whole file when one row of many is bad, listing the first problems with their row numbers', async () => {
      const rows = Array.from({ length: 30 }, (_, i) => `2026-11-25T13:${String(i).padStart(2, '0')}:00Z,${i % 2 ? '99.1' : 'x'}`);
      const error = refusal(() => service.start('DXY', 'CSV', ['time,price', ...rows].join('\n')));
      const problems = error.extensions.problems as string[];
      expect(error.extensions.problemCount).toBe(15);
      expect(problems[0]).toBe('row 1, field price: "x" is not a number: write it like 1234.56 or 1.234,56');
      expect(problems[1]).toMatch(/^row 3, field price/);
      expect(await store.isEmpty()).toBe(true);
    });

    it('lists at most 20 problems and says how many more there were', () => {
      const rows = Array.from({ length: 25 }, (_, i) => `2026-11-25T13:${String(i).padStart(2, '0')}:00Z,bad`);
      const error = refusal(() => service.start('DXY', 'CSV', ['time,price', ...rows].join('\n')));
      expect(error.extensions.problems).toHaveLength(20);
      expect(error.extensions.problemCount).toBe(25);
      expect(error.message).toContain('… and 5 more');
    });
  });

  describe('numbers', () => {
    it.each([
      ['1234.56', '1234.56'],
      ['15.00', '15.00'],
      ['5.4321', '5.4321'],
      ['99.875', '99.875'],
      ['1.234,56', '1234.56'],
      ['15,00', '15.00'],
      ['-1.843,23', '-1843.23'],
      ['1.234.567', '1234567'],
      ['1.234.567,891', '1234567.891'],
    ])('reads the CSV number %s as %s', (text, plain) => {
      expect(readNumberText(text, 'csv')).toEqual({ ok: true, value: plain });
    });

    it.each(['1,234.56', '1 234,56', '1e5', 'R$ 10', '12.34.5', '.5', '5.'])('refuses %s in CSV', (text) => {
      expect(readNumberText(text, 'csv').ok).toBe(false);
    });

    it('refuses a single dot group in a file that writes decimal commas, and reads it as a decimal point elsewhere', () => {
      expect(readNumberText('1.234', 'csv', true).ok).toBe(false);
      expect(readNumberText('1.234', 'csv', false)).toEqual({ ok: true, value: '1.234' });
      expect(readNumberText('5.4321', 'csv', true)).toEqual({ ok: true, value: '5.4321' });
    });

    it('accepts only plain decimals in JSON strings', () => {
      expect(readNumberText('1.234,56', 'plain').ok).toBe(false);
      expect(readNumberText('1234.56', 'plain')).toEqual({ ok: true, value: '1234.56' });
    });

    it('stores a Brazilian file and its international twin as the same rows', async () => {
      const brazilian = 'date;instrument;contractMonth;previousSettlement;settlement;adjustmentPerContract\n2026-11-25;ICF;H27;371,85;368,40;-1.843,23\n2026-11-25;WIN;Z26;158.930,00;159.455,00;105,00';
      const international = 'date,instrument,contractMonth,previousSettlement,settlement,adjustmentPerContract\n2026-11-25,ICF,H27,371.85,368.4,-1843.23\n2026-11-25,WIN,Z26,158930,159455,105';
      const first = await service.wait(service.start('ADJUSTMENTS', 'CSV', brazilian).id);
      expect(first).toMatchObject({ status: 'DONE', inserted: 2 });
      const second = await service.wait(service.start('ADJUSTMENTS', 'CSV', international).id);
      expect(second).toMatchObject({ status: 'DONE', inserted: 0, updated: 0, unchanged: 2 });
      const stored = await store.dailyAdjustments('2026-11-25', null);
      expect(stored.map((a) => [a.instrument, a.settlement, a.adjustmentPerContract])).toEqual([
        ['ICF', '368.4', '-1843.23'],
        ['WIN', '159455', '105'],
      ]);
    });

    it('accepts whole JSON numbers, which are exact', async () => {
      const job = service.start('INDICATORS', 'JSON', JSON.stringify([{ name: 'IBOV', value: 159455, displayValue: '159.455 pts', updatedAt: '2026-11-25T20:10:00Z' }]));
      expect(await service.wait(job.id)).toMatchObject({ status: 'DONE', inserted: 1 });
      expect((await store.indicator('IBOV'))?.value).toBe('159455');
    });
  });

  describe('jobs', () => {
    const fiveTicks = ['time,price', ...[0, 1, 2, 3, 4].map((m) => `2026-11-25T13:0${m}:00Z,99.${m}`)].join('\n');

    it('emits RUNNING after each chunk, then DONE, and ends the stream', async () => {
      const job = service.start('DXY', 'CSV', fiveTicks);
      const events = await collect(service.stream(job.id));
      const progress = (processed: number, status: B3ImportProgress['status'], inserted: number): B3ImportProgress => ({
        jobId: job.id, kind: 'DXY', processed, total: 5, status, inserted, updated: 0, unchanged: 0, error: null,
      });
      expect(events).toEqual([progress(0, 'RUNNING', 0), progress(2, 'RUNNING', 2), progress(4, 'RUNNING', 4), progress(5, 'RUNNING', 5), progress(5, 'DONE', 5)]);
      expect(service.job(job.id)).toMatchObject({ status: 'DONE', finishedAt: expect.any(String) });
    });

    it('gives a late subscriber the final state and ends', async () => {
      const job = service.start('DXY', 'CSV', fiveTicks);
      await service.wait(job.id);
      expect(await collect(service.stream(job.id))).toEqual([expect.objectContaining({ status: 'DONE', processed: 5, inserted: 5 })]);
    });

    it('refuses a progress stream for an unknown job', () => {
      expect(refusal(() => service.stream('nope')).extensions).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('runs at most one import per kind, and frees the kind as soon as the job finishes', async () => {
      const first = service.start('DXY', 'CSV', fiveTicks);
      expect(refusal(() => service.start('DXY', 'CSV', fiveTicks)).extensions).toMatchObject({ code: 'MARKET_B3_IMPORT_RUNNING', jobId: first.id });
      const other = service.start('INDICATOR_HISTORY', 'CSV', 'name,date,value\nCDI,2026-11-25,14.9');
      await service.wait(first.id);
      const again = service.start('DXY', 'CSV', fiveTicks);
      expect(await service.wait(again.id)).toMatchObject({ status: 'DONE', unchanged: 5 });
      expect(await service.wait(other.id)).toMatchObject({ status: 'DONE', inserted: 1 });
    });

    it('fails a job whose store write breaks, rolls everything back and keeps driver messages out', async () => {
      let writes = 0;
      const failing: B3Store = {
        ...store,
        begin: async (kind) => {
          const session = await store.begin(kind);
          return {
            write: (rows) => (++writes === 2 ? Promise.reject(new Error('IO Error: disk full at /var/lib/duckdb')) : session.write(rows)),
            commit: () => session.commit(),
            rollback: () => session.rollback(),
          };
        },
      };
      const flaky = new B3ImportService(failing, logger, { chunkSize: 2 });
      const job = flaky.start('DXY', 'CSV', fiveTicks);
      const events = await collect(flaky.stream(job.id));
      const last = events[events.length - 1];
      expect(last).toMatchObject({ status: 'FAILED', processed: 2, inserted: 0, updated: 0, unchanged: 0 });
      expect(last.error).toMatch(/nothing was stored/);
      expect(last.error).not.toMatch(/disk|duckdb/i);
      expect(await store.isEmpty()).toBe(true);
      await flaky.close();
    });

    it('stops a running import on close and stores nothing', async () => {
      const many = ['time,price', ...Array.from({ length: 200 }, (_, i) => `${new Date(Date.UTC(2026, 10, 25, 13, i)).toISOString()},99.1`)].join('\n');
      const job = service.start('DXY', 'CSV', many);
      await service.close();
      expect(service.job(job.id)).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/stopped/) });
      expect(await store.isEmpty()).toBe(true);
    });
  });

  describe('sample data', () => {
    it('imports every sample file, and a second run changes nothing', async () => {
      const fast = new B3ImportService(store, logger);
      const first = await importSampleData(fast, SAMPLE_DATA_DIR);
      expect(Object.fromEntries(first.map(({ file, job }) => [file, [job.kind, job.status, job.inserted]]))).toEqual({
        'adjustments.csv': ['ADJUSTMENTS', 'DONE', 15],
        'dxy.csv': ['DXY', 'DONE', 1440],
        'indicator-history.csv': ['INDICATOR_HISTORY', 'DONE', 120],
        'indicators.json': ['INDICATORS', 'DONE', 8],
        'options.csv': ['OPTIONS', 'DONE', 62],
        'snapshots.csv': ['SNAPSHOTS', 'DONE', 45],
        'vol-surface.csv': ['VOL_SURFACE', 'DONE', 20],
      });
      const second = await importSampleData(fast, SAMPLE_DATA_DIR);
      expect(second.every(({ job }) => job.inserted === 0 && job.updated === 0 && job.unchanged === job.total)).toBe(true);
      expect(await store.rowCounts()).toEqual({ SNAPSHOTS: 45, INDICATORS: 8, INDICATOR_HISTORY: 120, VOL_SURFACE: 20, ADJUSTMENTS: 15, DXY: 1440, OPTIONS: 62 });

      const chain = await store.latestChain('BOVA11');
      expect(chain?.options).toHaveLength(62);
      expect(chain?.options.filter((o) => o.kind === 'CALL')).toHaveLength(31);
      expect((await store.indicator('SELIC'))?.value).toBe('15');
      expect((await store.dailyAdjustments('2026-11-25', 'ICF'))[0].adjustmentPerContract).toBe('-1843.23');
      await fast.close();
    });
  });
});

function optionRow(overrides: Record<string, string>): string {
  const row: Record<string, string> = {
    asOf: '2026-11-26T20:00:00Z', underlying: 'BOVA11', underlyingPrice: '153.62', rate: '0.15', symbol: 'BOVAL150', kind: 'CALL',
    strike: '150', openInterest: '1200', impliedVol: '0.19', expiry: '2026-12-18', multiplier: '100', ...overrides,
  };
  return Object.values(row).join(',');
}

function optionsCsv(overrides: Record<string, string>): string {
  return `asOf,underlying,underlyingPrice,rate,symbol,kind,strike,openInterest,impliedVol,expiry,multiplier\n${optionRow(overrides)}`;
}
