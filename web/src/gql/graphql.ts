/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  /** Exact decimal number encoded as a string, e.g. "125005" or "38.01". */
  Decimal: { input: string; output: string; }
  /** The `SafeInt` scalar type represents non-fractional signed whole numeric values that are considered safe as defined by the ECMAScript specification. */
  SafeInt: { input: number; output: number; }
};

/** Which side crossed the spread */
export type Aggressor =
  | 'AUCTION'
  | 'BUY'
  | 'CROSS'
  | 'SELL'
  | 'UNKNOWN';

/** Uploads (POST /docs/uploads) to attach to one idea or one system */
export type AttachDocFilesInput = {
  /** 1 to 20 ids from the upload answer */
  fileIds: Array<Scalars['ID']['input']>;
  ideaId?: InputMaybe<Scalars['ID']['input']>;
  systemId?: InputMaybe<Scalars['ID']['input']>;
};

/** CSV with a header row (numbers as 1234.56 or Brazilian 1.234,56) or a JSON array of objects (decimals as strings) */
export type B3ImportFormat =
  | 'CSV'
  | 'JSON';

/** What a B3 data file holds */
export type B3ImportKind =
  | 'ADJUSTMENTS'
  | 'DXY'
  | 'INDICATORS'
  | 'INDICATOR_HISTORY'
  | 'OPTIONS'
  | 'SNAPSHOTS'
  | 'VOL_SURFACE';

export type B3ImportStatus =
  | 'DONE'
  | 'FAILED'
  | 'RUNNING';

/** B3 futures served by the B3 data API: DI1 (DI rate), DDI (cupom cambial), DOL/WDO (US dollar, full/mini), IND/WIN (Ibovespa, full/mini), DAP (IPCA coupon), FRC (FRA de cupom), BGI (live cattle), CCM (corn), ICF (arabica coffee), ISP (S&P 500) */
export type B3Instrument =
  | 'BGI'
  | 'CCM'
  | 'DAP'
  | 'DDI'
  | 'DI1'
  | 'DOL'
  | 'FRC'
  | 'ICF'
  | 'IND'
  | 'ISP'
  | 'WDO'
  | 'WIN';

/** PRELIMINARY: may still change; FINAL: the official settlement; SUSPENDED: not traded, price carried over */
export type B3SnapshotStatus =
  | 'FINAL'
  | 'PRELIMINARY'
  | 'SUSPENDED';

export type BridgeSymbolInput = {
  /** Exchange letter: B for Bovespa equities, F for BMF futures */
  exchange: Scalars['String']['input'];
  /** B3 ticker, e.g. PETR4, WINZ26 */
  symbol: Scalars['String']['input'];
};

export type BulkUpdateIdeasInput = {
  /** 1 to 500 ideas */
  ids: Array<Scalars['ID']['input']>;
  priority?: InputMaybe<IdeaPriority>;
  status?: InputMaybe<IdeaStatus>;
};

/** Bar length; D1 bars are São Paulo calendar days, shorter bars are aligned to the clock */
export type CandleInterval =
  | 'D1'
  | 'H1'
  | 'M1'
  | 'M5'
  | 'M15';

/** HIGH from 0.7, MEDIUM from 0.4, LOW below */
export type ConfidenceLabel =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

export type CreateDocIdeaInput = {
  /** 1 to 1000 */
  actualHours?: InputMaybe<Scalars['Float']['input']>;
  /** At most 120 characters */
  assignee?: InputMaybe<Scalars['String']['input']>;
  /** At most 64 characters */
  category?: InputMaybe<Scalars['String']['input']>;
  /** At most 10000 characters */
  description?: InputMaybe<Scalars['String']['input']>;
  /** YYYY-MM-DD */
  dueDate?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 1000 */
  estimatedHours?: InputMaybe<Scalars['Float']['input']>;
  /** 0-based place in the column; defaults to last */
  position?: InputMaybe<Scalars['Int']['input']>;
  /** Defaults to MEDIUM */
  priority?: InputMaybe<DocIdeaPriority>;
  /** Column; defaults to BACKLOG */
  status?: InputMaybe<DocIdeaStatus>;
  /** A registered System */
  systemId?: InputMaybe<Scalars['ID']['input']>;
  /** 1 to 200 characters */
  title: Scalars['String']['input'];
};

