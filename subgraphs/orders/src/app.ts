import { createEventBus, createServiceClient, type Logger, serviceViewer, startSubgraph } from '@b3/kit';
import { databaseResource, openDatabase } from '@b3/prisma';
import type { OrdersConfig } from './config';
import { createOrdersContext } from './context';
import { ALWAYS_OPEN_CALENDAR, dailyLoss, DEFAULT_TRADING_CALENDAR, RiskEngine, TradingCalendar } from './domain/risk';
import { buildOrdersSchema } from './schema';
import { KillSwitchService } from './services/kill-switch.service';
import { MarketMarks, subscribeMarketMarks } from './services/market-marks';
import { OrderRouting } from './services/order-routing.service';
import { OrderService } from './services/order.service';
import { OrderUpdates } from './services/order-updates';
import { PositionService } from './services/position.service';
import { RiskService } from './services/risk.service';
import { createPrismaOrderStore } from './store/prisma-order.store';
import { createPrismaPositionStore } from './store/prisma-position.store';
import { createPrismaRiskStore } from './store/prisma-risk.store';
import { BridgeExecution } from './venue/bridge-execution';

export async function startOrders(config: OrdersConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const db = await openDatabase(config.database);
  const orderStore = createPrismaOrderStore(db.prisma);
  const riskStore = createPrismaRiskStore(db.prisma);
  // One fan-out shared by every service, so fills, cancels and kill-switch sweeps reach `orderUpdates` subscribers.
  const updates = new OrderUpdates();
  // Positions and P&L: fills from order_fills, marks from the bridge's trades and dailies on the bus.
  const bus = await createEventBus(config.busUrl, { clientId: 'orders', logger });
  const marks = new MarketMarks({ logger });
  const stopMarks = await subscribeMarketMarks(bus, marks);
  // Routing calls `positions.refresh(account, symbol)` once it has persisted new fills.
  const positions = new PositionService(createPrismaPositionStore(db.prisma), marks, {
    logger,
    // The daily-loss auto trip, at the threshold the engine refuses on; limits are read only for a loss.
    onAccountPnl: async (account, pnl) => {
      if (dailyLoss(pnl) !== '0') await killSwitch.tripIfBreached(account, pnl, await risk.limitsOf(account));
    },
  });
  // Orders reach the market only through the bridge, as the orders service's own signed identity.
  const venue = new BridgeExecution({
    client: createServiceClient({ url: config.routing.bridgeUrl, identity: serviceViewer('orders'), secret: config.routing.secret }),
    account: config.routing.account,
    stopSlippageTicks: config.routing.stopSlippageTicks,
  });
  const routing = new OrderRouting(orderStore, venue, {
    updates,
    logger,
    halted: async (): Promise<boolean> => (await killSwitch.state()).active,
    onFills: (account, symbol) => void positions.refresh(account, symbol).catch((err: unknown) => logger.warn({ err, account, symbol }, 'position refresh failed')),
  });
  const killSwitch = new KillSwitchService(riskStore, orderStore, { updates, routing });
  // One RiskService (and so one RiskEngine) per process: the order-rate throttle must see every order.
  const calendar = new TradingCalendar(config.tradingHours === 'ALWAYS' ? ALWAYS_OPEN_CALENDAR : DEFAULT_TRADING_CALENDAR);
  const risk = new RiskService(riskStore, () => killSwitch.state(), { rules: config.riskRules, pnl: positions, prices: marks, engine: new RiskEngine({ calendar }) });
  const orders = new OrderService(orderStore, { risk, routing, venue }, { updates });
  logger.info({ tradingHours: config.tradingHours, riskRules: config.riskRules, brokerAccount: config.routing.account }, 'orders route through the bridge');
  // Listening reconciles on every (re)connection to the bridge, the first one included.
  routing.start();
  // Read now so a switch left on before a restart is known before the first order arrives.
  const state = await killSwitch.state();
  if (state.active) logger.warn({ reason: state.reason }, 'kill switch is active: new orders are refused until an admin deactivates it');
  // In the background: accounts that do not trade after a restart are still watched for the daily loss.
  void positions.warmUp().catch((err: unknown) => logger.warn({ err }, 'could not load positions at start'));
  return startSubgraph({
    name: 'orders',
    port: config.port,
    logger,
    schema: await buildOrdersSchema(),
    context: (base) => createOrdersContext(base, orders, { risk, killSwitch }, positions),
    // closed last-first: positions and their feed, then the bus, then the database
    resources: [
      databaseResource(db),
      {
        name: 'bridge-routing',
        ping: () => venue.ping(),
        close: async () => {
          await routing.stop();
          await venue.close();
        },
      },
      { name: `bus:${bus.kind}`, ping: () => bus.ping(), close: () => bus.close() },
      {
        name: 'positions',
        close: async () => {
          positions.close();
          await stopMarks();
        },
      },
    ],
  });
}
