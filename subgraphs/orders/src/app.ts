import { type Logger, startSubgraph } from '@b3/kit';
import { openDatabase } from '@b3/prisma';
import type { OrdersConfig } from './config';
import { createOrdersContext } from './context';
import { buildOrdersSchema } from './schema';
import { OrderService } from './services/order.service';
import { createPrismaOrderStore } from './store/prisma-order.store';

export async function startOrders(config: OrdersConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const db = await openDatabase({ service: 'orders', databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const orders = new OrderService(createPrismaOrderStore(db.prisma));
  const server = await startSubgraph({
    name: 'orders',
    port: config.port,
    logger,
    schema: await buildOrdersSchema(),
    context: (base) => createOrdersContext(base, orders),
    healthChecks: [{ name: `database:${db.kind}`, critical: true, check: async () => void (await db.ping()) }],
  });
  return {
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
