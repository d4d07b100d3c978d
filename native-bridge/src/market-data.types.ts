export const AGGRESSORS = ['BUY', 'SELL', 'CROSS', 'AUCTION', 'UNKNOWN'] as const;
export type Aggressor = (typeof AGGRESSORS)[number];

export interface BridgeTrade {
  symbol: string;
  exchange: string;
  /** Decimal string on the instrument's tick grid, e.g. "125005" or "38.01". */
  price: string;
  quantity: number;
  /** Unique per instrument and session; an edit repeats the number of the trade it corrects. */
  tradeNumber: number;
  aggressor: Aggressor;
  /** UTC ISO-8601 with milliseconds. */
  time: string;
  isEdit: boolean;
}

export const LOGIN_STATES = ['PENDING', 'CONNECTED', 'FAILED'] as const;
export const ACTIVATION_STATES = ['PENDING', 'VALID', 'INVALID'] as const;
export const MARKET_DATA_STATES = ['DISCONNECTED', 'CONNECTING', 'WAITING', 'NOT_LOGGED', 'CONNECTED', 'DEGRADED'] as const;

export interface ConnectionState {
  login: (typeof LOGIN_STATES)[number];
  activation: (typeof ACTIVATION_STATES)[number];
  marketData: (typeof MARKET_DATA_STATES)[number];
  /** DISABLED for a market-data-only login, otherwise the routing channel's state, e.g. BROKER_CONNECTED. */
  routing: string;
}

export interface InstrumentRef {
  symbol: string;
  exchange: string;
}

export interface InstrumentSpec extends InstrumentRef {
  /** Minimum price increment as a decimal string, e.g. "5", "0.5", "0.01". */
  tick: string;
}

export interface BridgeBookLevel {
  /** Decimal string on the tick grid. */
  price: string;
  quantity: number;
  /** Offers at this price. */
  orders: number;
}

/** Aggregated book (price depth), at most 10 levels a side, best first. */
export interface BridgeBook {
  symbol: string;
  exchange: string;
  bids: BridgeBookLevel[];
  asks: BridgeBookLevel[];
  /** The instrument is in auction (the DLL's theoretical slot is not among the levels). */
  auction: boolean;
  /** Increases with every snapshot the bridge took; a gap means intermediate states were conflated. */
  sequence: number;
  /** UTC ISO-8601 of the moment the bridge read the book. */
  time: string;
}

/** The DLL's daily aggregate of an instrument, latest state. */
export interface BridgeDaily {
  symbol: string;
  exchange: string;
  open: string;
  high: string;
  low: string;
  close: string;
  /** Previous settlement (dAjuste). */
  settlement: string;
  /** Financial volume in BRL, as the DLL computes it (a double): for display, not accounting. */
  volume: number;
  quantity: number;
  trades: number;
  openInterest: number;
}

export interface HistoryProgress extends InstrumentRef {
  /** 0..100 as the DLL reports it. */
  progress: number;
}
