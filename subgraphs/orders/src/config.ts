import { subgraphPort } from '@b3/kit';
import { databaseOptionsFromEnv, type OpenDatabaseOptions } from '@b3/prisma';

export interface OrdersConfig {
  port: number;
  database: OpenDatabaseOptions;
}

export function loadOrdersConfig(env: NodeJS.ProcessEnv = process.env): OrdersConfig {
  return {
    port: subgraphPort('orders', env),
    database: databaseOptionsFromEnv('orders', env),
  };
}
