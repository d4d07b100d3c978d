import { AGGRESSORS, type Aggressor, isTickerSymbol, type Trade } from '../domain/trade';

const DECIMAL = /^\d{1,14}(\.\d{1,4})?$/;

/** Bus payloads are untrusted JSON: accept only a complete, well-formed trade. */
export function parseTrade(payload: unknown): Trade | null {
  if (payload === null || typeof payload !== 'object') return null;
  const p = payload as Record<string, unknown>;
  if (typeof p.symbol !== 'string' || !isTickerSymbol(p.symbol)) return null;
  if (typeof p.price !== 'string' || !DECIMAL.test(p.price)) return null;
  if (typeof p.quantity !== 'number' || !Number.isInteger(p.quantity) || p.quantity <= 0) return null;
  if (typeof p.tradeNumber !== 'number' || !Number.isInteger(p.tradeNumber) || p.tradeNumber < 0) return null;
  if (typeof p.time !== 'string' || Number.isNaN(Date.parse(p.time))) return null;
  const aggressor = AGGRESSORS.includes(p.aggressor as Aggressor) ? (p.aggressor as Aggressor) : 'UNKNOWN';
  return {
    symbol: p.symbol,
    exchange: typeof p.exchange === 'string' ? p.exchange : 'B',
    price: p.price,
    quantity: p.quantity,
    tradeNumber: p.tradeNumber,
    aggressor,
    time: new Date(p.time).toISOString(),
    isEdit: p.isEdit === true,
  };
}
