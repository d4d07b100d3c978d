import { compareDecimal } from '../../shared/format/compareDecimal';
import type { Tick, TickDirection, TickerRowState, TickerSnapshot } from './types';

export type TickerBoard = ReadonlyMap<string, TickerRowState>;

export type TickerBoardEvent =
  | { readonly type: 'snapshot'; readonly tickers: readonly TickerSnapshot[] }
  | { readonly type: 'tick'; readonly tick: Tick };

export function emptyBoard(symbols: readonly string[]): TickerBoard {
  return new Map(
    symbols.map((symbol) => [
      symbol,
      { symbol, price: null, quantity: null, aggressor: null, time: null, tradeCount: 0, trend: null, lastTick: null },
    ]),
  );
}

function directionOf(previous: string | null, next: string): TickDirection | null {
  if (previous === null) return null;
  const order = compareDecimal(next, previous);
  if (order === null) return null;
  return order > 0 ? 'up' : order < 0 ? 'down' : 'flat';
}

/** True unless `candidate` is known to be older than what the row already shows. */
function isNotOlder(current: string | null, candidate: string): boolean {
  if (current === null) return true;
  const a = Date.parse(current);
  const b = Date.parse(candidate);
  return Number.isNaN(a) || Number.isNaN(b) || b >= a;
}

function withTrade(row: TickerRowState, trade: Omit<Tick, 'symbol'>): TickerRowState {
  const direction = directionOf(row.price, trade.price);
  return {
    ...row,
    price: trade.price,
    quantity: String(trade.quantity),
    aggressor: trade.aggressor,
    time: trade.time,
    trend: direction === 'up' || direction === 'down' ? direction : row.trend,
  };
}

/**
 * Ticks are applied in arrival order and counted. Snapshot rows (initial load, or after a reconnect) only
 * fill in a trade that is not older than the one shown, so a slow HTTP answer cannot roll a price back.
 */
export function reduceTickerBoard(board: TickerBoard, event: TickerBoardEvent): TickerBoard {
  if (event.type === 'tick') {
    const row = board.get(event.tick.symbol);
    if (!row) return board;
    const next = new Map(board);
    next.set(row.symbol, {
      ...withTrade(row, event.tick),
      tradeCount: row.tradeCount + 1,
      lastTick: directionOf(row.price, event.tick.price) ?? 'flat',
    });
    return next;
  }
  let next: Map<string, TickerRowState> | null = null;
  for (const ticker of event.tickers) {
    const row = board.get(ticker.symbol);
    if (!row || !ticker.lastTrade || !isNotOlder(row.time, ticker.lastTrade.time)) continue;
    next ??= new Map(board);
    next.set(row.symbol, withTrade(row, ticker.lastTrade));
  }
  return next ?? board;
}
