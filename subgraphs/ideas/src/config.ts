import { subgraphPort } from '@b3/kit';
import { databaseOptionsFromEnv, type OpenDatabaseOptions } from '@b3/prisma';

export interface IdeasConfig {
  port: number;
  database: OpenDatabaseOptions;
}

export function loadIdeasConfig(env: NodeJS.ProcessEnv = process.env): IdeasConfig {
  return {
    port: subgraphPort('ideas', env),
    database: databaseOptionsFromEnv('ideas', env),
  };
}
