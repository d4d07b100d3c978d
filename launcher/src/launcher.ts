import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createLogger, type EmbeddedBroker, signUserToken, startEmbeddedBroker } from '@b3/kit';
import type { LauncherConfig } from './config';
import { REPO_ROOT } from './config';
import { startDashboard } from './dashboard-server';
import { formatLogLine } from './log-format';
import { StatusBoard } from './status-board';
import { SupervisedProcess } from './supervised-process';
import { waitHealthy } from './wait-healthy';

export interface RunningPlatform {
  stop(): Promise<void>;
}

const out = (line: string): void => void process.stdout.write(line + '\n');
const say = (message: string): void => out(formatLogLine('launcher', message));

/**
 * Dependency order: bus → subgraphs (in parallel; each waits only for the bus) → gateway → dashboard.
 * Every service is its own process so one crash never takes the others down.
 */
export async function launchPlatform(config: LauncherConfig): Promise<RunningPlatform> {
  const t0 = Date.now();
  const logger = createLogger('launcher');
  const netGuard = process.env.NET_GUARD && process.env.NET_GUARD !== 'off' ? ['--require', join(REPO_ROOT, 'kit', 'dist', 'testing', 'net-guard.js')] : [];
  const spawnOf = (service: LauncherConfig['gateway']): SupervisedProcess => new SupervisedProcess(service, REPO_ROOT, config.childEnv, out, netGuard);

  let broker: EmbeddedBroker | null = null;
  if (config.embeddedBusPort !== null) {
    broker = await startEmbeddedBroker({ port: config.embeddedBusPort, host: config.host });
    say(`embedded MQTT bus on ${broker.url}`);
  }

  const subgraphs = config.subgraphs.map(spawnOf);
  const gateway = spawnOf(config.gateway);
  const all = [...subgraphs, gateway];
  const board = new StatusBoard(all);
  const statusServer = await startStatusServer(config, board);
  let dashboard: Server | null = null;

  const stop = async (): Promise<void> => {
    board.stop();
    await Promise.all(all.map((p) => p.stop()));
    await broker?.close();
    await new Promise((r) => statusServer.close(() => r(undefined)));
    if (dashboard) await new Promise((r) => dashboard!.close(() => r(undefined)));
  };

  try {
    subgraphs.forEach((p) => p.start());
    await Promise.all(subgraphs.map((p) => waitHealthy(p.service.healthUrl, 90_000).then(() => p.markRunning())));
    gateway.start();
    await waitHealthy(config.gateway.healthUrl, 60_000);
    gateway.markRunning();
    dashboard = await startDashboard({ port: config.dashboardPort, host: config.host, distDir: join(REPO_ROOT, 'web', 'dist'), gatewayHttpUrl: config.gateway.graphqlUrl });
  } catch (error) {
    logger.error({ err: error }, 'start-up failed');
    await stop();
    throw error;
  }

  const [trader, admin, viewer] = await Promise.all([
    signUserToken({ sub: 'demo-trader', roles: ['trader'], name: 'Demo Trader' }, config.jwtSecret),
    signUserToken({ sub: 'demo-admin', roles: ['admin'], name: 'Demo Admin' }, config.jwtSecret),
    signUserToken({ sub: 'demo-viewer', roles: ['viewer'], name: 'Demo Viewer' }, config.jwtSecret),
  ]);
  const elapsed = ((Date.now() - t0) / 1000).toFixed(1);
  out(
    [
      '',
      `  B3 platform is up (all healthy in ${elapsed} s)`,
      `  GraphQL API + IDE  ${config.gateway.graphqlUrl.replace('127.0.0.1', 'localhost')}`,
      `  Dashboard          http://localhost:${config.dashboardPort}`,
      `  Status             http://localhost:${config.launcherPort}/status`,
      '',
      '  Dev tokens (send as  Authorization: Bearer <token>):',
      `  trader  ${trader}`,
      `  admin   ${admin}`,
      `  viewer  ${viewer}`,
      '',
      `  Telegram webhook   POST ${config.gateway.graphqlUrl.replace('127.0.0.1', 'localhost').replace(/\/graphql$/, '/telegram/webhook')}`,
      `                     with header  X-Telegram-Bot-Api-Secret-Token: ${config.telegramWebhookSecret}`,
      '',
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  board.watch(2000, (status, previous) => {
    if (previous) say(`${status.name} is ${status.status}${status.status === 'DOWN' ? ` (restarts so far: ${status.restarts})` : ''}`);
  });
  return { stop };
}

async function startStatusServer(config: LauncherConfig, board: StatusBoard): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/status') {
      const services = board.snapshot();
      const overall = services.some((s) => s.status === 'DOWN') ? 'DOWN' : services.some((s) => s.status === 'DEGRADED') ? 'DEGRADED' : 'OK';
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ overall, checkedAt: new Date().toISOString(), services }));
      return;
    }
    if (path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ service: 'launcher', status: 'OK' }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.launcherPort, config.host, () => resolve());
  });
  return server;
}
