export const TRADE_SIDES = ['BUY', 'SELL'] as const;
export type TradeSide = (typeof TRADE_SIDES)[number];

/** The signals subgraph's statuses, letter for letter; only an OPEN signal can still be entered. */
export const SIGNAL_STATUSES = ['OPEN', 'HIT_TARGET', 'STOPPED', 'EXPIRED', 'CANCELED', 'CLOSED'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

/** What the agents read of a signal (signals owns it; this is a copy fetched when needed, never stored). */
export interface TradeSignal {
  readonly id: string;
  readonly asset: string;
  readonly side: TradeSide;
  /** Exact decimal text. */
  readonly entryMin: string;
  readonly entryMax: string;
  readonly stop: string | null;
  readonly targets: readonly string[];
  readonly status: SignalStatus;
  readonly postedAt: Date;
}

/** The price a signal would be entered at for risk purposes: the dearer end of its range for a buy, the cheaper for a sell. */
export const entryPriceOf = (signal: TradeSignal): string => (signal.side === 'BUY' ? signal.entryMax : signal.entryMin);
