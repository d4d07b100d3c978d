import { createEventBus, parseFeedTrade } from '@b3/kit';
import { MarketMarks, subscribeMarketMarks } from './market-marks';

/** A trade as the bridge publishes it (native-bridge BridgeTrade), with the fields a test cares about. */
const trade = (overrides: Record<string, unknown> = {}) => ({
  symbol: 'PETR4',
  exchange: 'B',
  price: '38.50',
  quantity: 100,
  tradeNumber: 1,
  aggressor: 'BUY',
  time: '2026-03-02T13:00:00.000Z',
  isEdit: false,
  ...overrides,
});

describe('MarketMarks', () => {
  it('keeps the newest trade per symbol as exact text, whatever order the prints arrive in', async () => {
    const marks = new MarketMarks();
    marks.ingestTrades([trade({ price: '38.50' }), trade({ price: '38.51', tradeNumber: 2 }), trade({ symbol: 'WINZ26', price: '125005' })]);
    expect(await marks.lastTrade('PETR4')).toBe('38.51');
    expect(marks.tradeMark('WINZ26')).toEqual({ price: '125005', time: new Date('2026-03-02T13:00:00.000Z') });
    // an older print replayed after a reconnect does not move the mark back
    marks.ingestTrades([trade({ price: '37', time: '2026-03-02T12:59:00.000Z', tradeNumber: 9 })]);
    expect(await marks.lastTrade('PETR4')).toBe('38.51');
    // an edit repeats the number of the print it corrects
    marks.ingestTrades([trade({ price: '38.49', tradeNumber: 2, isEdit: true })]);
    expect(await marks.lastTrade('PETR4')).toBe('38.49');
    expect(await marks.lastTrade('VALE3')).toBeNull();
  });

  it('drops malformed trades and counts them, keeping the good ones of the same message', async () => {
    const marks = new MarketMarks();
    marks.ingestTrades([
      trade({ price: 38.5 }),
      trade({ price: '-1' }),
      trade({ price: '38.12345' }),
      trade({ time: 'yesterday' }),
      trade({ symbol: 'petr4; drop table' }),
      null,
      trade({ price: '38.52', tradeNumber: 3 }),
    ]);
    expect(await marks.lastTrade('PETR4')).toBe('38.52');
    expect(marks.stats()).toEqual({ symbols: 1, dropped: 6 });
    expect(parseFeedTrade(trade({ price: '38.500' }))?.price).toBe('38.5');
  });

  it("takes the previous close from the daily message's settlement, stamped with when it arrived", () => {
    const marks = new MarketMarks({ clock: () => new Date('2026-03-02T12:00:00.000Z') });
    marks.ingestDaily({ symbol: 'PETR4', open: '38', high: '39', low: '37.5', close: '38.4', settlement: '38.10', volume: 1e6 });
    expect(marks.closeMark('PETR4')).toEqual({ price: '38.1', receivedAt: new Date('2026-03-02T12:00:00.000Z') });
    // the DLL reports 0 before it knows the settlement: no mark, not a zero price
    marks.ingestDaily({ symbol: 'WINZ26', settlement: '0' });
    expect(marks.closeMark('WINZ26')).toBeNull();
    marks.ingestDaily('garbage');
    expect(marks.stats().dropped).toBe(1);
  });

  it('tells listeners once per symbol per message, only when the mark changed', () => {
    const marks = new MarketMarks();
    const seen: string[] = [];
    const stop = marks.onTradeMark((symbol) => seen.push(symbol));
    marks.onTradeMark(() => {
      throw new Error('a broken listener');
    });
    marks.ingestTrades([trade({ tradeNumber: 1 }), trade({ tradeNumber: 2, price: '38.6' }), trade({ symbol: 'VALE3', price: '60' })]);
    marks.ingestTrades([trade({ tradeNumber: 2, price: '38.6' })]); // the same print again
    expect(seen).toEqual(['PETR4', 'VALE3']);
    stop();
    marks.ingestTrades([trade({ tradeNumber: 3, price: '38.7' })]);
    expect(seen).toEqual(['PETR4', 'VALE3']);
  });

  it('is fed from the bridge topics on the event bus', async () => {
    const bus = await createEventBus('memory://');
    const marks = new MarketMarks();
    const stop = await subscribeMarketMarks(bus, marks);
    const moved = new Promise<string>((resolve) => marks.onTradeMark(resolve));
    await bus.publish('market.daily.PETR4', { symbol: 'PETR4', settlement: '38.00' });
    await bus.publish('market.trades.PETR4', [trade({ price: '38.25' })]);
    expect(await moved).toBe('PETR4');
    expect(await marks.lastTrade('PETR4')).toBe('38.25');
    expect(marks.closeMark('PETR4')?.price).toBe('38');
    await stop();
    await bus.close();
  });
});
