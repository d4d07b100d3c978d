import { loadLauncherConfig } from './config';
import { launchPlatform } from './launcher';

/** `npm start`: run the whole platform until Ctrl-C, then stop every child before exiting. */
async function main(): Promise<void> {
  const platform = await launchPlatform(loadLauncherConfig());
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping all services…\n`);
    platform.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`platform failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
