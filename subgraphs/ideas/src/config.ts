import { join } from 'node:path';
import { envOptional, portOf, SUBGRAPHS } from '@b3/kit';

export interface IdeasConfig {
  port: number;
  databaseUrl?: string;
  /** PGlite data directory; unset means the store's default under .data/. */
  dataDir?: string;
}

export function loadIdeasConfig(env: NodeJS.ProcessEnv = process.env): IdeasConfig {
  return {
    port: portOf(SUBGRAPHS.find((s) => s.name === 'ideas')!, env),
    databaseUrl: envOptional('DATABASE_URL', env),
    dataDir: envOptional('DATA_DIR', env) && join(envOptional('DATA_DIR', env)!, 'ideas', 'pglite'),
  };
}
