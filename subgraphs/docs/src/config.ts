import { join } from 'node:path';
import { ConfigError, envInt, GATEWAY, portOf, SUBGRAPHS, subgraphPort, subgraphUrl } from '@b3/kit';
import { databaseOptionsFromEnv, type OpenDatabaseOptions } from '@b3/prisma';
import { MAX_FILE_BYTES, MAX_FILES_PER_UPLOAD } from './domain/doc-file';
import type { PlatformService } from './domain/platform-status';
import type { SystemFields } from './domain/system';
import { platformSystems } from './platform-systems';

const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface HealthConfig {
  /** DOCS_HEALTH_INTERVAL_MS (15 s): between the end of one round of checks and the next. */
  intervalMs: number;
  /** DOCS_HEALTH_TIMEOUT_MS (10 s): one probe. */
  timeoutMs: number;
  /** DOCS_HEALTH_SLOW_MS (2 s): an answer slower than this is DEGRADED. */
  slowMs: number;
  /** DOCS_HEALTH_HISTORY (500): checks kept per system; none older than DOCS_HEALTH_HISTORY_HOURS (168). */
  historyPerSystem: number;
  historyMaxAgeMs: number;
}

export interface FilesConfig {
  /** DOCS_FILES_DIR, default `<DATA_DIR>/docs/files`. */
  dir: string;
  maxFileBytes: number;
  maxFiles: number;
  /** DOCS_FILES_SWEEP_MS (1 h): how often unattached uploads older than a day are removed. */
  sweepIntervalMs: number;
}

export interface DocsConfig {
  port: number;
  database: OpenDatabaseOptions;
  /** LAUNCHER_URL, set by the launcher for the processes it starts; null when docs runs on its own. */
  launcherUrl: string | null;
  /** Per request to the launcher or a service's health endpoint, for platformStatus. */
  statusTimeoutMs: number;
  /** The processes platformStatus reports: every subgraph and the gateway. */
  platform: PlatformService[];
  /** What the registry seeds at start: every platform process at the ports this run uses. */
  systems: SystemFields[];
  health: HealthConfig;
  files: FilesConfig;
}

function positive(name: string, fallback: number, env: NodeJS.ProcessEnv, min = 1): number {
  const value = envInt(name, fallback, env);
  if (value < min) throw new ConfigError(`${name} must be at least ${min}, got ${value}`);
  return value;
}

export function loadDocsConfig(env: NodeJS.ProcessEnv = process.env): DocsConfig {
  return {
    port: subgraphPort('docs', env),
    database: databaseOptionsFromEnv('docs', env),
    launcherUrl: env.LAUNCHER_URL || null,
    statusTimeoutMs: positive('STATUS_TIMEOUT_MS', 800, env),
    platform: [
      ...SUBGRAPHS.map((s) => ({ name: s.name, kind: s.kind, dir: s.dir, url: subgraphUrl(s.name, env) })),
      { name: GATEWAY.name, kind: GATEWAY.kind, dir: GATEWAY.dir, url: `http://127.0.0.1:${portOf(GATEWAY, env)}/graphql` },
    ],
    systems: platformSystems(env),
    health: {
      intervalMs: positive('DOCS_HEALTH_INTERVAL_MS', 15_000, env, 100),
      timeoutMs: positive('DOCS_HEALTH_TIMEOUT_MS', 10_000, env, 50),
      slowMs: positive('DOCS_HEALTH_SLOW_MS', 2_000, env),
      historyPerSystem: positive('DOCS_HEALTH_HISTORY', 500, env),
      historyMaxAgeMs: positive('DOCS_HEALTH_HISTORY_HOURS', 168, env) * 60 * 60 * 1000,
    },
    files: {
      dir: env.DOCS_FILES_DIR || join(env.DATA_DIR || join(REPO_ROOT, '.data'), 'docs', 'files'),
      maxFileBytes: MAX_FILE_BYTES,
      maxFiles: MAX_FILES_PER_UPLOAD,
      sweepIntervalMs: positive('DOCS_FILES_SWEEP_MS', 60 * 60 * 1000, env, 1000),
    },
  };
}
