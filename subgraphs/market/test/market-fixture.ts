import { createLogger, testContext } from '@b3/kit';
import { createMarketContext, type MarketContext, type MarketServices } from '../src/context';
import { parseInstrumentList } from '../src/domain/instrument';
import { B3DataService } from '../src/services/b3-data.service';
import { B3ImportService } from '../src/services/b3-import.service';
import { B3UploadService } from '../src/services/b3-upload.service';
import { BookService } from '../src/services/book.service';
import { CandleService } from '../src/services/candle.service';
import { FormingBars } from '../src/services/forming-bars';
import { GammaService } from '../src/services/gamma.service';
import { MarketDataService } from '../src/services/market-data.service';
import { openDuckDbB3Store } from '../src/store/duckdb-b3.store';
import type { TickStore } from '../src/store/tick.store';

export interface MarketFixture extends MarketServices {
  bars: FormingBars;
  ctx(): MarketContext;
  close(): Promise<void>;
}

/** The market's services wired as the composition root wires them, on a given store and clock. */
export async function createMarketFixture(store: TickStore, symbols = 'PETR4:B,VALE3:B,WINZ26:F', now: () => number = Date.now): Promise<MarketFixture> {
  const logger = createLogger('test', 'silent');
  const b3Store = await openDuckDbB3Store(':memory:');
  const b3 = new B3DataService(b3Store, { read: (read) => read(), now });
  const b3Import = new B3ImportService(b3Store, logger);
  const market = new MarketDataService(store, parseInstrumentList(symbols), logger);
  const bars = new FormingBars(now, 60_000);
  const candles = new CandleService(store, bars, (read) => read(), now);
  const books = new BookService(logger);
  market.onTrade((trade) => bars.add(trade));
  const services: MarketServices = { market, candles, books, b3, b3Import, b3Upload: new B3UploadService(b3Import), gamma: new GammaService(b3) };
  return {
    ...services,
    bars,
    ctx: () => createMarketContext(testContext(), services),
    async close() {
      bars.close();
      await market.close();
      await b3Import.close();
      await b3Store.close();
    },
  };
}
