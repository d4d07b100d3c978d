import path from 'node:path';
import type { Database, OpenDatabaseOptions } from './open-database';

/**
 * What every relational service reads from its environment: DATABASE_URL selects PostgreSQL;
 * otherwise PGlite lives in `<DATA_DIR>/<service>/pglite` (or the repository default without DATA_DIR).
 */
export function databaseOptionsFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): OpenDatabaseOptions {
  const dataDir = env.DATA_DIR || undefined;
  return {
    service,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: dataDir && path.join(dataDir, service, 'pglite'),
  };
}

/** The database as a subgraph resource: pinged by detailed health (critical), closed on stop. */
export function databaseResource(db: Database): { name: string; critical: true; ping(): Promise<number>; close(): Promise<void> } {
  return { name: `database:${db.kind}`, critical: true, ping: () => db.ping(), close: () => db.close() };
}
