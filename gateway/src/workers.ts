import cluster, { type Worker } from 'node:cluster';
import { createLogger } from '@b3/kit';

/** Primary process of multi-process mode: keeps `count` gateway workers alive and stops them on a signal. */
export function superviseWorkers(count: number): void {
  const logger = createLogger('gateway');
  let stopping = false;
  const fork = (): Worker => cluster.fork();
  for (let i = 0; i < count; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.warn({ pid: worker.process.pid, code, signal }, 'gateway worker exited; starting another');
    setTimeout(fork, 500);
  });
  const stop = (signal: NodeJS.Signals): void => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    const deadline = setTimeout(() => process.exit(1), 8000);
    deadline.unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  logger.info({ workers: count }, 'gateway running in multi-process mode');
}
