import type { HealthReport, ProbeResult } from '@b3/kit';
import type { StatusSources } from '../src/services/status-sources.port';

/** Scripted StatusSources: a launcher body (or null: not running) and a probe result per URL. */
export function createFakeStatusSources(): StatusSources & {
  launcher: unknown;
  health: Map<string, ProbeResult>;
  launcherCalls: number;
  probeCalls: string[];
  maxConcurrentProbes: number;
} {
  let inFlight = 0;
  const fake = {
    launcher: null as unknown,
    health: new Map<string, ProbeResult>(),
    launcherCalls: 0,
    probeCalls: [] as string[],
    maxConcurrentProbes: 0,
    async launcherStatus() {
      fake.launcherCalls++;
      return fake.launcher;
    },
    async probe(baseUrl: string): Promise<ProbeResult> {
      fake.probeCalls.push(baseUrl);
      inFlight++;
      fake.maxConcurrentProbes = Math.max(fake.maxConcurrentProbes, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return fake.health.get(baseUrl) ?? { status: 'DOWN', latencyMs: 800, error: 'connect ECONNREFUSED 127.0.0.1:1' };
    },
  };
  return fake;
}

export function healthy(service: string, checks: HealthReport['checks'] = []): ProbeResult {
  const status = checks.some((c) => c.status === 'DOWN') ? 'DOWN' : checks.some((c) => c.status === 'DEGRADED') ? 'DEGRADED' : 'OK';
  return { status, latencyMs: 2.5, report: { service, status, uptimeSeconds: 10, checks } };
}
