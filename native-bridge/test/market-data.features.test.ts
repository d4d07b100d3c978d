import { createProfitMarketData, simulatorControls, type BridgeBook, type BridgeTrade, type ConnectionState } from '../src';
import { buildSimulator, clientTracker, collectTrades, waitFor } from './simulator.helper';

const clients = clientTracker();

beforeAll(buildSimulator);
afterEach(() => clients.stopAll());

const onGrid = (price: string) => /^\d+\.\d{2}$/.test(price);

describe('books, history and reconnects over the simulator', () => {
  it('keeps a consistent 10-level book per subscribed instrument', async () => {
    const md = clients.track(createProfitMarketData({ virtualClock: true, seed: 21 }));
    const books: BridgeBook[] = [];
    md.onBook((b) => books.push(b));
    await md.start();
    await md.subscribeBook('PETR4', 'B');
    // books are conflated per drain: step the clock so several drains see a changed book
    for (let i = 0; i < 20; i++) {
      await simulatorControls(md).advance(250);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await waitFor(() => books.length > 1, 'book snapshots');
    for (const book of books) {
      expect(book.symbol).toBe('PETR4');
      expect(book.bids).toHaveLength(10);
      expect(book.asks).toHaveLength(10);
      const bids = book.bids.map((l) => Number(l.price));
      const asks = book.asks.map((l) => Number(l.price));
      expect([...bids].sort((a, b) => b - a)).toEqual(bids);
      expect([...asks].sort((a, b) => a - b)).toEqual(asks);
      expect(bids[0]).toBeLessThan(asks[0]);
      expect([...book.bids, ...book.asks].every((l) => onGrid(l.price) && l.quantity > 0 && l.quantity % 100 === 0 && l.orders > 0)).toBe(true);
    }
    const sequences = books.map((b) => b.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
  });

  it('backfills history trades in order with progress, the last one flagged', async () => {
    const md = clients.track(createProfitMarketData({ seed: 4 }));
    const trades: Array<{ trade: BridgeTrade; last: boolean }> = [];
    const progress: number[] = [];
    md.onHistoryTrade((trade, last) => trades.push({ trade, last }));
    md.onHistoryProgress((p) => progress.push(p.progress));
    await md.start();
    // the latest weekday session that ended at least a day ago: 10:00–18:00 São Paulo is 13:00–21:00 UTC
    const day = new Date(Date.now() - 24 * 3600 * 1000);
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() - 1);
    const from = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - 1, 12));
    const to = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 22));
    md.requestHistory('PETR4', 'B', from, to);
    await waitFor(() => trades.some((t) => t.last), 'the last history trade', 20_000);
    expect(trades.length).toBeGreaterThan(100);
    expect(trades.filter((t) => t.last)).toHaveLength(1);
    expect(trades[trades.length - 1].last).toBe(true);
    expect(progress[progress.length - 1]).toBe(100);
    const times = trades.map((t) => Date.parse(t.trade.time));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[0]).toBeGreaterThanOrEqual(from.getTime());
    expect(times[times.length - 1]).toBeLessThanOrEqual(to.getTime());
    // numbers restart each exchange day and have no gaps within it
    const byDay = new Map<string, number[]>();
    for (const { trade } of trades) byDay.set(trade.time.slice(0, 10), [...(byDay.get(trade.time.slice(0, 10)) ?? []), trade.tradeNumber]);
    for (const numbers of byDay.values()) expect(numbers).toEqual(numbers.map((_, i) => numbers[0] + i));
    expect(() => md.requestHistory('PETR4', 'B', to, from)).toThrow(expect.objectContaining({ code: 'BRIDGE_INVALID_ARGS' }));
    const tooOld = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    expect(() => md.requestHistory('PETR4', 'B', tooOld, new Date(tooOld.getTime() + 3600_000))).toThrow(expect.objectContaining({ code: 'BRIDGE_HISTORY_PERIOD_LIMIT' }));
  });

  it('logs in again with backoff when market data stays down, resubscribes, and resumes without duplicates', async () => {
    const md = clients.track(createProfitMarketData({ meanInterArrivalMs: 5, reconnect: { minMs: 200, maxMs: 1_000 } }));
    const trades = collectTrades(md);
    const states: ConnectionState['marketData'][] = [];
    md.onState((s) => states.push(s.marketData));
    await md.start();
    await md.subscribe('PETR4', 'B');
    await md.subscribeBook('PETR4', 'B');
    await waitFor(() => trades.length > 50, 'trades before the outage');
    simulatorControls(md).disconnect('MARKET_DATA', null); // the DLL never comes back by itself
    await waitFor(() => md.state().marketData === 'DISCONNECTED', 'the disconnect');
    const beforeOutage = trades.length;
    expect(md.stats().nextReconnectInMs).not.toBeNull();
    await waitFor(() => md.stats().reinitializations >= 1 && md.state().marketData === 'CONNECTED', 're-login', 10_000);
    await waitFor(() => trades.length > beforeOutage + 50, 'trades after the re-login');
    expect(states).toContain('DISCONNECTED');
    expect(states[states.length - 1]).toBe('CONNECTED');
    const keys = trades.map((t) => `${t.time.slice(0, 10)}#${t.tradeNumber}`);
    expect(new Set(keys).size).toBe(keys.length);
    // the exchange's numbering goes on across the re-login: nothing was mistaken for a duplicate
    expect(trades[beforeOutage].tradeNumber).toBeGreaterThan(trades[beforeOutage - 1].tradeNumber);
    expect(md.stats().duplicatesDropped).toBe(0);
    expect(md.stats().nextReconnectInMs).toBeNull();
  });
});
