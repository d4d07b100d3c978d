import { createEventBus, createReadRetry, HealthCheckError, type Logger, MARKET_TOPICS, registerGauge, startSubgraph } from '@b3/kit';
import type { MarketConfig } from './config';
import { createMarketContext, type MarketServices } from './context';
import { buildMarketSchema } from './schema';
import { B3DataService } from './services/b3-data.service';
import { B3ImportService } from './services/b3-import.service';
import { B3UploadService } from './services/b3-upload.service';
import { BookService } from './services/book.service';
import { CandleService } from './services/candle.service';
import { FormingBars } from './services/forming-bars';
import { GammaService } from './services/gamma.service';
import { MarketDataService } from './services/market-data.service';
import { parseSettlement } from './services/parse-book';
import { importSampleData } from './services/sample-data';
import { openDuckDbB3Store } from './store/duckdb-b3.store';
import { openTickStore } from './store/open-tick-store';

/** Trades waiting this long to be written make the service DEGRADED. */
const MAX_WRITE_LAG_MS = 5_000;

/** Composition root: stores → services → bus feed → GraphQL server. */
export async function startMarket(config: MarketConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const store = await openTickStore(config.tickStore, logger);
  const read = createReadRetry();
  const market = new MarketDataService(store, config.instruments, logger, read);
  const bars = new FormingBars();
  const candles = new CandleService(store, bars, read);
  const books = new BookService(logger);
  market.onTrade((trade) => bars.add(trade));
  await candles.seed(market.knownSymbols());
  const b3Store = await openDuckDbB3Store(config.b3Path);
  const b3 = new B3DataService(b3Store, { read });
  const b3Import = new B3ImportService(b3Store, logger);
  if (config.loadSampleData && (await b3Store.isEmpty())) {
    const imported = await importSampleData(b3Import);
    logger.info({ files: imported.length }, 'imported the bundled sample B3 data into an empty store');
  }
  const b3Upload = new B3UploadService(b3Import);
  const services: MarketServices = { market, candles, books, b3, b3Import, b3Upload, gamma: new GammaService(b3) };

  const bus = await createEventBus(config.busUrl, { clientId: 'market', logger });
  const unsubscribe = [
    await bus.subscribe(MARKET_TOPICS.trades, (payload) => market.ingestMessage(payload)),
    await bus.subscribe(MARKET_TOPICS.book, (payload) => books.ingest(payload)),
    await bus.subscribe(MARKET_TOPICS.daily, (payload) => {
      const daily = parseSettlement(payload);
      if (daily) candles.setSettlement(daily.symbol, daily.settlement);
    }),
  ];
  return startSubgraph({
    name: 'market',
    port: config.port,
    logger,
    schema: await buildMarketSchema(),
    context: (base) => createMarketContext(base, services),
    metrics: (registry) => {
      registerGauge(registry, 'market_trades_ingested', 'Trades accepted from the feed since start', () => market.stats().ingested);
      registerGauge(registry, 'market_trades_rejected', 'Malformed trades dropped from the feed', () => market.stats().rejected);
      registerGauge(registry, 'market_ingest_rate', 'Trades per second over the last 10 s', () => market.stats().ingestRate);
      registerGauge(registry, 'market_write_lag_seconds', 'Age of the oldest trade not yet written', () => market.stats().writeLagMs / 1000);
      registerGauge(registry, 'market_pending_rows', 'Trades accepted but not yet readable from the store', () => market.stats().pendingRows);
    },
    healthChecks: [
      {
        name: 'ingest',
        async check() {
          const stats = market.stats();
          const detail = { ...stats, books: books.stats() };
          if (stats.writeLagMs > MAX_WRITE_LAG_MS) throw new HealthCheckError(`trades wait ${stats.writeLagMs} ms to be written`, detail);
          return detail;
        },
      },
    ],
    // closed last-first: stop the feed, flush pending trades, then close the store
    resources: [
      { name: `tick-store:${store.kind}`, critical: true, ping: () => store.ping(), close: () => store.close() },
      { name: 'b3-store:duckdb', ping: () => b3Store.ping(), close: () => b3Store.close() },
      { name: 'b3-import', close: () => b3Import.close() },
      { name: 'market-data', close: () => market.close() },
      { name: `bus:${bus.kind}`, ping: () => bus.ping(), close: () => bus.close() },
      {
        name: 'feed',
        close: async () => {
          bars.close();
          for (const stop of unsubscribe) await stop();
        },
      },
    ],
  });
}
