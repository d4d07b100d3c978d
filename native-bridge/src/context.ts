import type { SubgraphContext } from '@b3/kit';
import type { MarketDataClient } from './index';
import type { BridgeStatusService } from './services/bridge-status.service';
import type { HistoryBackfillService } from './services/history-backfill.service';
import type { OrderUpdatesService } from './services/order-updates.service';
import type { TradePublisher } from './services/trade-publisher.service';

export interface BridgeContext extends SubgraphContext {
  client: MarketDataClient;
  publisher: TradePublisher;
  status: BridgeStatusService;
  routingUpdates: OrderUpdatesService;
  history: HistoryBackfillService;
}
