// Hand-written until codegen types the document in platformStatus.graphql.ts.

/** OK, DEGRADED or DOWN today; kept open so a newer gateway's status still renders. */
export type HealthStatus = string;

export interface ServiceHealth {
  readonly name: string;
  readonly status: HealthStatus;
  readonly latencyMs: number | null;
  readonly url: string;
}

export interface PlatformStatus {
  readonly overall: HealthStatus;
  readonly checkedAt: string;
  readonly services: readonly ServiceHealth[];
}

export interface PlatformStatusData {
  readonly platformStatus: PlatformStatus;
}
