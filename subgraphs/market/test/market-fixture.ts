import { createLogger, testContext } from '@b3/kit';
import { createMarketContext, type MarketContext, type MarketServices } from '../src/context';
import { parseInstrumentList } from '../src/domain/instrument';
import { BookService } from '../src/services/book.service';
import { CandleService } from '../src/services/candle.service';
import { FormingBars } from '../src/services/forming-bars';
import { MarketDataService } from '../src/services/market-data.service';
import type { TickStore } from '../src/store/tick.store';

export interface MarketFixture extends MarketServices {
  bars: FormingBars;
  ctx(): MarketContext;
  close(): Promise<void>;
}

/** The market's services wired as the composition root wires them, on a given store and clock. */
export function createMarketFixture(store: TickStore, symbols = 'PETR4:B,VALE3:B,WINZ26:F', now: () => number = Date.now): MarketFixture {
  const logger = createLogger('test', 'silent');
  const market = new MarketDataService(store, parseInstrumentList(symbols), logger);
  const bars = new FormingBars(now, 60_000);
  const candles = new CandleService(store, bars, (read) => read(), now);
  const books = new BookService(logger);
  market.onTrade((trade) => bars.add(trade));
  const services = { market, candles, books };
  return {
    ...services,
    bars,
    ctx: () => createMarketContext(testContext(), services),
    async close() {
      bars.close();
      await market.close();
    },
  };
}