export type CreateIdeaInput = {
  /** An active IdeaCategory (see ideaCategories) */
  categoryId: Scalars['ID']['input'];
  /** Markdown, 1 to 2000 characters */
  description: Scalars['String']['input'];
  /** Default MEDIUM */
  priority?: InputMaybe<IdeaPriority>;
  /** A Signal id from the signals subgraph */
  signalId?: InputMaybe<Scalars['ID']['input']>;
  /** Normalised to lower case, unique; at most 10 of up to 32 characters */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** B3 ticker, e.g. PETR4 */
  ticker?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 200 characters, one line */
  title: Scalars['String']['input'];
};

export type DocIdeaPriority =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM'
  | 'URGENT';

/** The board’s columns, left to right */
export type DocIdeaStatus =
  | 'BACKLOG'
  | 'DONE'
  | 'IN_PROGRESS'
  | 'REVIEW'
  | 'TODO';

export type HealthStatus =
  /** Serving, but a non-critical dependency is failing */
  | 'DEGRADED'
  /** Not answering, or a critical dependency is failing */
  | 'DOWN'
  | 'OK';

/** For an update, missing or null fields keep their value; "" clears the icon */
export type IdeaCategoryInput = {
  /** Default true */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** #RRGGBB (default #64748B) */
  color?: InputMaybe<Scalars['String']['input']>;
  /** An icon name, e.g. chart-line */
  icon?: InputMaybe<Scalars['String']['input']>;
  /** Required when creating; 1 to 60 characters, unique */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Listing order, lowest first (default: after the last) */
  order?: InputMaybe<Scalars['Int']['input']>;
  /** Unique; taken from the name when creating without one */
  slug?: InputMaybe<Scalars['String']['input']>;
};

export type IdeaChangeKind =
  | 'CREATED'
  | 'DELETED'
  | 'UPDATED';

/** Every field given narrows the list */
export type IdeaFilter = {
  /** An author's user id */
  author?: InputMaybe<Scalars['String']['input']>;
  /** An IdeaCategory id */
  category?: InputMaybe<Scalars['ID']['input']>;
  /** Created at or after */
  createdFrom?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Created before */
  createdTo?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Any of these */
  priority?: InputMaybe<Array<IdeaPriority>>;
  /** Any of these */
  status?: InputMaybe<Array<IdeaStatus>>;
  /** Ideas with this tag */
  tag?: InputMaybe<Scalars['String']['input']>;
  /** Full-text search over title and description (Portuguese stemming; "quoted phrases", or, -word) */
  text?: InputMaybe<Scalars['String']['input']>;
  /** B3 ticker, any case */
  ticker?: InputMaybe<Scalars['String']['input']>;
};

/** Every order is total (the id breaks ties); PRIORITY_DESC is the most urgent first, newest first within a priority */
export type IdeaOrderBy =
  | 'CREATED_AT_ASC'
  | 'CREATED_AT_DESC'
  | 'PRIORITY_ASC'
  | 'PRIORITY_DESC'
  | 'UPDATED_AT_ASC'
  | 'UPDATED_AT_DESC';

export type IdeaPriority =
  | 'CRITICAL'
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

/** Review lifecycle; the allowed moves are in ideaStatusTransitions */
export type IdeaStatus =
  | 'COMPLETED'
  | 'IN_PROGRESS'
  | 'NEW'
  | 'REJECTED'
  | 'REVIEW';

/** Where the price a position is valued at came from */
export type MarkSource =
  /** No market price at all: the position's own last fill */
  | 'LAST_FILL'
  /** The market's last trade today */
  | 'LAST_TRADE'
  /** Flat: no price needed */
  | 'NONE'
  /** No trade yet today: the previous close (futures: settlement) the day started from */
  | 'SESSION_START';

export type MarketDirection =
  | 'BUY'
  | 'HOLD'
  | 'SELL';

export type MarketIndicator =
  /** Wilder's ATR(14): volatility, never votes */
  | 'ATR'
  /** Close against the Bollinger(20,2) middle (weight 1) */
  | 'BOLLINGER'
  /** Close against EMA 9/21/50 (weight 2) */
  | 'EMA_TREND'
  /** MACD(12,26,9) line and histogram (weight 2) */
  | 'MACD'
  /** Wilder's RSI(14): ≥ 55 buy, ≤ 45 sell (weight 2) */
  | 'RSI'
  /** Close against the session's VWAP (weight 1) */
  | 'VWAP';

