import type { ProbeResult } from '@b3/kit';
import { type PlatformService, type PlatformStatus, type ServiceStatus, worstStatus } from '../domain/platform-status';
import { parseLauncherStatus } from './parse-launcher-status';
import type { StatusSources } from './status-sources.port';

export interface PlatformStatusOptions {
  /** How long one answer is reused, so a dashboard polling every few seconds never fans out a storm. */
  cacheMs?: number;
  now?: () => number;
}

/** Only check names and their status: a dependency's error text may carry driver messages. */
function detailOf(probe: ProbeResult): string | null {
  if (probe.error !== undefined) return 'not answering';
  const failing = probe.report?.checks.filter((check) => check.status !== 'OK') ?? [];
  return failing.length > 0 ? failing.map((check) => `${check.name} ${check.status}`).join(', ') : null;
}

/**
 * The launcher knows restarts and pids, so its view wins when it answers; otherwise every service is
 * probed directly, all at once. Callers during a check, or within the cache window after it, share it.
 */
export class PlatformStatusService {
  /** `settledAt` is null while the check runs: callers arriving meanwhile share it. */
  private cached: { settledAt: number | null; status: Promise<PlatformStatus> } | null = null;
  private readonly cacheMs: number;
  private readonly now: () => number;

  constructor(
    private readonly sources: StatusSources,
    private readonly services: readonly PlatformService[],
    options: PlatformStatusOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  status(): Promise<PlatformStatus> {
    const cached = this.cached;
    if (cached && (cached.settledAt === null || this.now() - cached.settledAt < this.cacheMs)) return cached.status;
    const entry: { settledAt: number | null; status: Promise<PlatformStatus> } = { settledAt: null, status: this.check() };
    // The window starts when the answer is ready, so slow probes cannot make callers pile up.
    const settle = (): void => {
      entry.settledAt = this.now();
    };
    entry.status.then(settle, settle);
    this.cached = entry;
    return entry.status;
  }

  private async check(): Promise<PlatformStatus> {
    const services = (await this.fromLauncher()) ?? (await Promise.all(this.services.map((service) => this.probe(service))));
    return { overall: worstStatus(services.map((s) => s.status)), checkedAt: new Date(this.now()), services };
  }

  private async fromLauncher(): Promise<ServiceStatus[] | null> {
    try {
      return parseLauncherStatus(await this.sources.launcherStatus());
    } catch {
      return null;
    }
  }

  private async probe(service: PlatformService): Promise<ServiceStatus> {
    const result = await this.sources.probe(service.url).catch((): ProbeResult => ({ status: 'DOWN', latencyMs: 0, error: 'probe failed' }));
    return {
      name: service.name,
      url: service.url,
      status: result.status,
      latencyMs: result.error === undefined ? result.latencyMs : null,
      restarts: null,
      detail: detailOf(result),
    };
  }
}
