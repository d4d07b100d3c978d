import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  BUS_PORT,
  busUrlFromEnv,
  DASHBOARD_PORT,
  DEV_JWT_SECRET,
  envOptional,
  envString,
  GATEWAY,
  LAUNCHER_PORT,
  portOf,
  SUBGRAPHS,
} from '@b3/kit';

export const REPO_ROOT = join(__dirname, '..', '..');

export interface ManagedService {
  name: string;
  /** Entry point, relative to the repository root. */
  entry: string;
  port: number;
  healthUrl: string;
  graphqlUrl: string;
}

export interface LauncherConfig {
  host: string;
  launcherPort: number;
  dashboardPort: number;
  /** Embedded MQTT broker port; null when BUS_URL points at an external bus. */
  embeddedBusPort: number | null;
  busUrl: string;
  jwtSecret: string;
  internalSecret: string;
  /** The Telegram webhook's secret header value: TELEGRAM_WEBHOOK_SECRET, else a fresh one per run (printed). */
  telegramWebhookSecret: string;
  dataDir: string;
  subgraphs: ManagedService[];
  gateway: ManagedService;
  /** Environment shared by every child process. */
  childEnv: NodeJS.ProcessEnv;
}

function managed(name: string, dir: string, port: number, host: string): ManagedService {
  return { name, entry: join(dir, 'dist', 'main.js'), port, healthUrl: `http://${host}:${port}/health`, graphqlUrl: `http://${host}:${port}/graphql` };
}

export function loadLauncherConfig(env: NodeJS.ProcessEnv = process.env): LauncherConfig {
  const host = '127.0.0.1';
  const externalBus = envOptional('BUS_URL', env);
  const busPort = portOf(BUS_PORT, env);
  const busUrl = busUrlFromEnv(env);
  const launcherPort = portOf(LAUNCHER_PORT, env);
  const subgraphs = SUBGRAPHS.map((s) => managed(s.name, s.dir, portOf(s, env), host));
  const gateway = managed(GATEWAY.name, GATEWAY.dir, portOf(GATEWAY, env), host);
  const jwtSecret = envString('JWT_SECRET', DEV_JWT_SECRET, env);
  // A fresh secret per run: only processes this launcher started can vouch for a viewer.
  const internalSecret = envString('INTERNAL_SECRET', randomBytes(32).toString('hex'), env);
  // Generated when unset so `npm start` has a working webhook to post sample updates to; printed at start.
  const telegramWebhookSecret = envString('TELEGRAM_WEBHOOK_SECRET', randomBytes(18).toString('base64url'), env);
  const dataDir = envString('DATA_DIR', join(REPO_ROOT, '.data'), env);
  const ports: Record<string, string> = {};
  for (const s of SUBGRAPHS) ports[s.portEnv] = String(subgraphs.find((m) => m.name === s.name)!.port);
  ports[GATEWAY.portEnv] = String(gateway.port);
  return {
    host,
    launcherPort,
    dashboardPort: portOf(DASHBOARD_PORT, env),
    embeddedBusPort: externalBus ? null : busPort,
    busUrl,
    jwtSecret,
    internalSecret,
    telegramWebhookSecret,
    dataDir,
    subgraphs,
    gateway,
    childEnv: {
      ...env,
      ...ports,
      BUS_URL: busUrl,
      JWT_SECRET: jwtSecret,
      INTERNAL_SECRET: internalSecret,
      TELEGRAM_WEBHOOK_SECRET: telegramWebhookSecret,
      DATA_DIR: dataDir,
      LAUNCHER_URL: `http://${host}:${launcherPort}`,
      B3_SUPERVISED: '1',
      CORS_ORIGINS: env.CORS_ORIGINS ?? `http://localhost:${portOf(DASHBOARD_PORT, env)},http://${host}:${portOf(DASHBOARD_PORT, env)}`,
    },
  };
}