/** A hypothetical options chain to evaluate */
export type OptionChainInput = {
  /** Snapshot instant; time to expiry is measured from it */
  asOf: Scalars['DateTimeISO']['input'];
  options: Array<OptionQuoteInput>;
  /** Continuously compounded annual risk-free rate as a fraction (0.1075 = 10.75 %) */
  rate: Scalars['Float']['input'];
  /** Underlying symbol, e.g. PETR4 */
  underlying: Scalars['String']['input'];
  /** Underlying (forward) price, exact decimal */
  underlyingPrice: Scalars['Decimal']['input'];
};

/** Call or put */
export type OptionKind =
  | 'CALL'
  | 'PUT';

/** One option of a hypothetical chain */
export type OptionQuoteInput = {
  /** Expiry date in São Paulo, YYYY-MM-DD */
  expiry: Scalars['String']['input'];
  /** Annualised implied volatility as a fraction (0.25 = 25 %), calendar-day basis */
  impliedVol: Scalars['Float']['input'];
  kind: OptionKind;
  /** Units of the underlying per contract (100 for most B3 stock options) */
  multiplier: Scalars['Int']['input'];
  /** Contracts open */
  openInterest: Scalars['Int']['input'];
  /** Strike, exact decimal, at most 4 decimals */
  strike: Scalars['Decimal']['input'];
  /** Option ticker, e.g. PETRL380 */
  symbol: Scalars['String']['input'];
  /** Defaults to the chain's underlying */
  underlying?: InputMaybe<Scalars['String']['input']>;
};

export type OrderFilterInput = {
  /** Defaults to your own account; only an admin may name another */
  account?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<OrderStatus>;
  symbol?: InputMaybe<Scalars['String']['input']>;
};

export type OrderSide =
  | 'BUY'
  | 'SELL';

export type OrderStatus =
  /** Cancelled; fills before the cancel took effect still count */
  | 'CANCELED'
  /** Ended by its time in force */
  | 'EXPIRED'
  /** Could not be routed; the broker never saw it (see rejectReason) */
  | 'FAILED'
  /** The whole quantity filled */
  | 'FILLED'
  /** Working, with part of the quantity filled */
  | 'PARTIALLY_FILLED'
  /** Accepted and stored by the platform, not yet acknowledged by the broker */
  | 'PENDING'
  /** Refused by the broker or the exchange (see rejectReason) */
  | 'REJECTED'
  /** Acknowledged by the broker and working, nothing filled yet */
  | 'SUBMITTED';

export type OrderType =
  /** Executes at `price` or better */
  | 'LIMIT'
  /** Executes at the best available price; takes no price */
  | 'MARKET'
  /** Becomes a MARKET order once the market trades at `stopPrice` */
  | 'STOP'
  /** Becomes a LIMIT order at `price` once the market trades at `stopPrice` */
  | 'STOP_LIMIT';

export type PlaceOrderInput = {
  /** Defaults to your own account; only an admin may name another */
  account?: InputMaybe<Scalars['String']['input']>;
  /** Your name for this order, 8–64 of A-Z a-z 0-9 _ -: placing again with the same key returns the first order */
  idempotencyKey: Scalars['String']['input'];
  /** Limit price for LIMIT and STOP_LIMIT, empty otherwise; on the instrument's tick, at most 2 decimals */
  price?: InputMaybe<Scalars['Decimal']['input']>;
  /** 1 to 999,999, a multiple of the instrument's lot */
  quantity: Scalars['Int']['input'];
  side: OrderSide;
  /** Trigger price for STOP and STOP_LIMIT, empty otherwise */
  stopPrice?: InputMaybe<Scalars['Decimal']['input']>;
  /** B3 ticker: a stock (PETR4, lot 100), a fractional ticker (PETR4F, lot 1) or a future (WINZ26, lot 1) */
  symbol: Scalars['String']['input'];
  timeInForce?: TimeInForce;
  type: OrderType;
};

