import type { HealthStatus } from '@b3/kit';
import type { ServiceStatus } from '../domain/platform-status';

const STATUSES: readonly string[] = ['OK', 'DEGRADED', 'DOWN'] satisfies HealthStatus[];

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * The launcher's `{ services: [{ name, url, status, latencyMs, restarts, pid }] }`, read defensively:
 * null when the body is not that shape (so the caller probes instead), entries without a name dropped,
 * and a status outside our vocabulary (a service still starting, say) counted as DOWN.
 */
export function parseLauncherStatus(body: unknown): ServiceStatus[] | null {
  const services = (body as { services?: unknown } | null)?.services;
  if (!Array.isArray(services)) return null;
  const parsed = services.flatMap((entry: unknown): ServiceStatus[] => {
    if (entry === null || typeof entry !== 'object') return [];
    const e = entry as Record<string, unknown>;
    if (typeof e.name !== 'string' || e.name === '') return [];
    const known = typeof e.status === 'string' && STATUSES.includes(e.status);
    const restarts = numberOrNull(e.restarts);
    const pid = numberOrNull(e.pid);
    return [
      {
        name: e.name,
        url: typeof e.url === 'string' ? e.url : '',
        status: known ? (e.status as HealthStatus) : 'DOWN',
        latencyMs: numberOrNull(e.latencyMs),
        restarts: restarts !== null && Number.isInteger(restarts) && restarts >= 0 ? restarts : null,
        detail: known ? (pid !== null ? `pid ${pid}` : null) : `launcher reports ${JSON.stringify(e.status ?? null)}`,
      },
    ];
  });
  return parsed.length > 0 ? parsed : null;
}
