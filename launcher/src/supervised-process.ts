import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ManagedService } from './config';
import { formatLogLine } from './log-format';

export type ProcessState = 'starting' | 'running' | 'backoff' | 'stopped';

/**
 * One child process kept alive: restarted with exponential backoff after a crash (reset once it has
 * stayed up for a minute), its output prefixed with the service name.
 */
export class SupervisedProcess {
  private child: ChildProcess | null = null;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private failures = 0;
  state: ProcessState = 'stopped';
  restarts = 0;
  /** The last time the process died on its own (not stopped by us): shown on /status, so a crash and a quick restart between two polls is still seen. */
  lastExit: { at: Date; code: number | null; signal: string | null } | null = null;

  constructor(
    readonly service: ManagedService,
    private readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly out: (line: string) => void,
    private readonly nodeArgs: readonly string[] = [],
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    this.stopping = false;
    this.state = 'starting';
    this.startedAt = Date.now();
    const child = spawn(process.execPath, [...this.nodeArgs, this.service.entry], {
      cwd: this.cwd,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => this.out(formatLogLine(this.service.name, line)));
    }
    child.once('exit', (code, signal) => {
      this.child = null;
      if (this.stopping) {
        this.state = 'stopped';
        return;
      }
      this.lastExit = { at: new Date(), code, signal };
      if (Date.now() - this.startedAt > 60_000) this.failures = 0;
      const delay = Math.min(30_000, 500 * 2 ** this.failures);
      this.failures++;
      this.state = 'backoff';
      this.out(formatLogLine('launcher', `${this.service.name} exited (code ${code ?? '-'}, signal ${signal ?? '-'}); restarting in ${delay} ms`));
      this.restartTimer = setTimeout(() => {
        this.restarts++;
        this.start();
      }, delay);
    });
  }

  markRunning(): void {
    if (this.state === 'starting') this.state = 'running';
  }

  /** SIGTERM, then SIGKILL if the process has not exited within the grace period. */
  stop(graceMs = 8000): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child) {
      this.state = 'stopped';
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