export type PositionSide =
  | 'FLAT'
  | 'LONG'
  | 'SHORT';

export type PostSignalMessageInput = {
  /** Manual channel name (default: your user id); stored as chat "manual:<name>" */
  channel?: InputMaybe<Scalars['String']['input']>;
  /** The message as a channel would post it, e.g. "COMPRA PETR4 entrada 38,50 stop 37,90 alvo 39,80" */
  text: Scalars['String']['input'];
};

export type RecommendationAction =
  /** Risk refuses, nothing fits, the signal is closed, or the analysis disagrees */
  | 'SKIP'
  /** Risk approves, a size fits and the analysis agrees with HIGH confidence */
  | 'TAKE'
  /** Nothing forbids it, but the market does not confirm it strongly */
  | 'WATCH';

export type RecommendationFilter = {
  /** Defaults to your own account; an admin may name any (naming none: every account) */
  account?: InputMaybe<Scalars['String']['input']>;
  action?: InputMaybe<RecommendationAction>;
  /** Created at or after */
  from?: InputMaybe<Scalars['DateTimeISO']['input']>;
  signalId?: InputMaybe<Scalars['ID']['input']>;
  /** B3 ticker, any case */
  symbol?: InputMaybe<Scalars['String']['input']>;
  /** Created before */
  to?: InputMaybe<Scalars['DateTimeISO']['input']>;
};

export type RecommendationTrigger =
  | 'NEW_SIGNAL'
  | 'ON_DEMAND'
  | 'SCHEDULE';

/** What a daily change is measured against */
export type ReferenceKind =
  | 'PREVIOUS_CLOSE'
  | 'SETTLEMENT';

export type RegisterSystemInput = {
  /** 1 to 2000 characters */
  description: Scalars['String']['input'];
  /** Defaults to the URL's host */
  host?: InputMaybe<Scalars['String']['input']>;
  /** Unique name, 2 to 64 letters, digits, dots, dashes or underscores; stored lower case */
  name: Scalars['String']['input'];
  /** At most 120 characters */
  owner?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 65535; defaults to the URL's port */
  port?: InputMaybe<Scalars['Int']['input']>;
  /** Up to 20, each 1 to 32 lower-case letters, digits or dashes */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Defaults to TOOL */
  type?: InputMaybe<SystemKind>;
  /** http(s) URL, what the health checker probes */
  url?: InputMaybe<Scalars['String']['input']>;
  /** At most 64 characters */
  version?: InputMaybe<Scalars['String']['input']>;
};

/** What to change on a working order; an empty field keeps its value */
export type ReplaceOrderInput = {
  /** New limit price (LIMIT, STOP_LIMIT), on the instrument's tick */
  price?: InputMaybe<Scalars['Decimal']['input']>;
  /** New total quantity, above what has already filled */
  quantity?: InputMaybe<Scalars['Int']['input']>;
};

/** HIGH: not approved; MEDIUM: approved with a warning (half the daily loss used, a position near its cap, unknown or high volatility); LOW otherwise */
export type RiskLevel =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

/** Fields left out keep their current value */
export type RiskLimitsInput = {
  /** BRL, 100 to 1,000,000 */
  dailyLossLimit?: InputMaybe<Scalars['Decimal']['input']>;
  maxOrderNotional?: InputMaybe<Scalars['Decimal']['input']>;
  /** 1 to 999,999 */
  maxOrderQuantity?: InputMaybe<Scalars['Int']['input']>;
  maxOrdersPerSecond?: InputMaybe<Scalars['Int']['input']>;
  maxPositionPerSymbol?: InputMaybe<Scalars['Int']['input']>;
  /** Greater than 0, at most 100 */
  priceBandPct?: InputMaybe<Scalars['Decimal']['input']>;
};

/** An order being considered; validated like placeOrder, never written */
export type RiskPreviewInput = {
  /** Defaults to your own account; only an admin may name another */
  account?: InputMaybe<Scalars['String']['input']>;
  price?: InputMaybe<Scalars['Decimal']['input']>;
  quantity: Scalars['Int']['input'];
  side: OrderSide;
  stopPrice?: InputMaybe<Scalars['Decimal']['input']>;
  symbol: Scalars['String']['input'];
  type: OrderType;
};

