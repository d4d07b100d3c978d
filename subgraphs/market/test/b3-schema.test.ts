import { buildFederatedSchema, createLogger, runOperation, runSubscription, testContext, type Viewer } from '@b3/kit';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import type { B3Context } from '../src/graphql/b3.context';
import { B3ImportResolver } from '../src/graphql/b3-import.resolver';
import { B3DataResolver } from '../src/graphql/b3.resolver';
import { B3DataService } from '../src/services/b3-data.service';
import { B3ImportService } from '../src/services/b3-import.service';
import { B3UploadService } from '../src/services/b3-upload.service';
import type { B3Store } from '../src/store/b3.store';
import { openDuckDbB3Store } from '../src/store/duckdb-b3.store';

const admin: Viewer = { id: 'admin-1', roles: ['admin'] };
const trader: Viewer = { id: 'trader-1', roles: ['trader'] };

const IMPORT = `mutation($kind: B3ImportKind!, $format: B3ImportFormat!, $content: String!) {
  importB3Data(kind: $kind, format: $format, content: $content) { id kind format status total processed }
}`;
const PROGRESS = 'subscription($jobId: ID!) { b3ImportProgress(jobId: $jobId) { jobId kind status processed total inserted updated unchanged error } }';

const SNAPSHOTS = [
  'instrument,contractMonth,settlementPrice,previousSettlement,status,source,timestamp',
  'DI1,F27,98633.87,98618.42,FINAL,B3,2026-11-25T21:00:00Z',
  'DI1,F27,98639.28,98633.87,PRELIMINARY,B3,2026-11-26T16:30:00Z',
  'WIN,Z26,159455,158930,FINAL,B3,2026-11-25T21:00:00Z',
].join('\n');

