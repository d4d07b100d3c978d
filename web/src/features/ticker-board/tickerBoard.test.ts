import { emptyBoard, reduceTickerBoard, type TickerBoard } from './tickerBoard';
import type { Tick } from './types';

const tick = (price: string, time: string, symbol = 'PETR4'): Tick => ({ symbol, price, quantity: 100, aggressor: 'BUY', time });

function applyTicks(board: TickerBoard, ...ticks: Tick[]): TickerBoard {
  return ticks.reduce((b, t) => reduceTickerBoard(b, { type: 'tick', tick: t }), board);
}

describe('ticker board', () => {
  it('starts with an empty row per symbol', () => {
    const board = emptyBoard(['PETR4', 'VALE3']);
    expect([...board.keys()]).toEqual(['PETR4', 'VALE3']);
    expect(board.get('VALE3')).toMatchObject({ price: null, tradeCount: 0, trend: null });
  });

  it('counts ticks and tracks the direction of each price move', () => {
    const board = applyTicks(
      emptyBoard(['PETR4']),
      tick('38.01', '2026-11-26T13:00:00Z'),
      tick('38.10', '2026-11-26T13:00:01Z'),
      tick('38.1', '2026-11-26T13:00:02Z'),
    );
    expect(board.get('PETR4')).toMatchObject({ price: '38.1', quantity: '100', tradeCount: 3, trend: 'up', lastTick: 'flat' });
    const after = applyTicks(board, tick('37.99', '2026-11-26T13:00:03Z'));
    expect(after.get('PETR4')).toMatchObject({ price: '37.99', tradeCount: 4, trend: 'down', lastTick: 'down' });
  });

  it('ignores ticks for symbols it does not show', () => {
    const board = emptyBoard(['PETR4']);
    expect(applyTicks(board, tick('1', '2026-11-26T13:00:00Z', 'XPTO3'))).toBe(board);
  });

  it('fills rows from a snapshot without counting it as a trade, skipping null trades', () => {
    const board = reduceTickerBoard(emptyBoard(['PETR4', 'VALE3']), {
      type: 'snapshot',
      tickers: [
        { symbol: 'PETR4', lastTrade: { price: '38.01', quantity: 200, aggressor: 'SELL', time: '2026-11-26T13:00:00Z' } },
        { symbol: 'VALE3', lastTrade: null },
      ],
    });
    expect(board.get('PETR4')).toMatchObject({ price: '38.01', quantity: '200', aggressor: 'SELL', tradeCount: 0 });
    expect(board.get('VALE3')?.price).toBeNull();
  });

  it('never lets an older snapshot roll back a newer tick', () => {
    const board = applyTicks(emptyBoard(['PETR4']), tick('38.20', '2026-11-26T13:00:05Z'));
    const after = reduceTickerBoard(board, {
      type: 'snapshot',
      tickers: [{ symbol: 'PETR4', lastTrade: { price: '38.01', quantity: 1, aggressor: 'BUY', time: '2026-11-26T13:00:00Z' } }],
    });
    expect(after.get('PETR4')?.price).toBe('38.20');
  });
});
