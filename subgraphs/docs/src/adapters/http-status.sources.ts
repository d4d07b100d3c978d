import { probeHealth } from '@b3/kit';
import type { StatusSources } from '../services/status-sources.port';

/** StatusSources over HTTP: the launcher's `/status` and each service's detailed health endpoint. */
export function createHttpStatusSources(options: { launcherUrl: string; timeoutMs: number }): StatusSources {
  return {
    async launcherStatus() {
      try {
        const response = await fetch(new URL('/status', options.launcherUrl), { signal: AbortSignal.timeout(options.timeoutMs) });
        return response.ok ? await response.json() : null;
      } catch {
        return null;
      }
    },
    probe: (baseUrl) => probeHealth(baseUrl, options.timeoutMs),
  };
}
