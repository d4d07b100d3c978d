/** Health vocabulary shared by subgraphs, the gateway, the launcher and the dashboard. */
export type HealthStatus = 'OK' | 'DEGRADED' | 'DOWN';

export interface HealthCheck {
  readonly name: string;
  /** A failing critical dependency makes the service DOWN; any other failure only DEGRADED. */
  readonly critical?: boolean;
  /** Resolves with optional figures worth showing (rates, lags, ages); rejects when unhealthy. */
  check(): Promise<void | Record<string, unknown>>;
}

/** A failed check that still has figures to show (e.g. the lag that made it fail). */
export class HealthCheckError extends Error {
  constructor(
    message: string,
    readonly detail: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface CheckResult {
  name: string;
  status: HealthStatus;
  latencyMs: number;
  error?: string;
  detail?: Record<string, unknown>;
}

export interface HealthReport {
  service: string;
  status: HealthStatus;
  uptimeSeconds: number;
  checks: CheckResult[];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export async function runHealthChecks(service: string, checks: readonly HealthCheck[], startedAt: number, timeoutMs = 1500): Promise<HealthReport> {
  const results = await Promise.all(
    checks.map(async (check): Promise<CheckResult> => {
      const start = performance.now();
      try {
        const detail = await withTimeout(check.check(), timeoutMs);
        return { name: check.name, status: 'OK', latencyMs: round(performance.now() - start), ...(detail ? { detail } : {}) };
      } catch (error) {
        return {
          name: check.name,
          status: check.critical ? 'DOWN' : 'DEGRADED',
          latencyMs: round(performance.now() - start),
          error: error instanceof Error ? error.message : String(error),
          ...(error instanceof HealthCheckError ? { detail: error.detail } : {}),
        };
      }
    }),
  );
  const status: HealthStatus = results.some((r) => r.status === 'DOWN')
    ? 'DOWN'
    : results.some((r) => r.status === 'DEGRADED')
      ? 'DEGRADED'
      : 'OK';
  return { service, status, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), checks: results };
}

export interface ProbeResult {
  status: HealthStatus;
  latencyMs: number;
  report?: HealthReport;
  error?: string;
}

/** Asks a service's `/health?detailed=true`; an unreachable service is DOWN. */
export async function probeHealth(baseUrl: string, timeoutMs = 2000): Promise<ProbeResult> {
  const start = performance.now();
  try {
    const response = await fetch(new URL('/health?detailed=true', baseUrl), { signal: AbortSignal.timeout(timeoutMs) });
    const report = (await response.json()) as HealthReport;
    return { status: report.status, latencyMs: round(performance.now() - start), report };
  } catch (error) {
    return { status: 'DOWN', latencyMs: round(performance.now() - start), error: error instanceof Error ? error.message : String(error) };
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
