import { parsePrice } from '@b3/kit';
import { AGGRESSORS, type Aggressor, isTickerSymbol, type Trade } from '../domain/trade';
import { epochMs } from '../domain/utc-time';

/**
 * Bus payloads are untrusted JSON: accept only a complete, well-formed trade. The price is canonicalised
 * here (the bridge renders tick-grid padding such as "38.10"), so live ticks match what the store reads back.
 */
/** What the bridge sends; anything else is re-rendered so stored and live times compare as strings. */
const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function parseTrade(payload: unknown): Trade | null {
  if (payload === null || typeof payload !== 'object') return null;
  const p = payload as Record<string, unknown>;
  if (typeof p.symbol !== 'string' || !isTickerSymbol(p.symbol)) return null;
  const price = typeof p.price === 'string' ? parsePrice(p.price) : null;
  if (!price?.ok) return null;
  if (typeof p.quantity !== 'number' || !Number.isInteger(p.quantity) || p.quantity <= 0) return null;
  if (typeof p.tradeNumber !== 'number' || !Number.isInteger(p.tradeNumber) || p.tradeNumber < 0) return null;
  if (typeof p.time !== 'string' || Number.isNaN(epochMs(p.time))) return null;
  const aggressor = AGGRESSORS.includes(p.aggressor as Aggressor) ? (p.aggressor as Aggressor) : 'UNKNOWN';
  return {
    symbol: p.symbol,
    exchange: typeof p.exchange === 'string' ? p.exchange : 'B',
    price: price.price,
    quantity: p.quantity,
    tradeNumber: p.tradeNumber,
    aggressor,
    time: CANONICAL_TIME.test(p.time) ? p.time : new Date(p.time).toISOString(),
    isEdit: p.isEdit === true,
  };
}
