import { createEventBus, type Logger, startSubgraph } from '@b3/kit';
import type { MarketConfig } from './config';
import { createMarketContext } from './context';
import { buildMarketSchema } from './schema';
import { MarketDataService } from './services/market-data.service';
import { TRADES_TOPIC_PREFIX } from './services/trade-feed.port';
import { openDuckDbTradeStore } from './store/duckdb-trade.store';

/** Composition root: store → service → bus feed → GraphQL server. */
export async function startMarket(config: MarketConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const store = await openDuckDbTradeStore(config.duckdbPath);
  const market = new MarketDataService(store, config.instruments, logger);
  const bus = await createEventBus(config.busUrl, { clientId: 'market', logger });
  await market.connect({ subscribe: (handler) => bus.subscribe(`${TRADES_TOPIC_PREFIX}.*`, handler) });
  return startSubgraph({
    name: 'market',
    port: config.port,
    logger,
    schema: await buildMarketSchema(),
    context: (base) => createMarketContext(base, market),
    // closed last-first: the service flushes pending trades before the bus and the store go away
    resources: [
      { name: `trade-store:${store.kind}`, critical: true, ping: () => store.ping(), close: () => store.close() },
      { name: `bus:${bus.kind}`, ping: () => bus.ping(), close: () => bus.close() },
      { name: 'market-data', close: () => market.close() },
    ],
  });
}
