import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPHS } from '../../kit/src/platform/services';
import { freePorts } from './free-port';

export const REPO_ROOT = join(__dirname, '..', '..');

export interface NetViolation {
  kind: string;
  host: string;
  port: unknown;
  pid: number;
  argv: string[];
}

export interface ServiceStatus {
  name: string;
  status: 'OK' | 'DEGRADED' | 'DOWN';
  pid: number | null;
  restarts: number;
}

export interface Platform {
  gatewayUrl: string;
  gatewayWsUrl: string;
  dashboardUrl: string;
  launcherUrl: string;
  /** The value Telegram must send in X-Telegram-Bot-Api-Secret-Token to the webhook. */
  telegramWebhookSecret: string;
  /** The gateway's origin, e.g. for POST /telegram/webhook. */
  gatewayOrigin: string;
  /** The secret subgraphs sign caller identities with, for a test that calls a subgraph directly as a service. */
  internalSecret: string;
  /** A subgraph's own GraphQL endpoint (not through the gateway). */
  subgraphUrl(name: string): string;
  traderToken: string;
  adminToken: string;
  viewerToken: string;
  /** Seconds from spawn to "all healthy". */
  startSeconds: number;
  output(): string;
  netViolations(): NetViolation[];
  status(): Promise<ServiceStatus[]>;
  stop(): Promise<void>;
}

const REQUIRED_BUILD = ['launcher/dist/main.js', 'gateway/dist/main.js', 'kit/dist/testing/net-guard.js', 'web/dist/index.html'];

/**
 * Boots the real platform through the launcher, as `npm start` does, but on OS-chosen ports and a
 * throw-away data directory, with every process under the network guard.
 */
export async function startPlatform(options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Platform> {
  const missing = REQUIRED_BUILD.filter((f) => !existsSync(join(REPO_ROOT, f)));
  if (missing.length) throw new Error(`build output missing (${missing.join(', ')}): run \`npm run build\` first`);
  const work = mkdtempSync(join(tmpdir(), 'b3-e2e-'));
  const netLog = join(work, 'net-guard.log');
  const [launcherPort, dashboardPort, busPort, gatewayPort, ...subgraphPorts] = await freePorts(4 + SUBGRAPHS.length);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LAUNCHER_PORT: String(launcherPort),
    DASHBOARD_PORT: String(dashboardPort),
    BUS_PORT: String(busPort),
    GATEWAY_PORT: String(gatewayPort),
    DATA_DIR: join(work, 'data'),
    NET_GUARD: 'block',
    NET_GUARD_LOG: netLog,
    NO_COLOR: '1',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    INTERNAL_SECRET: randomBytes(24).toString('hex'),
    TELEGRAM_WEBHOOK_SECRET: randomBytes(18).toString('base64url'),
    ...options.env,
  };
  delete env.BUS_URL;
  SUBGRAPHS.forEach((s, i) => {
    env[s.portEnv] = String(subgraphPorts[i]);
    delete env[`${s.name.toUpperCase()}_URL`];
  });

  const child: ChildProcess = spawn(process.execPath, ['--require', join(REPO_ROOT, 'kit/dist/testing/net-guard.js'), join(REPO_ROOT, 'launcher/dist/main.js')], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 120_000);
  while (!output.includes('B3 platform is up')) {
    if (child.exitCode !== null) throw new Error(`launcher exited with ${child.exitCode} during start-up:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`platform did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const startSeconds = (Date.now() - started) / 1000;
  const token = (role: string): string => {
    const match = new RegExp(`^\\s+${role}\\s+(\\S+)$`, 'm').exec(output);
    if (!match) throw new Error(`no ${role} token in launcher output`);
    return match[1];
  };
  const launcherUrl = `http://127.0.0.1:${launcherPort}`;

  return {
    gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
    gatewayWsUrl: `ws://127.0.0.1:${gatewayPort}/graphql`,
    dashboardUrl: `http://127.0.0.1:${dashboardPort}`,
    launcherUrl,
    internalSecret: env.INTERNAL_SECRET!,
    telegramWebhookSecret: env.TELEGRAM_WEBHOOK_SECRET!,
    gatewayOrigin: `http://127.0.0.1:${gatewayPort}`,
    subgraphUrl: (name) => {
      const index = SUBGRAPHS.findIndex((sg) => sg.name === name);
      if (index < 0) throw new Error(`no subgraph ${name}`);
      return `http://127.0.0.1:${subgraphPorts[index]}/graphql`;
    },
    traderToken: token('trader'),
    adminToken: token('admin'),
    viewerToken: token('viewer'),
    startSeconds,
    output: () => output,
    netViolations: () =>
      existsSync(netLog)
        ? readFileSync(netLog, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as NetViolation)
        : [],
    status: async () => ((await (await fetch(`${launcherUrl}/status`)).json()) as { services: ServiceStatus[] }).services,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  httpStatus: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

export async function gql<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'httpStatus'>;
  return { httpStatus: response.status, ...body };
}
