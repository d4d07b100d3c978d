import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { busUrlFromEnv, DASHBOARD_PORT, GATEWAY, LAUNCHER_PORT, portOf, SUBGRAPHS, subgraphUrl } from '@b3/kit';
import { endpointOf, type SystemFields } from './domain/system';

const REPO_ROOT = join(__dirname, '..', '..', '..');

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  bridge: 'Native bridge to ProfitDLL or its simulator: market data and order routing',
  market: 'Market data: trades, candles, quotes, B3 reference data',
  orders: 'Orders, pre-trade risk, positions and P&L',
  ideas: 'The idea bank',
  signals: 'Telegram trade signals',
  docs: 'Systems registry, health, documentation board and files',
  agents: 'Analysis agents',
  gateway: 'Federated GraphQL gateway: the API every client calls',
  dashboard: 'The web dashboard',
  launcher: 'Starts, health-checks and restarts the platform processes (npm start); GET /status',
  bus: 'Event bus between the bridge and the market (embedded MQTT by default, or NATS / Redis)',
};

function versionOf(dir: string): string | null {
  try {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : null;
  } catch {
    return null;
  }
}

/** A bus URL may carry a password (redis://:secret@…): the registry shows where, never how to log in. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

function seed(name: string, type: SystemFields['type'], rawUrl: string, dir: string | null): SystemFields {
  const url = withoutCredentials(rawUrl);
  const endpoint = endpointOf(url);
  return {
    name,
    description: DESCRIPTIONS[name] ?? `Platform service ${name}`,
    type,
    url,
    host: endpoint?.host ?? null,
    port: endpoint?.port ?? null,
    owner: 'platform',
    version: dir ? versionOf(dir) : null,
    tags: ['platform', type.toLowerCase()],
  };
}

/**
 * Every process of the platform as the registry seeds it, at the ports this run actually uses (the same
 * env overrides the launcher and the gateway read, through the kit's one table of services).
 */
export function platformSystems(env: NodeJS.ProcessEnv = process.env): SystemFields[] {
  const host = '127.0.0.1';
  return [
    ...SUBGRAPHS.map((s) => seed(s.name, 'SUBGRAPH', subgraphUrl(s.name, env), s.dir)),
    seed(GATEWAY.name, 'API', `http://${host}:${portOf(GATEWAY, env)}/graphql`, GATEWAY.dir),
    seed('dashboard', 'WEBAPP', `http://${host}:${portOf(DASHBOARD_PORT, env)}/`, 'web'),
    seed('launcher', 'API', env.LAUNCHER_URL || `http://${host}:${portOf(LAUNCHER_PORT, env)}`, 'launcher'),
    // BUS_URL=memory:// names no endpoint: the bus is then listed with nothing to probe (UNKNOWN).
    seed('bus', 'TOOL', busUrlFromEnv(env), null),
  ];
}
