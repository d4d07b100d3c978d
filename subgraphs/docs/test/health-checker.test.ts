import { createLogger, runSubscription } from '@b3/kit';
import { type Database, openTestDatabase } from '@b3/prisma';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { createSystemProber } from '../src/adapters/system-prober';
import { loadDocsConfig } from '../src/config';
import type { CheckOutcome, ProbeTarget } from '../src/domain/system-health';
import type { SystemId } from '../src/domain/system';
import { platformSystems } from '../src/platform-systems';
import { buildDocsSchema } from '../src/schema';
import { HealthChecker, type HealthCheckerOptions } from '../src/services/health-checker.service';
import type { SystemProber } from '../src/services/system-prober.port';
import { createPrismaSystemStore } from '../src/store/prisma-system.store';
import { admin, createDocsHarness, type DocsHarness } from './docs-harness';
import { createFakeStatusSources } from './fake-status.sources';
import { startLocalServer, type LocalServer } from './local-server';

type Change = { systemStatusChanged: { previousStatus: string; status: string; system: { name: string; statusDetail: string | null } } };

const INTERVAL_MS = 150;
const TIMEOUT_MS = 500;

describe('health checker', () => {
  let schema: GraphQLSchema;
  let db: Database;
  let h: DocsHarness;
  let sources: ReturnType<typeof createFakeStatusSources>;
  let checker: HealthChecker | null;
  const options = (over: Partial<HealthCheckerOptions> = {}): HealthCheckerOptions => ({
    intervalMs: INTERVAL_MS,
    jitterMs: 20,
    concurrency: 4,
    historyPerSystem: 50,
    historyMaxAgeMs: 24 * 60 * 60 * 1000,
    logger: createLogger('test', 'silent'),
    ...over,
  });
  const newChecker = (prober: SystemProber, over: Partial<HealthCheckerOptions> = {}): HealthChecker => {
    checker = new HealthChecker(createPrismaSystemStore(db.prisma), prober, sources, h.services.events, options(over));
    return checker;
  };
  const subscribe = async (name: string) =>
    (await runSubscription<Change>(schema, 'subscription($n: String) { systemStatusChanged(name: $n) { previousStatus status system { name statusDetail } } }', { n: name }, h.ctx(null))) as AsyncIterableIterator<ExecutionResult<Change>>;
  const nextChange = async (stream: AsyncIterableIterator<ExecutionResult<Change>>) => (await stream.next()).value.data!.systemStatusChanged;

  beforeAll(async () => {
    schema = await buildDocsSchema();
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    sources = createFakeStatusSources();
    checker = null;
    h = await createDocsHarness(db, { sources, platform: loadDocsConfig({}).platform });
  });
  afterEach(async () => {
    await checker?.close();
    h.cleanup();
  });

  describe('against a real service on loopback', () => {
    let service: LocalServer;
    let healthy: boolean;
    beforeEach(async () => {
      healthy = true;
      service = await startLocalServer((req, res) => {
        res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ service: 'probe-me', status: healthy ? 'OK' : 'DOWN', checks: [] }));
      });
      await h.services.registry.register(admin, { name: 'probe-me', description: 'A service that comes and goes', type: 'API', url: `${service.url}/graphql` });
    });
    afterEach(() => service.stop());

    it('turns OFFLINE within one interval of the service stopping, ONLINE again when it is back, announcing each change once', async () => {
      const stream = await subscribe('probe-me');
      newChecker(createSystemProber({ timeoutMs: TIMEOUT_MS, slowMs: 2000 })).start();
      expect(await nextChange(stream)).toEqual({ previousStatus: 'UNKNOWN', status: 'ONLINE', system: { name: 'probe-me', statusDetail: null } });
      expect(service.requests.every((r) => r === 'GET /health')).toBe(true);

      const stoppedAt = Date.now();
      await service.stop();
      expect(await nextChange(stream)).toEqual({ previousStatus: 'ONLINE', status: 'OFFLINE', system: { name: 'probe-me', statusDetail: 'connection refused' } });
      // the next round starts at most one interval after the stop, and a refused connection answers at once
      expect(Date.now() - stoppedAt).toBeLessThan(INTERVAL_MS + TIMEOUT_MS + 1000);

      await service.start();
      expect(await nextChange(stream)).toMatchObject({ previousStatus: 'OFFLINE', status: 'ONLINE' });
      healthy = false;
      expect(await nextChange(stream)).toMatchObject({ previousStatus: 'ONLINE', status: 'OFFLINE', system: { statusDetail: 'reports DOWN' } });
      await stream.return?.();
      await checker!.runOnce();
      await checker!.runOnce();

      const system = await h.services.registry.list();
      const probe = system.find((s) => s.name === 'probe-me')!;
      const history = await h.services.registry.history(probe.id, 100);
      // more rounds than changes, and a change was announced only when the status differed
      expect(history.length).toBeGreaterThan(4);
      expect(history.map((c) => c.status).filter((s, i, all) => s !== all[i + 1])).toEqual(['OFFLINE', 'ONLINE', 'OFFLINE', 'ONLINE']);
    });

    it('stops promptly when closed, even in the middle of a slow probe', async () => {
      const hanging = await startLocalServer(() => undefined);
      try {
        await h.services.registry.register(admin, { name: 'hangs', description: 'Never answers', type: 'API', url: hanging.url });
        const c = newChecker(createSystemProber({ timeoutMs: 10_000, slowMs: 2000 }), { jitterMs: 0 });
        c.start();
        await new Promise((r) => setTimeout(r, 200));
        const started = Date.now();
        await c.close();
        expect(Date.now() - started).toBeLessThan(1000);
      } finally {
        await hanging.stop();
      }
    });
  });

  describe('with the platform seeded', () => {
    const recordingProber = (outcome: CheckOutcome = { status: 'ONLINE', responseTimeMs: 1, detail: null }) => {
      const probed: ProbeTarget[] = [];
      let inFlight = 0;
      const prober: SystemProber & { probed: ProbeTarget[]; maxInFlight: number } = {
        probed,
        maxInFlight: 0,
        async probe(target) {
          probed.push(target);
          inFlight++;
          prober.maxInFlight = Math.max(prober.maxInFlight, inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
          return outcome;
        },
      };
      return prober;
    };
    beforeEach(async () => {
      await h.services.registry.seed(platformSystems({ BUS_URL: 'memory://' }));
    });

    it('takes the launcher’s word for the processes it supervises and probes the rest', async () => {
      sources.launcher = { services: [{ name: 'orders', status: 'DOWN', latencyMs: 1500, restarts: 3, pid: null }, { name: 'market', status: 'OK', latencyMs: 4, restarts: 0, pid: 77 }] };
      const prober = recordingProber();
      await newChecker(prober).runOnce();
      const byName = new Map((await h.services.registry.list()).map((s) => [s.name, s]));
      expect(byName.get('orders')).toMatchObject({ status: 'OFFLINE', statusDetail: 'launcher: 3 restarts', responseTimeMs: null });
      expect(byName.get('market')).toMatchObject({ status: 'ONLINE', statusDetail: 'launcher: pid 77', responseTimeMs: 4 });
      expect(byName.get('bus')).toMatchObject({ status: 'UNKNOWN', statusDetail: 'no URL or host and port to probe' });
      const probedUrls = prober.probed.map((t) => (t.kind === 'http' ? t.url : `${t.host}:${t.port}`));
      expect(probedUrls).not.toContain('http://127.0.0.1:3205/health?detailed=true');
      expect(probedUrls).toEqual(
        expect.arrayContaining(['http://127.0.0.1:3600/health?detailed=true', 'http://127.0.0.1:8000/health', 'http://127.0.0.1:3101/', 'http://127.0.0.1:3500/health']),
      );
      expect(sources.launcherCalls).toBe(1);
    });

    it('records a crash the launcher recovered from between two checks, announcing OFFLINE then ONLINE', async () => {
      const stream = await subscribe('market');
      const market = (over: Record<string, unknown> = {}) => ({ services: [{ name: 'market', status: 'OK', latencyMs: 4, restarts: 0, pid: 77, lastExitAt: null, ...over }] });
      sources.launcher = market();
      const c = newChecker(recordingProber());
      await c.runOnce();
      expect(await nextChange(stream)).toMatchObject({ previousStatus: 'UNKNOWN', status: 'ONLINE' });
      await new Promise((r) => setTimeout(r, 5));
      const exitedAt = new Date();
      await new Promise((r) => setTimeout(r, 5));
      sources.launcher = market({ restarts: 1, pid: 78, lastExitAt: exitedAt.toISOString(), lastExitReason: 'signal SIGKILL' });
      await c.runOnce();
      expect(await nextChange(stream)).toEqual({ previousStatus: 'ONLINE', status: 'OFFLINE', system: { name: 'market', statusDetail: 'launcher: exited (signal SIGKILL), restarted' } });
      expect(await nextChange(stream)).toMatchObject({ previousStatus: 'OFFLINE', status: 'ONLINE' });
      // the same exit is not replayed by later rounds
      await c.runOnce();
      const history = await h.services.registry.history('platform:market' as SystemId, 10);
      expect(history.map((x) => [x.status, x.checkedAt.getTime() === exitedAt.getTime()])).toEqual([
        ['ONLINE', false],
        ['ONLINE', false],
        ['OFFLINE', true],
        ['ONLINE', false],
      ]);
      await stream.return?.();
    });

    it('probes everything itself without a launcher, a few at a time, and keeps a bounded history', async () => {
      const prober = recordingProber();
      const c = newChecker(prober, { concurrency: 3, historyPerSystem: 2 });
      for (let i = 0; i < 4; i++) await c.runOnce();
      expect(prober.maxInFlight).toBe(3);
      // ten processes with an HTTP endpoint, four rounds; the bus (memory://) has nothing to probe
      expect(prober.probed).toHaveLength(40);
      expect(await db.prisma.systemCheck.count({ where: { systemId: 'platform:orders' } })).toBe(2);
      expect(await db.prisma.systemCheck.count()).toBe(22);
    });

    it('records a degraded answer with its detail and response time', async () => {
      const prober = recordingProber({ status: 'DEGRADED', responseTimeMs: 2500, detail: 'slow' });
      const c = newChecker(prober);
      await c.runOnce();
      const [docs] = await h.services.registry.byIds(['platform:docs' as SystemId]);
      expect(docs).toMatchObject({ status: 'DEGRADED', statusDetail: 'slow', responseTimeMs: 2500 });
    });
  });
});
