import { createLogger, type Logger } from '../logging/logger';

/**
 * Process entry point: start, then stop cleanly on SIGTERM/SIGINT (the launcher's Ctrl-C), exiting
 * non-zero on a start-up failure so the launcher can restart it.
 */
export function runService(name: string, start: (logger: Logger) => Promise<{ stop(): Promise<void> }>): void {
  const logger = createLogger(name);
  let running: { stop(): Promise<void> } | null = null;
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    try {
      await running?.stop();
    } catch (error) {
      logger.error({ err: error }, 'error while stopping');
    }
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  if (process.env.B3_SUPERVISED === '1') {
    // Under the launcher: if it dies without stopping us (SIGKILL), exit rather than linger as an orphan.
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) void shutdown('parent-exit');
    }, 1000).unref();
  }
  process.once('SIGINT', () => void shutdown('SIGINT'));
  start(logger).then(
    (handle) => {
      running = handle;
    },
    (error: unknown) => {
      logger.fatal({ err: error }, 'failed to start');
      process.exit(1);
    },
  );
}
