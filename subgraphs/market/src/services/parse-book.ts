import { parsePrice } from '@b3/kit';
import type { BookLevel, OrderBook } from '../domain/order-book';
import { isTickerSymbol, type TickerSymbol } from '../domain/trade';

const MAX_LEVELS = 50;

function parseLevels(value: unknown): BookLevel[] | null {
  if (!Array.isArray(value) || value.length > MAX_LEVELS) return null;
  const levels: BookLevel[] = [];
  for (const item of value) {
    if (item === null || typeof item !== 'object') return null;
    const level = item as Record<string, unknown>;
    const price = typeof level.price === 'string' ? parsePrice(level.price) : null;
    if (!price?.ok) return null;
    if (typeof level.quantity !== 'number' || !Number.isInteger(level.quantity) || level.quantity < 0) return null;
    const orders = typeof level.orders === 'number' && Number.isInteger(level.orders) && level.orders >= 0 ? level.orders : 0;
    levels.push({ price: price.price, quantity: level.quantity, orders });
  }
  return levels;
}

/** A book message from the bus is untrusted JSON: accept only a complete, well-formed snapshot. */
export function parseBook(payload: unknown): OrderBook | null {
  if (payload === null || typeof payload !== 'object') return null;
  const p = payload as Record<string, unknown>;
  if (typeof p.symbol !== 'string' || !isTickerSymbol(p.symbol)) return null;
  const bids = parseLevels(p.bids);
  const asks = parseLevels(p.asks);
  if (!bids || !asks) return null;
  if (typeof p.time !== 'string' || Number.isNaN(Date.parse(p.time))) return null;
  const sequence = typeof p.sequence === 'number' && Number.isFinite(p.sequence) ? p.sequence : 0;
  return { symbol: p.symbol, bids, asks, auction: p.auction === true, sequence, time: new Date(p.time).toISOString() };
}

/** The bridge's daily aggregate: only the previous settlement is used (the store computes the rest from trades). */
export function parseSettlement(payload: unknown): { symbol: TickerSymbol; settlement: string | null } | null {
  if (payload === null || typeof payload !== 'object') return null;
  const p = payload as Record<string, unknown>;
  if (typeof p.symbol !== 'string' || !isTickerSymbol(p.symbol)) return null;
  const settlement = typeof p.settlement === 'string' ? parsePrice(p.settlement) : null;
  return { symbol: p.symbol, settlement: settlement?.ok ? settlement.price : null };
}
