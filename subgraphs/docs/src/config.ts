import { join } from 'node:path';
import { envInt, envOptional, envString, GATEWAY, LAUNCHER_PORT, portOf, SUBGRAPHS, subgraphUrl } from '@b3/kit';
import type { PlatformService } from './domain/system';

export interface DocsConfig {
  port: number;
  databaseUrl?: string;
  /** PGlite data directory; unset means the store's default under .data/. */
  dataDir?: string;
  launcherUrl: string;
  /** Per request to the launcher or a service's health endpoint. */
  statusTimeoutMs: number;
  /** The processes listed in the registry and checked by platformStatus: every subgraph and the gateway. */
  platform: PlatformService[];
}

export function loadDocsConfig(env: NodeJS.ProcessEnv = process.env): DocsConfig {
  const dataDir = envOptional('DATA_DIR', env);
  return {
    port: portOf(SUBGRAPHS.find((s) => s.name === 'docs')!, env),
    databaseUrl: envOptional('DATABASE_URL', env),
    dataDir: dataDir && join(dataDir, 'docs', 'pglite'),
    launcherUrl: envString('LAUNCHER_URL', `http://127.0.0.1:${portOf(LAUNCHER_PORT, env)}`, env),
    statusTimeoutMs: envInt('STATUS_TIMEOUT_MS', 800, env),
    platform: [
      ...SUBGRAPHS.map((s) => ({ name: s.name, kind: s.kind, dir: s.dir, url: subgraphUrl(s.name, env) })),
      { name: GATEWAY.name, kind: GATEWAY.kind, dir: GATEWAY.dir, url: `http://127.0.0.1:${portOf(GATEWAY, env)}/graphql` },
    ],
  };
}
