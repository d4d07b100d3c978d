import { createEventBus, type Logger, registerGauge, startSubgraph } from '@b3/kit';
import type { BridgeConfig } from './config';
import { createProfitMarketData } from './index';
import { buildBridgeSchema } from './schema';
import { BridgeStatusService } from './services/bridge-status.service';
import { HistoryBackfillService } from './services/history-backfill.service';
import { OrderUpdatesService } from './services/order-updates.service';
import { TradePublisher } from './services/trade-publisher.service';

/** Composition root: DLL (or simulator) → trade publisher → bus, plus a status subgraph. */
export async function startBridge(config: BridgeConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const bus = await createEventBus(config.busUrl, { clientId: 'bridge', logger });
  const client = createProfitMarketData({
    libraryPath: config.libraryPath,
    activationKey: config.activationKey,
    user: config.user,
    password: config.password,
    seed: config.seed,
    tradeCallbacks: config.tradeCallbacks,
    ringCapacity: config.ringCapacity,
    routing: config.routing,
  });
  const publisher = new TradePublisher(client, bus, logger);
  await publisher.start(config.symbols, config.books);
  const library = config.libraryPath ?? 'SIMULATOR';
  const status = new BridgeStatusService(client, publisher, library);
  const routingUpdates = new OrderUpdatesService();
  const history = new HistoryBackfillService(client, bus, logger);
  status.start();
  const server = await startSubgraph({
    name: 'bridge',
    port: config.port,
    logger,
    schema: await buildBridgeSchema(),
    context: (base) => ({ ...base, client, publisher, status, routingUpdates, history }),
    metrics: (registry) => {
      // one reading of the shim's counters per scrape, not one per gauge (each costs two native calls and a sort)
      let reading: { ring: ReturnType<typeof client.stats>['ring'] } | null = null;
      const ring = () => {
        if (!reading) {
          reading = { ring: client.stats().ring };
          setImmediate(() => (reading = null));
        }
        return reading.ring;
      };
      registerGauge(registry, 'bridge_ring_capacity', 'Trade ring slots (0: trades use direct JS callbacks)', () => ring()?.capacity ?? 0);
      registerGauge(registry, 'bridge_ring_depth', 'Trades waiting in the ring to be drained', () => ring()?.depth ?? 0);
      registerGauge(registry, 'bridge_ring_received', 'Trade callbacks the DLL made into the shim', () => ring()?.received ?? 0);
      registerGauge(registry, 'bridge_ring_dropped', 'Trades lost because the ring was full', () => ring()?.dropped ?? 0);
      registerGauge(registry, 'bridge_ring_drain_latency_p99_seconds', 'DLL callback to drained, p99 of the latest 8,192 trades', () => (ring()?.drainLatencyP99Ms ?? 0) / 1000);
      registerGauge(registry, 'bridge_callback_p99_seconds', "Time the DLL's thread spent in the shim's trade callback, p99", () => (ring()?.callbackP99Ns ?? 0) / 1e9);
    },
    // closed last-first: stop the DLL feed before the bus it publishes to
    resources: [
      { name: `bus:${bus.kind}`, ping: () => bus.ping(), close: () => bus.close() },
      {
        name: 'profitdll',
        // DEGRADED while a channel is down or reconnecting (non-critical), with the reason in the detail
        async ping() {
          const snapshot = status.snapshot();
          if (snapshot.health !== 'OK') {
            throw new Error(`${snapshot.health}: market data ${snapshot.marketData}, routing ${snapshot.routing}${snapshot.lastError ? `, ${snapshot.lastError}` : ''}`);
          }
        },
        close: async () => {
          status.stop();
          history.close();
          await publisher.stop();
        },
      },
    ],
  });
  logger.info({ library, symbols: config.symbols.length }, 'bridge feeding trades');
  return server;
}
