import type { HealthStatus } from '@b3/kit';

export interface ServiceStatus {
  name: string;
  url: string;
  status: HealthStatus;
  latencyMs: number | null;
  /** Known only when the launcher supervises the service. */
  restarts: number | null;
  detail: string | null;
}

export interface PlatformStatus {
  overall: HealthStatus;
  checkedAt: Date;
  services: ServiceStatus[];
}

const SEVERITY: Record<HealthStatus, number> = { OK: 0, DEGRADED: 1, DOWN: 2 };

/** The platform is as healthy as its least healthy service; with nothing to go on it counts as DOWN. */
export function worstStatus(statuses: readonly HealthStatus[]): HealthStatus {
  if (statuses.length === 0) return 'DOWN';
  return statuses.reduce((worst, status) => (SEVERITY[status] > SEVERITY[worst] ? status : worst), 'OK');
}

/** One of the platform's processes as platformStatus reports it. */
export interface PlatformService {
  name: string;
  kind: string;
  /** Workspace folder in the repository. */
  dir: string;
  /** GraphQL endpoint; its origin also serves /health. */
  url: string;
}
