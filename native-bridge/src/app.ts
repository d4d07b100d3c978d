import { createEventBus, type Logger, startSubgraph } from '@b3/kit';
import type { BridgeConfig } from './config';
import { createProfitMarketData } from './index';
import { buildBridgeSchema } from './schema';
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
  });
  const publisher = new TradePublisher(client, bus, logger);
  await publisher.start(config.symbols);
  const library = config.libraryPath ?? 'SIMULATOR';
  const server = await startSubgraph({
    name: 'bridge',
    port: config.port,
    logger,
    schema: await buildBridgeSchema(),
    context: (base) => ({ ...base, client, publisher, library }),
    // closed last-first: stop the DLL feed before the bus it publishes to
    resources: [
      { name: `bus:${bus.kind}`, ping: () => bus.ping(), close: () => bus.close() },
      {
        name: 'profitdll:market-data',
        async ping() {
          const state = client.state().marketData;
          if (state !== 'CONNECTED') throw new Error(`market data ${state}`);
        },
        close: () => publisher.stop(),
      },
    ],
  });
  logger.info({ library, symbols: config.symbols.length }, 'bridge feeding trades');
  return server;
}
