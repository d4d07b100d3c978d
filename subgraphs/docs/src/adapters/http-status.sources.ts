import { probeHealth } from '@b3/kit';
import type { StatusSources } from '../services/status-sources.port';

/**
 * StatusSources over HTTP: the launcher's `/status` (only when docs runs under a launcher: `launcherUrl`
 * null answers null at once) and each service's detailed health endpoint.
 */
export function createHttpStatusSources(options: { launcherUrl: string | null; timeoutMs: number }): StatusSources {
  const { launcherUrl } = options;
  return {
    async launcherStatus() {
      if (!launcherUrl) return null;
      try {
        const response = await fetch(new URL('/status', launcherUrl), { signal: AbortSignal.timeout(options.timeoutMs) });
        return response.ok ? await response.json() : null;
      } catch {
        return null;
      }
    },
    probe: (baseUrl) => probeHealth(baseUrl, options.timeoutMs),
  };
}