describe('B3 GraphQL', () => {
  let schema: GraphQLSchema;
  let store: B3Store;
  let b3Import: B3ImportService;
  let b3: B3DataService;
  const ctx = (viewer: Viewer | null = null): B3Context & ReturnType<typeof testContext> => ({ ...testContext(viewer), b3, b3Import, b3Upload: new B3UploadService(b3Import) });

  beforeAll(async () => {
    schema = await buildFederatedSchema<B3Context>({ resolvers: [B3DataResolver, B3ImportResolver] });
  });
  beforeEach(async () => {
    store = await openDuckDbB3Store(':memory:');
    b3Import = new B3ImportService(store, createLogger('test', 'silent'), { chunkSize: 1 });
    b3 = new B3DataService(store, { now: () => Date.parse('2026-11-26T18:00:00Z') });
  });
  afterEach(async () => {
    await b3Import.close();
    await store.close();
  });

  async function importAsAdmin(kind: string, format: string, content: string): Promise<string> {
    const result = await runOperation<{ importB3Data: { id: string } }>(schema, IMPORT, { kind, format, content }, ctx(admin));
    expect(result.errors).toBeUndefined();
    const id = result.data!.importB3Data.id;
    await b3Import.wait(id);
    return id;
  }

  it('imports as admin and serves snapshots with exact decimals', async () => {
    await importAsAdmin('SNAPSHOTS', 'CSV', SNAPSHOTS);
    const result = await runOperation(
      schema,
      `{ b3Snapshots(instrument: "DI1", contractMonth: "F27") { instrument contractMonth symbol settlementPrice previousSettlement status source timestamp }
         b3Snapshot(instrument: "WIN", contractMonth: "Z26") { symbol settlementPrice status } }`,
      {},
      ctx(),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      b3Snapshots: [
        { instrument: 'DI1', contractMonth: 'F27', symbol: 'DI1F27', settlementPrice: '98633.87', previousSettlement: '98618.42', status: 'FINAL', source: 'B3', timestamp: '2026-11-25T21:00:00.000Z' },
        { instrument: 'DI1', contractMonth: 'F27', symbol: 'DI1F27', settlementPrice: '98639.28', previousSettlement: '98633.87', status: 'PRELIMINARY', source: 'B3', timestamp: '2026-11-26T16:30:00.000Z' },
      ],
      b3Snapshot: { symbol: 'WINZ26', settlementPrice: '159455', status: 'FINAL' },
    });
  });

  it('names the offending argument of a query', async () => {
    const result = await runOperation(schema, '{ b3Snapshots(instrument: "XYZ") { symbol } }', {}, ctx());
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'instrument' });
    const range = await runOperation(schema, '{ dxyBuckets(interval: H1, from: "2026-11-26T00:00:00Z", to: "2026-11-25T00:00:00Z") { start } }', {}, ctx());
    expect(range.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  it('serves indicators, history, the vol surface grid, adjustments and DXY', async () => {
    await importAsAdmin('INDICATORS', 'JSON', JSON.stringify([{ name: 'SELIC', value: '15.00', displayValue: '15,00% a.a.', updatedAt: '2026-11-05T21:30:00Z' }]));
    await importAsAdmin('INDICATOR_HISTORY', 'CSV', 'name,date,value\nPTAX,2026-11-24,5.3511\nPTAX,2026-11-25,5.3427');
    await importAsAdmin('VOL_SURFACE', 'CSV', 'underlying,date,contractMonth,deltaBucket,vol\nDOL,2026-11-25,G27,ATM,0.128\nDOL,2026-11-25,F27,25P,0.1233\nDOL,2026-11-25,F27,ATM,0.1245');
    await importAsAdmin('ADJUSTMENTS', 'CSV', 'date;instrument;contractMonth;previousSettlement;settlement;adjustmentPerContract\n2026-11-25;DOL;F27;5.362,500;5.348,000;-725,00');
    await importAsAdmin('DXY', 'CSV', 'time,price\n2026-11-26T13:00:00Z,99.841\n2026-11-26T13:00:30Z,99.9\n2026-11-26T13:01:00Z,99.8');
    const result = await runOperation(
      schema,
      `{
        b3Indicators { name value displayValue updatedAt }
        b3Indicator(name: "SELIC") { value }
        missing: b3Indicator(name: "CDI") { value }
        b3IndicatorHistory(name: "PTAX", from: "2026-11-25", to: "2026-11-25") { date value }
        volSurface(underlying: "DOL") { date deltaBuckets contractMonths rows { contractMonth vols } points { contractMonth deltaBucket vol } }
        dailyAdjustments(date: "2026-11-25") { symbol previousSettlement settlement adjustmentPerContract }
        dxyTicks(from: "2026-11-26T13:00:00Z", to: "2026-11-26T14:00:00Z", limit: 2) { time price }
        dxyBuckets(interval: M1, from: "2026-11-26T13:00:00Z", to: "2026-11-26T13:02:00Z") { start end open high low close count }
      }`,
      {},
      ctx(),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      b3Indicators: [{ name: 'SELIC', value: '15', displayValue: '15,00% a.a.', updatedAt: '2026-11-05T21:30:00.000Z' }],
      b3Indicator: { value: '15' },
      missing: null,
      b3IndicatorHistory: [{ date: '2026-11-25', value: '5.3427' }],
      volSurface: {
        date: '2026-11-25',
        deltaBuckets: ['10P', '25P', 'ATM', '25C', '10C'],
        contractMonths: ['F27', 'G27'],
        rows: [
          { contractMonth: 'F27', vols: [null, '0.1233', '0.1245', null, null] },
          { contractMonth: 'G27', vols: [null, null, '0.128', null, null] },
        ],
        points: [
          { contractMonth: 'F27', deltaBucket: '25P', vol: '0.1233' },
          { contractMonth: 'F27', deltaBucket: 'ATM', vol: '0.1245' },
          { contractMonth: 'G27', deltaBucket: 'ATM', vol: '0.128' },
        ],
      },
      dailyAdjustments: [{ symbol: 'DOLF27', previousSettlement: '5362.5', settlement: '5348', adjustmentPerContract: '-725' }],
      dxyTicks: [
        { time: '2026-11-26T13:00:30.000Z', price: '99.9' },
        { time: '2026-11-26T13:01:00.000Z', price: '99.8' },
      ],
      dxyBuckets: [
        { start: '2026-11-26T13:00:00.000Z', end: '2026-11-26T13:01:00.000Z', open: '99.841', high: '99.9', low: '99.841', close: '99.9', count: 2 },
        { start: '2026-11-26T13:01:00.000Z', end: '2026-11-26T13:02:00.000Z', open: '99.8', high: '99.8', low: '99.8', close: '99.8', count: 1 },
      ],
    });
  });

  it('refuses imports from anyone but an admin', async () => {
    const anonymous = await runOperation(schema, IMPORT, { kind: 'SNAPSHOTS', format: 'CSV', content: SNAPSHOTS }, ctx());
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const notAdmin = await runOperation(schema, IMPORT, { kind: 'SNAPSHOTS', format: 'CSV', content: SNAPSHOTS }, ctx(trader));
    expect(notAdmin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const job = await runOperation(schema, '{ b3ImportJob(id: "x") { id } }', {}, ctx(trader));
    expect(job.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const progress = (await runSubscription(schema, PROGRESS, { jobId: 'x' }, ctx(trader))) as ExecutionResult;
    expect(progress.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await store.isEmpty()).toBe(true);
  });

  it('refuses an invalid file with the row problems in the extensions', async () => {
    const bad = SNAPSHOTS.replace('WIN,Z26', 'WIN,Z2X');
    const result = await runOperation(schema, IMPORT, { kind: 'SNAPSHOTS', format: 'CSV', content: bad }, ctx(admin));
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'contractMonth',
      problems: ['row 3, field contractMonth: "Z2X" is not a contract month: expected a month letter and two digits, like F27'],
    });
    expect(await store.isEmpty()).toBe(true);
  });

  it('streams import progress without loss until DONE, then ends; the job stays queryable', async () => {
    const started = await runOperation<{ importB3Data: { id: string; status: string; total: number } }>(
      schema, IMPORT, { kind: 'SNAPSHOTS', format: 'CSV', content: SNAPSHOTS }, ctx(admin),
    );
    const { id, total } = started.data!.importB3Data;
    expect(total).toBe(3);
    const iterator = (await runSubscription(schema, PROGRESS, { jobId: id }, ctx(admin))) as AsyncIterableIterator<ExecutionResult<{ b3ImportProgress: Record<string, unknown> }>>;
    const events: Array<Record<string, unknown>> = [];
    for await (const event of iterator) {
      expect(event.errors).toBeUndefined();
      events.push(event.data!.b3ImportProgress);
    }
    const processed = events.map((e) => e.processed as number);
    expect(processed).toEqual([...processed].sort((a, b) => a - b));
    expect(events.slice(0, -1).every((e) => e.status === 'RUNNING')).toBe(true);
    expect(events[events.length - 1]).toEqual({ jobId: id, kind: 'SNAPSHOTS', status: 'DONE', processed: 3, total: 3, inserted: 3, updated: 0, unchanged: 0, error: null });

    const job = await runOperation(schema, 'query($id: ID!) { b3ImportJob(id: $id) { id status inserted finishedAt } }', { id }, ctx(admin));
    expect(job.data?.b3ImportJob).toEqual({ id, status: 'DONE', inserted: 3, finishedAt: expect.any(String) });
    const unknown = await runSubscription(schema, PROGRESS, { jobId: 'nope' }, ctx(admin));
    expect((unknown as ExecutionResult).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
