import { GATEWAY, runOperation, SUBGRAPHS, testContext, type Viewer } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import { loadDocsConfig } from '../src/config';
import { createDocsContext } from '../src/context';
import { buildDocsSchema } from '../src/schema';
import { PlatformStatusService } from '../src/services/platform-status.service';
import { SystemRegistryService } from '../src/services/system-registry.service';
import { createFakeStatusSources, healthy } from './fake-status.sources';
import { createFakeSystemStore } from './fake-system.store';

const admin: Viewer = { id: 'u-admin', roles: ['admin'] };
const trader: Viewer = { id: 'u-trader', roles: ['trader'] };
const REGISTER = 'mutation($input: RegisterSystemInput!) { registerSystem(input: $input) { id name description url owner builtIn createdAt } }';
const STATUS = '{ platformStatus { overall checkedAt services { name url status latencyMs restarts detail } } }';
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on System { name builtIn } } }';
const platform = loadDocsConfig({}).platform;
const urlOf = (name: string): string => platform.find((p) => p.name === name)!.url;

describe('docs schema', () => {
  let schema: GraphQLSchema;
  let store: ReturnType<typeof createFakeSystemStore>;
  let sources: ReturnType<typeof createFakeStatusSources>;
  let clock: number;
  let registry: SystemRegistryService;
  let platformStatus: PlatformStatusService;
  const ctx = (who: Viewer | null) => createDocsContext(testContext(who), registry, platformStatus);
  const register = (who: Viewer | null, input: Record<string, unknown>) => runOperation(schema, REGISTER, { input }, ctx(who));

  beforeAll(async () => {
    schema = await buildDocsSchema();
  });
  beforeEach(() => {
    store = createFakeSystemStore();
    sources = createFakeStatusSources();
    clock = Date.parse('2026-11-26T13:00:00Z');
    registry = new SystemRegistryService(store, platform);
    platformStatus = new PlatformStatusService(sources, platform, { cacheMs: 1000, now: () => clock });
  });

  describe('system registry', () => {
    it('always lists every platform service and the gateway, then registered systems', async () => {
      await register(admin, { name: 'ProfitChart', description: 'Nelogica charting desktop', owner: 'desk' });
      const result = await runOperation(schema, '{ systems { id name url builtIn createdAt } }', {}, ctx(null));
      expect(result.errors).toBeUndefined();
      const systems = result.data?.systems as Array<{ id: string; name: string; url: string | null; builtIn: boolean; createdAt: string | null }>;
      expect(systems.map((s) => s.name)).toEqual([...SUBGRAPHS.map((s) => s.name), 'gateway', 'profitchart']);
      const ordersPort = SUBGRAPHS.find((s) => s.name === 'orders')!.defaultPort;
      expect(systems.find((s) => s.name === 'orders')).toEqual({ id: 'platform:orders', name: 'orders', url: `http://127.0.0.1:${ordersPort}/graphql`, builtIn: true, createdAt: null });
      expect(systems.find((s) => s.name === 'gateway')?.url).toBe(`http://127.0.0.1:${GATEWAY.defaultPort}/graphql`);
      expect(systems.at(-1)).toMatchObject({ builtIn: false, createdAt: '2026-11-26T13:00:00.000Z' });
    });

    it('lets an admin register a system', async () => {
      const result = await register(admin, { name: ' Grafana ', description: 'Dashboards', url: 'http://127.0.0.1:3000' });
      expect(result.errors).toBeUndefined();
      expect(result.data?.registerSystem).toMatchObject({ name: 'grafana', description: 'Dashboards', url: 'http://127.0.0.1:3000', owner: null, builtIn: false });
    });

    it('refuses anonymous callers and non-admins, and stores nothing', async () => {
      const input = { name: 'grafana', description: 'Dashboards' };
      expect((await register(null, input)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await register(trader, input)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(store.rows).toHaveLength(0);
    });

    it('refuses a name already registered or used by a platform service', async () => {
      await register(admin, { name: 'grafana', description: 'Dashboards' });
      expect((await register(admin, { name: 'GRAFANA', description: 'Again' })).errors?.[0].extensions?.code).toBe('DOCS_DUPLICATE_SYSTEM');
      expect((await register(admin, { name: 'orders', description: 'Impostor' })).errors?.[0].extensions?.code).toBe('DOCS_DUPLICATE_SYSTEM');
      expect(store.rows.map((r) => r.name)).toEqual(['grafana']);
    });

    it('reports every invalid field as BAD_USER_INPUT and stores nothing', async () => {
      const result = await register(admin, { name: 'a b', description: '', url: 'not a url' });
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((result.errors?.[0].extensions?.fields as Array<{ field: string }>).map((f) => f.field)).toEqual(['name', 'description', 'url']);
      expect(store.rows).toHaveLength(0);
    });

    it('resolves System entities in one store call, built-ins without one', async () => {
      const grafana = (await register(admin, { name: 'grafana', description: 'Dashboards' })).data?.registerSystem as { id: string };
      const mixed = await runOperation(
        schema,
        ENTITIES,
        { r: [{ __typename: 'System', id: grafana.id }, { __typename: 'System', id: 'platform:market' }, { __typename: 'System', id: 'missing' }] },
        ctx(null),
      );
      expect(mixed.errors).toBeUndefined();
      expect(mixed.data?._entities).toEqual([{ name: 'grafana', builtIn: false }, { name: 'market', builtIn: true }, null]);
      expect(store.byIdsCalls).toBe(1);
      store.byIdsCalls = 0;
      await runOperation(schema, ENTITIES, { r: [{ __typename: 'System', id: 'platform:gateway' }] }, ctx(null));
      expect(store.byIdsCalls).toBe(0);
    });
  });

  describe('platform status', () => {
    it('uses the launcher’s view when it answers', async () => {
      sources.launcher = {
        services: [
          { name: 'orders', url: urlOf('orders'), status: 'OK', latencyMs: 3, restarts: 0, pid: 101 },
          { name: 'market', url: urlOf('market'), status: 'DEGRADED', latencyMs: 9, restarts: 2, pid: 102 },
        ],
      };
      const result = await runOperation(schema, STATUS, {}, ctx(null));
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
      const result = await runOperation(schema, STATUS, {}, ctx(null));
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
      const result = await runOperation(schema, '{ platformStatus { overall } }', {}, ctx(null));
      expect(result.data?.platformStatus).toEqual({ overall: 'OK' });
    });

    it('probes when the launcher answers something that is not a status list', async () => {
      sources.launcher = { error: 'not found' };
      await runOperation(schema, STATUS, {}, ctx(null));
      expect(sources.probeCalls).toHaveLength(platform.length);
    });

    it('shares one check between concurrent callers and reuses it for about a second', async () => {
      const ask = () => runOperation(schema, '{ platformStatus { checkedAt } }', {}, ctx(null));
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
});
