import type { EventBus, Logger } from '@b3/kit';
import type { BridgeTrade, MarketDataClient } from '../index';

/** Topic per symbol so consumers can take one instrument or all (`market.trades.*`). */
export const tradeTopic = (symbol: string): string => `market.trades.${symbol}`;

/**
 * Moves trades from the DLL to the bus. The bridge only translates: prices arrive here already
 * as exact decimal strings and times as UTC ISO, so nothing downstream sees DLL encodings.
 */
export class TradePublisher {
  private published = 0;
  private failed = 0;
  private readonly subscribed: string[] = [];
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly client: MarketDataClient,
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  async start(symbols: ReadonlyArray<{ symbol: string; exchange: string }>): Promise<void> {
    this.unsubscribe = this.client.onTrade((trade) => this.publish(trade));
    await this.client.start();
    for (const { symbol, exchange } of symbols) {
      await this.client.subscribe(symbol, exchange);
      this.subscribed.push(`${symbol}:${exchange}`);
    }
  }

  private publish(trade: BridgeTrade): void {
    this.bus.publish(tradeTopic(trade.symbol), trade).then(
      () => void this.published++,
      (error: unknown) => {
        this.failed++;
        if (this.failed % 100 === 1) this.logger.warn({ err: error, failed: this.failed }, 'could not publish trade to the bus');
      },
    );
  }

  stats(): { published: number; failed: number; subscriptions: string[] } {
    return { published: this.published, failed: this.failed, subscriptions: [...this.subscribed] };
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.client.stop();
  }
}
