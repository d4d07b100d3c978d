import { runOperation } from '@b3/kit';
import { type Database, openTestDatabase } from '@b3/prisma';
import type { GraphQLSchema } from 'graphql';
import { loadDocsConfig } from '../src/config';
import { buildDocsSchema } from '../src/schema';
import { createDocsHarness, type DocsHarness } from './docs-harness';
import { createFakeStatusSources, healthy } from './fake-status.sources';

const STATUS = '{ platformStatus { overall checkedAt services { name url status latencyMs restarts detail } } }';
const platform = loadDocsConfig({}).platform;
const urlOf = (name: string): string => platform.find((p) => p.name === name)!.url;

describe('platformStatus', () => {
  let schema: GraphQLSchema;
  let db: Database;
  let h: DocsHarness;
  let sources: ReturnType<typeof createFakeStatusSources>;
  let clock: number;
  const ctx = () => h.ctx(null);

  beforeAll(async () => {
    schema = await buildDocsSchema();
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    sources = createFakeStatusSources();
    clock = Date.parse('2026-11-26T13:00:00Z');
    h = await createDocsHarness(db, { sources, platform, statusClock: () => clock });
  });
  afterEach(() => h.cleanup());

  it('uses the launcher’s view when it answers', async () => {
    sources.launcher = {
      services: [
        { name: 'orders', url: urlOf('orders'), status: 'OK', latencyMs: 3, restarts: 0, pid: 101 },
        { name: 'market', url: urlOf('market'), status: 'DEGRADED', latencyMs: 9, restarts: 2, pid: 102 },
      ],
    };
    const result = await runOperation(schema, STATUS, {}, ctx());
    expect(result.errors).toBeUndefined();
    expect(result.data?.platformStatus).toEqual({
      overall: 'DEGRADED',
      checkedAt: '2026-11-26T13:00:00.000Z',
      services: [
        { name: 'orders', url: urlOf('orders'), status: 'OK', latencyMs: 3, restarts: 0, detail: 'pid 101' },
        { name: 'market', url: urlOf('market'), status: 'DEGRADED', latencyMs: 9, restarts: 2, detail: 'pid 102' },
      ],
    });
    expect(sources.probeCalls).toEqual([]);
  });

  it('probes every subgraph and the gateway at once when the launcher does not answer', async () => {
    for (const service of platform) sources.health.set(service.url, healthy(service.name));
    sources.health.set(urlOf('orders'), healthy('orders', [{ name: 'database:pglite', status: 'DOWN', latencyMs: 1500, error: 'timed out after 1500 ms' }]));
    sources.health.delete(urlOf('bridge'));
    const result = await runOperation(schema, STATUS, {}, ctx());
    const status = result.data?.platformStatus as { overall: string; services: Array<Record<string, unknown>> };
    expect(status.overall).toBe('DOWN');
    expect(status.services.map((s) => s.name)).toEqual(platform.map((p) => p.name));
    expect(status.services.find((s) => s.name === 'orders')).toEqual({
      name: 'orders', url: urlOf('orders'), status: 'DOWN', latencyMs: 2.5, restarts: null, detail: 'database:pglite DOWN',
    });
    expect(status.services.find((s) => s.name === 'bridge')).toMatchObject({ status: 'DOWN', latencyMs: null, detail: 'not answering' });
    expect(status.services.find((s) => s.name === 'gateway')).toMatchObject({ status: 'OK', detail: null });
    expect(sources.probeCalls.sort()).toEqual(platform.map((p) => p.url).sort());
    expect(sources.maxConcurrentProbes).toBe(platform.length);
  });

  it('is OK when every service is', async () => {
    for (const service of platform) sources.health.set(service.url, healthy(service.name));
    const result = await runOperation(schema, '{ platformStatus { overall } }', {}, ctx());
    expect(result.data?.platformStatus).toEqual({ overall: 'OK' });
  });

  it('probes when the launcher answers something that is not a status list', async () => {
    sources.launcher = { error: 'not found' };
    await runOperation(schema, STATUS, {}, ctx());
    expect(sources.probeCalls).toHaveLength(platform.length);
  });

  it('shares one check between concurrent callers and reuses it for about a second', async () => {
    const ask = () => runOperation(schema, '{ platformStatus { checkedAt } }', {}, ctx());
    await Promise.all([ask(), ask(), ask()]);
    expect(sources.launcherCalls).toBe(1);
    expect(sources.probeCalls).toHaveLength(platform.length);
    clock += 999;
    const reused = await ask();
    expect(reused.data?.platformStatus).toEqual({ checkedAt: '2026-11-26T13:00:00.000Z' });
    expect(sources.launcherCalls).toBe(1);
    clock += 1;
    const fresh = await ask();
    expect(fresh.data?.platformStatus).toEqual({ checkedAt: '2026-11-26T13:00:01.000Z' });
    expect(sources.launcherCalls).toBe(2);
  });
});
