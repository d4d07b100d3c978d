import type { Aggressor, TickersQuery, TicksSubscription } from '../../gql/graphql';

/** One live trade, as the ticks subscription delivers it. */
export type Tick = TicksSubscription['ticks'];

/** A symbol in the tickers snapshot, with its last trade (null before the first print). */
export type TickerSnapshot = TickersQuery['tickers'][number];

export type TickDirection = 'up' | 'down' | 'flat';

export interface TickerRowState {
  readonly symbol: string;
  readonly price: string | null;
  readonly quantity: string | null;
  readonly aggressor: Aggressor | null;
  readonly time: string | null;
  /** Ticks received over the subscription since the page loaded; the snapshot does not count. */
  readonly tradeCount: number;
  /** Last price move that was not flat: drives the arrow and the price colour. */
  readonly trend: 'up' | 'down' | null;
  /** Direction of the latest tick: drives the flash, restarted whenever tradeCount changes. */
  readonly lastTick: TickDirection | null;
}
