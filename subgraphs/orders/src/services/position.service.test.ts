import type { Viewer } from '@b3/kit';
import type { AccountPnl } from '../domain/risk';
import type { FillQuery, PositionStore, StoredFill } from '../store/position.store';
import { MarketMarks } from './market-marks';
import { type PositionServiceOptions, PositionService, type PositionView } from './position.service';

/** 12:00 in São Paulo on Monday 2 March 2026; the session started at 03:00 UTC. */
const NOON = new Date('2026-03-02T15:00:00.000Z');
const TODAY = '2026-03-02T13:00:00.000Z';
const YESTERDAY = '2026-03-01T17:00:00.000Z';

/** A stored fill plus the account of its order, which the store joins in. */
type Row = StoredFill & { readonly account: string };

let serial = 0;
function fill(account: string, symbol: string, side: 'BUY' | 'SELL', quantity: number, price: string, time = TODAY): Row {
  serial += 1;
  return { fillId: `F${serial}`, orderId: `order-${serial}`, sequence: 0, account, symbol, side, quantity, price, time: new Date(time) };
}

/** In-memory fills; counts reads, and can hold a read back to show how racing reads resolve. */
class FakeStore implements PositionStore {
  rows: Row[] = [];
  reads: FillQuery[] = [];
  hold: Array<() => void> | null = null;

  add(...fills: Row[]): void {
    this.rows.push(...fills);
  }

  async fills(query: FillQuery): Promise<StoredFill[]> {
    this.reads.push(query);
    // the rows as they are when the read starts, like a database snapshot
    const rows = this.rows
      .filter((f) => f.account === query.account && (!query.symbol || f.symbol === query.symbol))
      .sort((a, b) => a.time.getTime() - b.time.getTime());
    if (this.hold) await new Promise<void>((resolve) => this.hold!.push(resolve));
    return rows;
  }

  async accountsWithFills(): Promise<string[]> {
    return [...new Set(this.rows.map((f) => f.account))].sort();
  }
}

const trade = (symbol: string, price: string, time = '2026-03-02T14:59:00.000Z', tradeNumber = 1) => ({ symbol, price, time, tradeNumber, quantity: 100 });
const alice: Viewer = { id: 'u-alice', roles: ['trader'] };
const viewer: Viewer = { id: 'u-viewer', roles: ['viewer'] };
const admin: Viewer = { id: 'u-admin', roles: ['admin'] };

