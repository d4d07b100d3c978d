import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type RunningSubgraph } from '@b3/kit';
import { startAgents } from '../src/app';
import { loadAgentsConfig } from '../src/config';

/** The whole service on loopback: market answers, orders and signals are down, no LLM configured. */
describe('agents service: health and metrics', () => {
  let work: string;
  let market: Server;
  let agents: RunningSubgraph;
  let origin: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'b3-agents-app-'));
    market = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}'));
    await new Promise<void>((resolve) => market.listen(0, '127.0.0.1', resolve));
    // a port nothing listens on: taken from the OS, then released
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const config = loadAgentsConfig({
      AGENTS_PORT: '0',
      DATA_DIR: work,
      MARKET_URL: `http://127.0.0.1:${(market.address() as AddressInfo).port}/graphql`,
      ORDERS_URL: `http://127.0.0.1:${deadPort}/graphql`,
      SIGNALS_URL: `http://127.0.0.1:${deadPort}/graphql`,
      AGENTS_FOLLOW_SIGNALS: 'false',
      AGENTS_SCHEDULE_MINUTES: '0',
    });
    agents = await startAgents(config, createLogger('agents', 'silent'));
    origin = `http://127.0.0.1:${agents.port}`;
  }, 60_000);

  afterAll(async () => {
    await agents?.stop();
    market?.closeAllConnections();
    await new Promise((r) => market?.close(r));
    rmSync(work, { recursive: true, force: true });
  });

  it('shows each upstream and the breaker on /health?detailed=true: an unreachable upstream degrades, never downs', async () => {
    const response = await fetch(`${origin}/health?detailed=true`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as { status: string; checks: Array<{ name: string; status: string; detail?: Record<string, unknown> }> };
    expect(report.status).toBe('DEGRADED');
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(byName['database:pglite']).toMatchObject({ status: 'OK' });
    expect(byName['upstream:market']).toMatchObject({ status: 'OK', detail: { reachable: true } });
    expect(byName['upstream:orders']).toMatchObject({ status: 'DEGRADED', detail: { reachable: false } });
    expect(byName['upstream:signals']).toMatchObject({ status: 'DEGRADED', detail: { reachable: false } });
    expect(byName['llm-breaker']).toMatchObject({ status: 'OK', detail: { state: 'DISABLED', configured: false } });
  });

  it('exports the agents’ series on /metrics', async () => {
    const text = await (await fetch(`${origin}/metrics`)).text();
    expect(text).toContain('# TYPE agent_decisions_total counter');
    expect(text).toContain('# TYPE agent_latency_seconds histogram');
    expect(text).toMatch(/agent_llm_breaker_state\{state="disabled",service="agents"\} 1/);
  });

  it('answers GraphQL while its upstreams are down: the session needs none', async () => {
    const response = await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ marketSession { timezone } }' }) });
    expect(await response.json()).toEqual({ data: { marketSession: { timezone: 'America/Sao_Paulo' } } });
  });
});
