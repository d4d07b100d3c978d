import { parsePrice, type Price } from '../values/price';

/**
 * The market feed on the bus, as a contract between the native bridge (publisher) and every subscriber:
 * topic patterns (one topic per symbol; see docs/event-bus.md) and defensive readers for the messages,
 * which are untrusted JSON like anything off a wire.
 */
export const MARKET_TOPICS = {
  trades: 'market.trades.*',
  book: 'market.book.*',
  daily: 'market.daily.*',
} as const;

/** What subscribers use of one trade; the message carries more (exchange, quantity, aggressor). */
export interface FeedTrade {
  readonly symbol: string;
  readonly price: Price;
  readonly time: Date;
  /** Orders trades with the same timestamp; an edit repeats the number of the trade it corrects. */
  readonly tradeNumber: number;
}

const SYMBOL = /^[A-Z0-9]{3,12}$/;

type Fields = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is Fields => value !== null && typeof value === 'object' && !Array.isArray(value);
const priceOf = (value: unknown): Price | null => {
  const parsed = typeof value === 'string' ? parsePrice(value) : null;
  return parsed?.ok ? parsed.price : null;
};

/** Anything without a symbol, a positive price and a time is dropped (null). */
export function parseFeedTrade(value: unknown): FeedTrade | null {
  if (!isObject(value) || typeof value.symbol !== 'string' || !SYMBOL.test(value.symbol)) return null;
  const price = priceOf(value.price);
  const time = typeof value.time === 'string' ? new Date(value.time) : null;
  if (!price || !time || Number.isNaN(time.getTime())) return null;
  const tradeNumber = typeof value.tradeNumber === 'number' && Number.isSafeInteger(value.tradeNumber) ? value.tradeNumber : 0;
  return { symbol: value.symbol, price, time, tradeNumber };
}

/** A trades message is an array of trades (the bridge batches them); a single object is read as one. */
export function feedTradeItems(payload: unknown): readonly unknown[] {
  return Array.isArray(payload) ? payload : [payload];
}

/**
 * The daily aggregate's `settlement` is the DLL's previous settlement (dAjuste): yesterday's settlement
 * for a future, yesterday's close for a stock. A missing or non-positive one (the DLL reports 0 before it
 * knows) counts as absent.
 */
export function parseFeedDaily(value: unknown): { symbol: string; previousClose: Price } | null {
  if (!isObject(value) || typeof value.symbol !== 'string' || !SYMBOL.test(value.symbol)) return null;
  const previousClose = priceOf(value.settlement);
  return previousClose ? { symbol: value.symbol, previousClose } : null;
}