describe('PositionService', () => {
  let store: FakeStore;
  let marks: MarketMarks;
  let now: Date;
  let reports: Array<[string, AccountPnl]>;
  let service: PositionService;

  const start = (options: PositionServiceOptions = {}) => {
    service?.close();
    service = new PositionService(store, marks, { clock: () => now, onAccountPnl: (account, pnl) => void reports.push([account, pnl]), ...options });
    return service;
  };

  beforeEach(() => {
    store = new FakeStore();
    now = NOON;
    marks = new MarketMarks({ clock: () => now });
    reports = [];
    start();
  });
  afterEach(() => {
    service.close();
    jest.useRealTimers();
  });

  it('builds average-price positions and P&L from fills and the last trade', async () => {
    store.add(fill('u-alice', 'PETR4', 'BUY', 100, '10.00'), fill('u-alice', 'PETR4', 'BUY', 100, '11.00'), fill('u-alice', 'PETR4', 'SELL', 150, '12.00'));
    marks.ingestTrades([trade('PETR4', '12.50')]);

    const [view] = await service.positions('u-alice');
    // average (10 × 100 + 11 × 100) / 200 = 10.50; sold 150 at 12: (12 − 10.50) × 150 = 225 realized;
    // 50 left marked at 12.50: (12.50 − 10.50) × 50 = 100 unrealized; all of it today.
    expect(view).toMatchObject({ symbol: 'PETR4', netQuantity: 50, side: 'LONG', averagePrice: '10.5', mark: '12.5', markSource: 'LAST_TRADE', sessionDate: '2026-03-02' });
    expect([view.realizedPnl.text, view.realizedToday.text, view.unrealizedPnl.text, view.dailyPnl.text]).toEqual(['225.00', '225.00', '100.00', '325.00']);
    expect(await service.position('u-alice', 'PETR4')).toBe(50);
    expect(await service.position('u-alice', 'VALE3')).toBe(0);
    expect(await service.accountPnl('u-alice')).toEqual({ realizedToday: '225.00', unrealized: '100.00' });
    const pnl = await service.pnl('u-alice');
    expect([pnl.realizedToday.text, pnl.unrealized.text, pnl.net.text]).toEqual(['225.00', '100.00', '325.00']);
  });

  it('values a short and a future with its multiplier, and falls back to the last fill without a trade', async () => {
    store.add(fill('u-alice', 'WINZ26', 'SELL', 2, '125000'), fill('u-alice', 'VALE3', 'SELL', 100, '60'));
    marks.ingestTrades([trade('WINZ26', '124500')]);
    const views = await service.positions('u-alice');
    // 2 contracts short from 125,000 to 124,500: 500 points × 2 × R$ 0.20 = R$ 200
    expect(views.map((v) => [v.symbol, v.side, v.netQuantity, v.unrealizedPnl.text, v.markSource])).toEqual([
      ['VALE3', 'SHORT', -100, '0.00', 'LAST_FILL'],
      ['WINZ26', 'SHORT', -2, '200.00', 'LAST_TRADE'],
    ]);
  });

  it('measures a carried position from the previous close, and rebases once the close arrives', async () => {
    store.add(fill('u-alice', 'PETR4', 'BUY', 100, '10.00', YESTERDAY), fill('u-alice', 'PETR4', 'SELL', 50, '12.00'));
    marks.ingestTrades([trade('PETR4', '11.50')]);
    // no previous close yet: the start mark falls back to the last fill before the session (10.00)
    let view = (await service.positionView('u-alice', 'PETR4'))!;
    expect([view.realizedToday.text, view.unrealizedPnl.text, view.dailyPnl.text]).toEqual(['100.00', '75.00', '175.00']);

    marks.ingestDaily({ symbol: 'PETR4', settlement: '11.00' });
    view = (await service.positionView('u-alice', 'PETR4'))!;
    // the same figures as pnl.test.ts: 50 sold 1.00 above the close (+50), 50 held 11.00 → 11.50 (+25)
    expect([view.realizedToday.text, view.unrealizedPnl.text, view.dailyPnl.text]).toEqual(['100.00', '75.00', '75.00']);
    // a close received on an earlier date belongs to that session, not today's
    now = new Date('2026-03-03T15:00:00.000Z');
    view = (await service.positionView('u-alice', 'PETR4'))!;
    expect(view.markSource).toBe('SESSION_START');
    expect(view.sessionDate).toBe('2026-03-03');
  });

  it("resets the day's figures at São Paulo midnight and keeps positions traded today in the list", async () => {
    store.add(fill('u-alice', 'PETR4', 'BUY', 100, '10', '2026-03-02T13:00:00Z'), fill('u-alice', 'PETR4', 'SELL', 100, '10.30', '2026-03-02T14:00:00Z'));
    store.add(fill('u-alice', 'VALE3', 'BUY', 100, '60', '2026-03-02T14:00:00Z'));
    now = new Date('2026-03-03T02:59:00.000Z'); // 23:59 on the 2nd in São Paulo
    expect((await service.positions('u-alice')).map((v) => [v.symbol, v.realizedToday.text])).toEqual([['PETR4', '30.00'], ['VALE3', '0.00']]);
    expect((await service.pnl('u-alice')).realizedToday.text).toBe('30.00');

    now = new Date('2026-03-03T03:00:00.000Z'); // 00:00 on the 3rd
    // the flat day trade is yesterday's: only the open position is listed, and nothing is realized today
    const views = await service.positions('u-alice');
    expect(views.map((v) => v.symbol)).toEqual(['VALE3']);
    expect((await service.pnl('u-alice')).realizedToday.text).toBe('0.00');
    expect((await service.positionView('u-alice', 'PETR4'))?.realizedPnl.text).toBe('30.00');
    expect(store.reads).toHaveLength(1); // the rollover needs no new read
  });

  it('reads an account once, and a refresh re-reads only the symbol, publishes it and reports the P&L', async () => {
    store.add(fill('u-alice', 'PETR4', 'BUY', 100, '10'));
    const stream = service.subscribe('u-alice');
    expect((await stream.next()).value).toMatchObject({ symbol: 'PETR4', netQuantity: 100 });
    await service.positions('u-alice');
    await service.accountPnl('u-alice');
    expect(store.reads).toEqual([{ account: 'u-alice' }]);
    expect(reports).toEqual([['u-alice', { realizedToday: '0.00', unrealized: '0.00' }]]);

    store.add(fill('u-alice', 'PETR4', 'SELL', 40, '10.50'));
    await service.refresh('u-alice', 'petr4');
    expect(store.reads[1]).toEqual({ account: 'u-alice', symbol: 'PETR4' });
    const next = (await stream.next()).value as PositionView;
    expect([next.netQuantity, next.realizedToday.text]).toEqual([60, '20.00']);
    // no trade in the feed: the 60 left are marked at the last fill, (10.50 − 10) × 60 = 30
    expect(reports.at(-1)).toEqual(['u-alice', { realizedToday: '20.00', unrealized: '30.00' }]);
    await stream.return!();
  });

  it('loads an account on its first refresh and reports it, without a second read', async () => {
    store.add(fill('u-bob', 'PETR4', 'BUY', 100, '10'));
    await service.refresh('u-bob', 'PETR4');
    expect(store.reads).toEqual([{ account: 'u-bob' }]);
    expect(reports.map(([account]) => account)).toEqual(['u-bob']);
  });

  it('never lets an older read overwrite a newer one', async () => {
    store.add(fill('u-alice', 'PETR4', 'BUY', 100, '10'));
    await service.positions('u-alice');
    store.hold = [];
    store.add(fill('u-alice', 'PETR4', 'BUY', 100, '10'));
    const first = service.refresh('u-alice', 'PETR4');
    await new Promise((resolve) => setImmediate(resolve));
    store.add(fill('u-alice', 'PETR4', 'BUY', 100, '10'));
    const second = service.refresh('u-alice', 'PETR4');
    await new Promise((resolve) => setImmediate(resolve));
    const [releaseFirst, releaseSecond] = store.hold;
    store.hold = null;
    releaseSecond(); // the newer read (300) lands first…
    await second;
    releaseFirst(); // …and the older one (200) must not replace it
    await first;
    expect(await service.position('u-alice', 'PETR4')).toBe(300);
  });

  it('reports a daily loss past the limit as the market moves, so the kill switch can trip', async () => {
    store.add(fill('u-alice', 'PETR4', 'BUY', 1000, '40'));
    marks.ingestTrades([trade('PETR4', '40')]);
    await service.positions('u-alice');
    marks.ingestTrades([trade('PETR4', '29.50', '2026-03-02T14:59:30.000Z', 2)]);
    await new Promise((resolve) => setImmediate(resolve));
    // 1,000 × (29.50 − 40) = −10,500: beyond the default 10,000 limit
    expect(reports.at(-1)).toEqual(['u-alice', { realizedToday: '0.00', unrealized: '-10500.00' }]);
  });

  it('republishes a position at most once a second as trades arrive, and leaves no timer after close', async () => {
    jest.useFakeTimers({ now: NOON, doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    const flush = () => new Promise((resolve) => setImmediate(resolve));
    store.add(fill('u-alice', 'PETR4', 'BUY', 100, '10'));
    await service.positions('u-alice');
    reports = [];

    marks.ingestTrades([trade('PETR4', '10.10', '2026-03-02T14:59:01.000Z', 1)]);
    await flush();
    expect(reports).toHaveLength(1); // the first move goes out at once
    marks.ingestTrades([trade('PETR4', '10.20', '2026-03-02T14:59:02.000Z', 2)]);
    marks.ingestTrades([trade('PETR4', '10.30', '2026-03-02T14:59:03.000Z', 3)]);
    await flush();
    expect(reports).toHaveLength(1);
    jest.advanceTimersByTime(1_000);
    await flush();
    // one republish for both moves, at the newest mark: 100 × (10.30 − 10) = 30
    expect(reports).toEqual([
      ['u-alice', { realizedToday: '0.00', unrealized: '10.00' }],
      ['u-alice', { realizedToday: '0.00', unrealized: '30.00' }],
    ]);

    marks.ingestTrades([trade('PETR4', '10.40', '2026-03-02T14:59:04.000Z', 4)]);
    expect(jest.getTimerCount()).toBe(1);
    service.close();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('revalues only accounts with an open position in the symbol', async () => {
    store.add(fill('u-alice', 'PETR4', 'BUY', 100, '10'), fill('u-alice', 'PETR4', 'SELL', 100, '11'), fill('u-bob', 'PETR4', 'BUY', 100, '10'));
    await service.warmUp();
    reports = [];
    marks.ingestTrades([trade('PETR4', '10.50')]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reports.map(([account]) => account)).toEqual(['u-bob']);
  });

  it("shows a viewer their own positions only; an admin may name another account", async () => {
    store.add(fill('u-alice', 'PETR4', 'BUY', 100, '10'), fill('u-viewer', 'VALE3', 'BUY', 100, '60'));
    expect((await service.positionsFor(viewer)).map((v) => v.symbol)).toEqual(['VALE3']);
    await expect(service.positionsFor(viewer, 'u-alice')).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(service.pnlFor(alice, 'u-viewer')).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect((await service.positionsFor(admin, 'u-alice')).map((v) => v.symbol)).toEqual(['PETR4']);
    await expect(service.positionsFor(null)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(() => service.positionUpdates(null)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
    expect(await service.ownPositions(null, ['PETR4'])).toEqual([null]);
    expect((await service.ownPositions(alice, ['VALE3', 'PETR4'])).map((v) => v?.symbol ?? null)).toEqual([null, 'PETR4']);
  });

  it('ends every subscription on close, and retries a read that failed', async () => {
    const stream = service.subscribe('u-alice');
    const pending = stream.next();
    service.close();
    expect(await pending).toEqual({ value: undefined, done: true });

    const failing = start();
    const read = jest.spyOn(store, 'fills').mockRejectedValueOnce(new Error('database down'));
    await expect(failing.positions('u-alice')).rejects.toThrow('database down');
    expect(await failing.positions('u-alice')).toEqual([]);
    expect(read).toHaveBeenCalledTimes(2);
  });
});
