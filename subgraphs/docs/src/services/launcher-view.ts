import type { HealthStatus } from '@b3/kit';
import type { CheckOutcome } from '../domain/system-health';
import type { SystemStatus } from '../domain/system';
import { parseLauncherStatus } from './parse-launcher-status';

const FROM_LAUNCHER: Readonly<Record<HealthStatus, SystemStatus>> = { OK: 'ONLINE', DEGRADED: 'DEGRADED', DOWN: 'OFFLINE' };

/** What the launcher says about one process it supervises. */
export interface LauncherReport {
  readonly outcome: CheckOutcome;
  /** The last time the process died on its own, and how: a crash and a restart between two checks still show. */
  readonly lastExit: { readonly at: Date; readonly reason: string } | null;
}

function lastExitOf(entry: unknown): LauncherReport['lastExit'] {
  const { lastExitAt, lastExitReason } = (entry ?? {}) as { lastExitAt?: unknown; lastExitReason?: unknown };
  const at = typeof lastExitAt === 'string' ? new Date(lastExitAt) : null;
  if (!at || Number.isNaN(at.getTime())) return null;
  return { at, reason: typeof lastExitReason === 'string' && lastExitReason.length <= 64 ? lastExitReason : 'exited' };
}

/**
 * The launcher's `/status` body as reports by service name, or null when it is not a status list (no
 * launcher, or not answering). The launcher supervises these processes and probes them every 2 s: it
 * is the source of truth for their status, and the registry records what it says.
 */
export function launcherReports(body: unknown): Map<string, LauncherReport> | null {
  const services = parseLauncherStatus(body);
  if (!services) return null;
  const raw = (body as { services: unknown[] }).services;
  const exits = new Map(raw.map((entry) => [(entry as { name?: unknown } | null)?.name, lastExitOf(entry)]));
  return new Map(
    services.map((s) => {
      const notes = [s.detail, s.restarts ? `${s.restarts} restart${s.restarts === 1 ? '' : 's'}` : null].filter((n): n is string => n !== null);
      const outcome: CheckOutcome = {
        status: FROM_LAUNCHER[s.status],
        responseTimeMs: s.status === 'DOWN' ? null : s.latencyMs,
        detail: `launcher${notes.length > 0 ? `: ${notes.join(', ')}` : ''}`,
      };
      return [s.name, { outcome, lastExit: exits.get(s.name) ?? null }];
    }),
  );
}
