import { envInt, envString, GATEWAY, LAUNCHER_PORT, portOf, subgraphPort, SUBGRAPHS, subgraphUrl } from '@b3/kit';
import { databaseOptionsFromEnv, type OpenDatabaseOptions } from '@b3/prisma';
import type { PlatformService } from './domain/system';

export interface DocsConfig {
  port: number;
  database: OpenDatabaseOptions;
  launcherUrl: string;
  /** Per request to the launcher or a service's health endpoint. */
  statusTimeoutMs: number;
  /** The processes listed in the registry and checked by platformStatus: every subgraph and the gateway. */
  platform: PlatformService[];
}

export function loadDocsConfig(env: NodeJS.ProcessEnv = process.env): DocsConfig {
  return {
    port: subgraphPort('docs', env),
    database: databaseOptionsFromEnv('docs', env),
    launcherUrl: envString('LAUNCHER_URL', `http://127.0.0.1:${portOf(LAUNCHER_PORT, env)}`, env),
    statusTimeoutMs: envInt('STATUS_TIMEOUT_MS', 800, env),
    platform: [
      ...SUBGRAPHS.map((s) => ({ name: s.name, kind: s.kind, dir: s.dir, url: subgraphUrl(s.name, env) })),
      { name: GATEWAY.name, kind: GATEWAY.kind, dir: GATEWAY.dir, url: `http://127.0.0.1:${portOf(GATEWAY, env)}/graphql` },
    ],
  };
}