/** Pre-trade rules, in the order they are checked */
export type RiskRule =
  | 'DAILY_LOSS'
  | 'KILL_SWITCH'
  | 'MAX_ORDER_NOTIONAL'
  | 'MAX_ORDER_QUANTITY'
  | 'MAX_POSITION'
  | 'ORDER_RATE'
  | 'PRICE_BAND'
  | 'TRADING_HOURS';

/** Trading phase of the B3 cash equities market */
export type SessionPhase =
  | 'AFTER_MARKET'
  | 'CLOSED'
  | 'CLOSING_CALL'
  | 'OPEN'
  | 'PRE_OPENING';

/** For an update, empty fields keep their value */
export type SignalChannelInput = {
  /** Telegram's chat id, e.g. -1001234567890 */
  chatId?: InputMaybe<Scalars['String']['input']>;
  /** Defaults to true when registering */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** 1 to 128 characters */
  title?: InputMaybe<Scalars['String']['input']>;
  /** Public @username, for message links */
  username?: InputMaybe<Scalars['String']['input']>;
};

export type SignalFilter = {
  /** B3 ticker, any case */
  asset?: InputMaybe<Scalars['String']['input']>;
  /** A SignalChannel id */
  channelId?: InputMaybe<Scalars['String']['input']>;
  /** Posted at or after */
  from?: InputMaybe<Scalars['DateTimeISO']['input']>;
  side?: InputMaybe<SignalSide>;
  status?: InputMaybe<SignalStatus>;
  /** Posted before */
  to?: InputMaybe<Scalars['DateTimeISO']['input']>;
};

/** Only when the message states it */
export type SignalKind =
  | 'DAY'
  | 'POSITION'
  | 'SWING';

export type SignalMessageFilter = {
  channelId?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<SignalMessageStatus>;
};

export type SignalMessageStatus =
  | 'FAILED'
  | 'IGNORED'
  | 'PARSED'
  | 'RECEIVED';

export type SignalSide =
  | 'BUY'
  | 'SELL';

/** From the channel's follow-ups and the market's trades; EXPIRED: still open past its validity */
export type SignalStatus =
  | 'CANCELED'
  | 'CLOSED'
  | 'EXPIRED'
  | 'HIT_TARGET'
  | 'OPEN'
  | 'STOPPED';

export type SignalUpdateKind =
  | 'CANCELED'
  | 'CLOSED'
  | 'PARTIAL_EXIT'
  | 'STOPPED'
  | 'TARGET_HIT';

export type SystemFilter = {
  status?: InputMaybe<SystemStatus>;
  tag?: InputMaybe<Scalars['String']['input']>;
  type?: InputMaybe<SystemKind>;
};

/** Decides the health probe: SUBGRAPH and API get GET /health on their origin, the others GET of their URL */
export type SystemKind =
  | 'API'
  | 'DOCS'
  | 'SUBGRAPH'
  | 'TOOL'
  | 'WEBAPP';

export type SystemStatus =
  /** Answering, but reporting a failing dependency, an error code, or slowly */
  | 'DEGRADED'
  /** Not answering in time, or reporting itself down */
  | 'OFFLINE'
  | 'ONLINE'
  /** Not checked yet, or nothing to probe */
  | 'UNKNOWN';

export type TelegramChatInput = {
  /** Telegram's chat id (the export's `id`; channels are negative, e.g. -1001234567890) */
  id: Scalars['String']['input'];
  title?: InputMaybe<Scalars['String']['input']>;
  username?: InputMaybe<Scalars['String']['input']>;
};

export type TelegramMessageInput = {
  /** When it was sent (ISO 8601) */
  date: Scalars['DateTimeISO']['input'];
  editedAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  messageId: Scalars['Int']['input'];
  replyToMessageId?: InputMaybe<Scalars['Int']['input']>;
  text: Scalars['String']['input'];
};

export type TimeInForce =
  /** Until the end of the trading session */
  | 'DAY'
  /** Fill or kill: all at once, or nothing */
  | 'FOK'
  /** Good till cancelled: stays working across sessions */
  | 'GTC'
  /** Immediate or cancel: whatever fills at once, the rest is cancelled */
  | 'IOC';

export type TradeSide =
  | 'BUY'
  | 'SELL';

