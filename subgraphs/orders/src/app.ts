import { type Logger, startSubgraph } from '@b3/kit';
import { databaseResource, openDatabase } from '@b3/prisma';
import type { OrdersConfig } from './config';
import { createOrdersContext } from './context';
import { buildOrdersSchema } from './schema';
import { OrderService } from './services/order.service';
import { createPrismaOrderStore } from './store/prisma-order.store';

export async function startOrders(config: OrdersConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const db = await openDatabase(config.database);
  const orders = new OrderService(createPrismaOrderStore(db.prisma));
  return startSubgraph({
    name: 'orders',
    port: config.port,
    logger,
    schema: await buildOrdersSchema(),
    context: (base) => createOrdersContext(base, orders),
    resources: [databaseResource(db)],
  });
}
