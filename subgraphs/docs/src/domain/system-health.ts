import type { SystemKind, SystemStatus } from './system';

/** What one check found out about a system. */
export interface CheckOutcome {
  readonly status: SystemStatus;
  /** Round trip of the probe (or the launcher's own probe); null when nothing answered. */
  readonly responseTimeMs: number | null;
  /** Why it is not ONLINE, or where the answer came from; never a driver message or a stack trace. */
  readonly detail: string | null;
}

/** How to probe a system: an HTTP GET of `url`, or a TCP connect for endpoints that do not speak HTTP. */
export type ProbeTarget = { readonly kind: 'http'; readonly url: string } | { readonly kind: 'tcp'; readonly host: string; readonly port: number };

const HEALTH_PATH: Partial<Record<SystemKind, string>> = {
  // the kit's detailed health answers DEGRADED when a non-critical dependency fails
  SUBGRAPH: '/health?detailed=true',
  API: '/health',
};

/**
 * Services (SUBGRAPH, API) are asked for their health endpoint beside the URL's origin; web apps, docs
 * and tools for the URL itself. A URL that is not HTTP (the bus) is reached with a TCP connect; with only
 * host and port the origin is used. Null: nothing to probe, the status stays UNKNOWN.
 */
export function probeTargetOf(system: { type: SystemKind; url: string | null; host: string | null; port: number | null }): ProbeTarget | null {
  const base = system.url ?? (system.host && system.port ? `http://${system.host.includes(':') && !system.host.startsWith('[') ? `[${system.host}]` : system.host}:${system.port}/` : null);
  if (!base) return null;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return system.host && system.port ? { kind: 'tcp', host: system.host.replace(/^\[|\]$/g, ''), port: system.port } : null;
  }
  const path = HEALTH_PATH[system.type];
  return { kind: 'http', url: path ? new URL(path, url.origin).toString() : url.toString() };
}

const REPORTED: Readonly<Record<string, SystemStatus>> = { OK: 'ONLINE', DEGRADED: 'DEGRADED', DOWN: 'OFFLINE' };

/**
 * An HTTP answer as a status. A body in the platform's health vocabulary (`{ status: OK | DEGRADED | DOWN }`)
 * decides; otherwise 2xx/3xx is ONLINE and any other code DEGRADED (it answers, but not well). An ONLINE
 * answer slower than `slowMs` is DEGRADED.
 */
export function classifyHttpAnswer(httpStatus: number, body: unknown, responseTimeMs: number, slowMs: number): CheckOutcome {
  const reported = typeof body === 'object' && body !== null ? (body as { status?: unknown }).status : undefined;
  const fromBody = typeof reported === 'string' ? REPORTED[reported] : undefined;
  if (fromBody && fromBody !== 'ONLINE') return { status: fromBody, responseTimeMs, detail: `reports ${String(reported)}${failingChecks(body)}` };
  if (!fromBody && (httpStatus < 200 || httpStatus >= 400)) return { status: 'DEGRADED', responseTimeMs, detail: `HTTP ${httpStatus}` };
  if (responseTimeMs > slowMs) return { status: 'DEGRADED', responseTimeMs, detail: `slow: ${Math.round(responseTimeMs)} ms (over ${slowMs} ms)` };
  return { status: 'ONLINE', responseTimeMs, detail: null };
}

/** Only check names and their status: a dependency's error text may carry driver messages. */
function failingChecks(body: unknown): string {
  const checks = (body as { checks?: unknown }).checks;
  if (!Array.isArray(checks)) return '';
  const failing = checks.flatMap((c: unknown) => {
    const check = c as { name?: unknown; status?: unknown } | null;
    return check && typeof check.name === 'string' && typeof check.status === 'string' && check.status !== 'OK' ? [`${check.name} ${check.status}`] : [];
  });
  return failing.length > 0 ? ` (${failing.join(', ')})` : '';
}