/** Absent fields keep their value; null clears an optional one. Column and place change with moveDocIdea */
export type UpdateDocIdeaInput = {
  actualHours?: InputMaybe<Scalars['Float']['input']>;
  assignee?: InputMaybe<Scalars['String']['input']>;
  category?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  dueDate?: InputMaybe<Scalars['String']['input']>;
  estimatedHours?: InputMaybe<Scalars['Float']['input']>;
  priority?: InputMaybe<DocIdeaPriority>;
  systemId?: InputMaybe<Scalars['ID']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Missing or null fields keep their value; "" clears ticker and signalId */
export type UpdateIdeaInput = {
  /** An active IdeaCategory */
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  /** The version you read: a change made since is a CONFLICT instead of being overwritten */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  priority?: InputMaybe<IdeaPriority>;
  signalId?: InputMaybe<Scalars['String']['input']>;
  /** A move the transition table allows (ideaStatusTransitions) */
  status?: InputMaybe<IdeaStatus>;
  /** Replaces the tags */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  ticker?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Absent fields keep their value; null clears an optional one. A platform service's name, type, URL, host, port and version are the platform's */
export type UpdateSystemInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  host?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  owner?: InputMaybe<Scalars['String']['input']>;
  port?: InputMaybe<Scalars['Int']['input']>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  type?: InputMaybe<SystemKind>;
  url?: InputMaybe<Scalars['String']['input']>;
  version?: InputMaybe<Scalars['String']['input']>;
};

/** A trade being considered, checked as a LIMIT order; nothing is placed or recorded */
export type ValidateTradeInput = {
  /** Defaults to your own account; only an admin may name another */
  account?: InputMaybe<Scalars['String']['input']>;
  /** The bars the ATR is read from */
  interval?: CandleInterval;
  /** Limit price */
  price: Scalars['Decimal']['input'];
  /** A multiple of the lot (stocks 100, futures 1) */
  quantity: Scalars['Int']['input'];
  side: TradeSide;
  /** Where it would be stopped out; empty: 2 × ATR(14) from the price */
  stopPrice?: InputMaybe<Scalars['Decimal']['input']>;
  symbol: Scalars['String']['input'];
};

export type CandleFieldsFragment = { symbol: string, interval: CandleInterval, start: string, end: string, open: string, high: string, low: string, close: string, volume: number, trades: number, turnover: string, vwap: string, closed: boolean };

export type CandleHistoryQueryVariables = Exact<{
  symbol: Scalars['String']['input'];
  interval: CandleInterval;
  limit: Scalars['Int']['input'];
}>;


export type CandleHistoryQuery = { ticker: { symbol: string, candles: Array<{ symbol: string, interval: CandleInterval, start: string, end: string, open: string, high: string, low: string, close: string, volume: number, trades: number, turnover: string, vwap: string, closed: boolean }> } };

export type CandleUpdatesSubscriptionVariables = Exact<{
  symbol: Scalars['String']['input'];
  interval: CandleInterval;
}>;


export type CandleUpdatesSubscription = { candles: { symbol: string, interval: CandleInterval, start: string, end: string, open: string, high: string, low: string, close: string, volume: number, trades: number, turnover: string, vwap: string, closed: boolean } };

export type BridgeStatusSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type BridgeStatusSubscription = { bridgeStatus: { health: string, login: string, activation: string, marketData: string, routing: string, library: string, tradePath: string, tradesReceived: number, tradesPublished: number, tradesPerSecond: number, queueDepth: number, ringCapacity: number, ringDropped: number, callbackP99Micros: number, drainLatencyP99Ms: number, duplicatesDropped: number, reinitializations: number, nextReconnectInMs: number | null, lastError: string | null, updatedAt: string, subscriptions: Array<{ symbol: string, exchange: string, book: boolean }> } };

export type PlatformStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type PlatformStatusQuery = { platformStatus: { overall: HealthStatus, checkedAt: string, services: Array<{ name: string, status: HealthStatus, latencyMs: number | null, url: string }> } };

export type TickersQueryVariables = Exact<{
  symbols: Array<Scalars['String']['input']> | Scalars['String']['input'];
}>;


export type TickersQuery = { tickers: Array<{ symbol: string, lastTrade: { price: string, quantity: number, time: string, aggressor: Aggressor } | null }> };

export type TicksSubscriptionVariables = Exact<{
  symbols: Array<Scalars['String']['input']> | Scalars['String']['input'];
}>;


export type TicksSubscription = { ticks: { symbol: string, price: string, quantity: number, aggressor: Aggressor, time: string } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const CandleFieldsFragmentDoc = new TypedDocumentString(`
    fragment CandleFields on Candle {
  symbol
  interval
  start
  end
  open
  high
  low
  close
  volume
  trades
  turnover
  vwap
  closed
}
    `, {"fragmentName":"CandleFields"}) as unknown as TypedDocumentString<CandleFieldsFragment, unknown>;
export const CandleHistoryDocument = new TypedDocumentString(`
    query CandleHistory($symbol: String!, $interval: CandleInterval!, $limit: Int!) {
  ticker(symbol: $symbol) {
    symbol
    candles(interval: $interval, limit: $limit) {
      ...CandleFields
    }
  }
}
    fragment CandleFields on Candle {
  symbol
  interval
  start
  end
  open
  high
  low
  close
  volume
  trades
  turnover
  vwap
  closed
}`, {"hash":"81601bfb1f458c5d11aa35526a39aa9447717db9ffbbd31d104ffa111cbbe909"}) as unknown as TypedDocumentString<CandleHistoryQuery, CandleHistoryQueryVariables>;
export const CandleUpdatesDocument = new TypedDocumentString(`
    subscription CandleUpdates($symbol: String!, $interval: CandleInterval!) {
  candles(symbol: $symbol, interval: $interval) {
    ...CandleFields
  }
}
    fragment CandleFields on Candle {
  symbol
  interval
  start
  end
  open
  high
  low
  close
  volume
  trades
  turnover
  vwap
  closed
}`, {"hash":"6fa97030e8b4c77c3e3adaf1c5bf0e5010481f20b7223ae2449474ffb9881d41"}) as unknown as TypedDocumentString<CandleUpdatesSubscription, CandleUpdatesSubscriptionVariables>;
export const BridgeStatusDocument = new TypedDocumentString(`
    subscription BridgeStatus {
  bridgeStatus {
    health
    login
    activation
    marketData
    routing
    library
    tradePath
    tradesReceived
    tradesPublished
    tradesPerSecond
    queueDepth
    ringCapacity
    ringDropped
    callbackP99Micros
    drainLatencyP99Ms
    duplicatesDropped
    reinitializations
    nextReconnectInMs
    lastError
    subscriptions {
      symbol
      exchange
      book
    }
    updatedAt
  }
}
    `, {"hash":"07c0f62eacfb06421f82b357b244401d005c310dec2c8459588245c5ddc91a64"}) as unknown as TypedDocumentString<BridgeStatusSubscription, BridgeStatusSubscriptionVariables>;
export const PlatformStatusDocument = new TypedDocumentString(`
    query PlatformStatus {
  platformStatus {
    overall
    checkedAt
    services {
      name
      status
      latencyMs
      url
    }
  }
}
    `, {"hash":"b021216c489f78389a59870ed2570cbf1ebb38d6cc55652a40ba2f2451e6b44e"}) as unknown as TypedDocumentString<PlatformStatusQuery, PlatformStatusQueryVariables>;
export const TickersDocument = new TypedDocumentString(`
    query Tickers($symbols: [String!]!) {
  tickers(symbols: $symbols) {
    symbol
    lastTrade {
      price
      quantity
      time
      aggressor
    }
  }
}
    `, {"hash":"6c0201647951d8d679494f254522073581a57f87e1124ffb7c9dc5d7afea6be9"}) as unknown as TypedDocumentString<TickersQuery, TickersQueryVariables>;
export const TicksDocument = new TypedDocumentString(`
    subscription Ticks($symbols: [String!]!) {
  ticks(symbols: $symbols) {
    symbol
    price
    quantity
    aggressor
    time
  }
}
    `, {"hash":"2164a5bbb6ff2f2373dd7c57fc0238d0ff44d67c47f61381a928a1521e1f5c86"}) as unknown as TypedDocumentString<TicksSubscription, TicksSubscriptionVariables>;