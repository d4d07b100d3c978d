import type { ProbeResult } from '@b3/kit';

/** Where platform status comes from: HTTP in production, fakes in tests. */
export interface StatusSources {
  /** Body of the launcher's `GET /status`, or null when the launcher is not running or not answering. */
  launcherStatus(): Promise<unknown>;
  /** A service's `/health?detailed=true`; resolves DOWN (never rejects) when the service does not answer. */
  probe(baseUrl: string): Promise<ProbeResult>;
}
