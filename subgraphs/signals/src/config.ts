import { join } from 'node:path';
import { envOptional, portOf, SUBGRAPHS } from '@b3/kit';

export interface SignalsConfig {
  port: number;
  databaseUrl?: string;
  /** PGlite data directory; unset means the store's default under .data/. */
  dataDir?: string;
}

export function loadSignalsConfig(env: NodeJS.ProcessEnv = process.env): SignalsConfig {
  const dataDir = envOptional('DATA_DIR', env);
  return {
    port: portOf(SUBGRAPHS.find((s) => s.name === 'signals')!, env),
    databaseUrl: envOptional('DATABASE_URL', env),
    dataDir: dataDir && join(dataDir, 'signals', 'pglite'),
  };
}
