import type { Logger, ManagedResource } from '@b3/kit';
import { probeTargetOf, type CheckOutcome } from '../domain/system-health';
import type { System } from '../domain/system';
import type { SystemStore } from '../store/system.store';
import { launcherReports, type LauncherReport } from './launcher-view';
import type { StatusSources } from './status-sources.port';
import type { SystemEvents } from './system-events';
import type { SystemProber } from './system-prober.port';

export interface HealthCheckerOptions {
  /** Between the end of one round and the start of the next. */
  intervalMs: number;
  /** Each system's probe starts after a random delay up to this, so checks of many systems do not burst. */
  jitterMs: number;
  /** Probes in flight at once. */
  concurrency: number;
  /** History kept per system, and the oldest check kept at all. */
  historyPerSystem: number;
  historyMaxAgeMs: number;
  logger: Logger;
  clock?: () => Date;
  random?: () => number;
}

const UNPROBEABLE: CheckOutcome = { status: 'UNKNOWN', responseTimeMs: null, detail: 'no URL or host and port to probe' };

/**
 * Checks every system in rounds: platform processes the launcher supervises take the launcher's word
 * (its `/status`), everything else is probed (GET /health for services, GET of the URL for web apps and
 * tools, a TCP connect for the bus). Each result is recorded with its history; a change of status is
 * published on `systemStatusChanged`. Timers are unref'd and `close()` cancels probes in flight.
 */
export class HealthChecker implements ManagedResource {
  readonly name = 'health-checker';
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private readonly clock: () => Date;
  private readonly random: () => number;

  constructor(
    private readonly store: SystemStore,
    private readonly prober: SystemProber,
    private readonly sources: Pick<StatusSources, 'launcherStatus'>,
    private readonly events: SystemEvents,
    private readonly options: HealthCheckerOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  /** The first round at once, then one every interval after the previous ends. */
  start(): void {
    if (this.abort.signal.aborted || this.timer || this.round) return;
    this.schedule(0);
  }

  /** One round now (or the one running); for tests and for an admin asking to re-check. */
  runOnce(): Promise<void> {
    this.round ??= this.checkAll().finally(() => {
      this.round = null;
    });
    return this.round;
  }

  async close(): Promise<void> {
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.round?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runOnce()
        .catch((err: unknown) => this.options.logger.error({ err }, 'health check round failed'))
        .finally(() => {
          if (!this.abort.signal.aborted) this.schedule(this.options.intervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }

  private async checkAll(): Promise<void> {
    const systems = await this.store.list();
    const launcher = await this.launcherView(systems);
    const queue = [...systems];
    const worker = async (): Promise<void> => {
      for (let system = queue.shift(); system && !this.abort.signal.aborted; system = queue.shift()) {
        await this.checkOne(system, launcher).catch((err: unknown) => this.options.logger.error({ err, system: system?.name }, 'health check failed'));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.options.concurrency, queue.length)) }, worker));
    if (this.abort.signal.aborted) return;
    const removed = await this.store.pruneChecks(this.options.historyPerSystem, new Date(this.clock().getTime() - this.options.historyMaxAgeMs));
    if (removed > 0) this.options.logger.debug({ removed }, 'pruned health history');
  }

  /** Asked only when a built-in system could be supervised by it; null without a launcher. */
  private async launcherView(systems: readonly System[]): Promise<Map<string, LauncherReport> | null> {
    if (!systems.some((s) => s.builtIn)) return null;
    try {
      return launcherReports(await this.sources.launcherStatus());
    } catch {
      return null;
    }
  }

  private async checkOne(system: System, launcher: Map<string, LauncherReport> | null): Promise<void> {
    const supervised = system.builtIn ? launcher?.get(system.name) : undefined;
    if (supervised) {
      const exit = supervised.lastExit;
      // it died and was restarted since our last look: that outage is history too, at the time it happened
      if (exit && system.checkedAt && exit.at > system.checkedAt && exit.at < this.clock() && supervised.outcome.status !== 'OFFLINE') {
        await this.record(system, { status: 'OFFLINE', responseTimeMs: null, detail: `launcher: exited (${exit.reason}), restarted` }, exit.at);
      }
      return this.record(system, supervised.outcome, this.clock());
    }
    const target = probeTargetOf(system);
    if (!target) return this.record(system, UNPROBEABLE, this.clock());
    await this.jitter();
    if (this.abort.signal.aborted) return;
    const outcome = await this.prober.probe(target, this.abort.signal);
    if (this.abort.signal.aborted) return;
    return this.record(system, outcome, this.clock());
  }

  private async record(system: System, outcome: CheckOutcome, at: Date): Promise<void> {
    const recorded = await this.store.recordCheck(system.id, outcome, at);
    if (recorded && recorded.previous !== outcome.status) {
      this.options.logger.info({ system: system.name, from: recorded.previous, to: outcome.status, detail: outcome.detail }, 'system status changed');
      this.events.publish({ system: recorded.system, previous: recorded.previous });
    }
  }

  private jitter(): Promise<void> {
    const ms = Math.floor(this.random() * this.options.jitterMs);
    if (ms <= 0) return Promise.resolve();
    const signal = this.abort.signal;
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
