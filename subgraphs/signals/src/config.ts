import { subgraphPort } from '@b3/kit';
import { databaseOptionsFromEnv, type OpenDatabaseOptions } from '@b3/prisma';

export interface SignalsConfig {
  port: number;
  database: OpenDatabaseOptions;
}

export function loadSignalsConfig(env: NodeJS.ProcessEnv = process.env): SignalsConfig {
  return {
    port: subgraphPort('signals', env),
    database: databaseOptionsFromEnv('signals', env),
  };
}
