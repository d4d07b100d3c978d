import { join } from 'node:path';
import { envOptional, portOf, SUBGRAPHS } from '@b3/kit';

export interface OrdersConfig {
  port: number;
  databaseUrl?: string;
  /** PGlite data directory; unset means the store's default under .data/. */
  dataDir?: string;
}

export function loadOrdersConfig(env: NodeJS.ProcessEnv = process.env): OrdersConfig {
  const dataDir = envOptional('DATA_DIR', env);
  return {
    port: portOf(SUBGRAPHS.find((s) => s.name === 'orders')!, env),
    databaseUrl: envOptional('DATABASE_URL', env),
    dataDir: dataDir && join(dataDir, 'orders', 'pglite'),
  };
}
