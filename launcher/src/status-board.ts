import { type HealthStatus, probeHealth } from '@b3/kit';
import type { SupervisedProcess } from './supervised-process';

export interface ServiceStatus {
  name: string;
  url: string;
  status: HealthStatus;
  latencyMs: number | null;
  restarts: number;
  pid: number | null;
  state: string;
  /** When it last exited on its own (ISO 8601), and how; null when it never has. */
  lastExitAt: string | null;
  lastExitReason: string | null;
  checks?: Array<{ name: string; status: HealthStatus; latencyMs: number; error?: string }>;
}

function baseStatus(proc: SupervisedProcess) {
  const exit = proc.lastExit;
  return {
    name: proc.service.name,
    url: proc.service.graphqlUrl,
    restarts: proc.restarts,
    pid: proc.pid ?? null,
    state: proc.state,
    lastExitAt: exit ? exit.at.toISOString() : null,
    lastExitReason: exit ? (exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code ?? '-'}`) : null,
  };
}

/** Probes every supervised service in the background so `/status` answers instantly. */
export class StatusBoard {
  private latest = new Map<string, ServiceStatus>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly processes: readonly SupervisedProcess[]) {}

  async refresh(): Promise<ServiceStatus[]> {
    const results = await Promise.all(
      this.processes.map(async (proc): Promise<ServiceStatus> => {
        const base = baseStatus(proc);
        if (!proc.pid) return { ...base, status: 'DOWN', latencyMs: null };
        const probe = await probeHealth(proc.service.healthUrl, 1500);
        if (probe.status !== 'DOWN') proc.markRunning();
        return { ...base, status: probe.status, latencyMs: probe.latencyMs, checks: probe.report?.checks };
      }),
    );
    this.latest = new Map(results.map((r) => [r.name, r]));
    return results;
  }

  /**
   * The process table as it is now, with the latest probe: a process that exited, or was restarted and
   * not probed yet, is DOWN at once rather than at the next refresh.
   */
  snapshot(): ServiceStatus[] {
    return this.processes.map((p) => {
      const live = baseStatus(p);
      const probed = this.latest.get(p.service.name);
      if (!probed || live.pid === null || probed.pid !== live.pid) return { ...live, status: 'DOWN', latencyMs: null };
      return { ...probed, ...live };
    });
  }

  watch(everyMs: number, onChange: (status: ServiceStatus, previous: ServiceStatus | undefined) => void): void {
    const tick = async (): Promise<void> => {
      const before = new Map(this.latest);
      for (const status of await this.refresh()) {
        const previous = before.get(status.name);
        if (previous?.status !== status.status) onChange(status, previous);
      }
      this.timer = setTimeout(() => void tick(), everyMs);
    };
    void tick();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
