import { type Logger, startSubgraph } from '@b3/kit';
import { databaseResource, openDatabase } from '@b3/prisma';
import type { OrdersConfig } from './config';
import { createOrdersContext } from './context';
import { buildOrdersSchema } from './schema';
import { KillSwitchService } from './services/kill-switch.service';
import { OrderService } from './services/order.service';
import { OrderUpdates } from './services/order-updates';
import { RiskService } from './services/risk.service';
import { createPrismaOrderStore } from './store/prisma-order.store';
import { createPrismaRiskStore } from './store/prisma-risk.store';

export async function startOrders(config: OrdersConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const db = await openDatabase(config.database);
  const orderStore = createPrismaOrderStore(db.prisma);
  const riskStore = createPrismaRiskStore(db.prisma);
  // One fan-out shared by both services, so kill-switch cancels reach `orderUpdates` subscribers.
  const updates = new OrderUpdates();
  // No execution port yet (phase 2b): the kill switch cancels working orders locally.
  const killSwitch = new KillSwitchService(riskStore, orderStore, { updates });
  // One RiskService (and so one RiskEngine) per process: the order-rate throttle must see every order.
  const risk = new RiskService(riskStore, () => killSwitch.state(), { rules: config.riskRules });
  const orders = new OrderService(orderStore, { risk }, { updates });
  // Read now so a switch left on before a restart is known before the first order arrives.
  const state = await killSwitch.state();
  if (state.active) logger.warn({ reason: state.reason }, 'kill switch is active: new orders are refused until an admin deactivates it');
  return startSubgraph({
    name: 'orders',
    port: config.port,
    logger,
    schema: await buildOrdersSchema(),
    context: (base) => createOrdersContext(base, orders, { risk, killSwitch }),
    resources: [databaseResource(db)],
  });
}
