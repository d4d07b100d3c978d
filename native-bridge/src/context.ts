import type { SubgraphContext } from '@b3/kit';
import type { MarketDataClient } from './index';
import type { TradePublisher } from './services/trade-publisher.service';

export interface BridgeContext extends SubgraphContext {
  client: MarketDataClient;
  publisher: TradePublisher;
  library: string;
}
