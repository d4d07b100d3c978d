import { DEFAULT_SIMULATOR_PATH, loadProfitLibrary, type SimulatorLibrary } from '../src/profit/profit.library';
import { callOffThread, ProfitSession, type SessionEvent } from '../src/profit/profit.session';
import { defaultShimPath, loadShim, SHIM_TRADE_LAYOUT } from '../src/profit/trade-ring';
import { buildSimulator } from './simulator.helper';

const CREDENTIALS = { activationKey: 'key', user: 'user', password: 'secret' };
const SHIM = defaultShimPath(DEFAULT_SIMULATOR_PATH);

describe('the trade shim and its ring', () => {
  let lib: ReturnType<typeof loadProfitLibrary>;
  let sim: SimulatorLibrary;
  const sessions: ProfitSession[] = [];

  beforeAll(() => {
    buildSimulator();
    lib = loadProfitLibrary(DEFAULT_SIMULATOR_PATH);
    sim = lib.simulator!;
  });
  beforeEach(() => {
    expect(sim.Sim_Reset()).toBe(0);
    expect(sim.Sim_SetClockMode(1, 1)).toBe(0); // virtual clock: trades flow only on Sim_Advance
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.finalize().catch(() => undefined)));
  });

  /** A logged-in market-data session whose trades go through a ring of `capacity`, drained only on flush(). */
  async function ringSession(capacity: number, events: SessionEvent[]): Promise<ProfitSession> {
    const session = new ProfitSession(lib, (batch) => events.push(...batch), { shimPath: SHIM, capacity, drainEveryMs: 60_000 });
    sessions.push(session);
    await session.initialize(CREDENTIALS, false);
    expect(await callOffThread(sim.Sim_Advance, 0)).toBe(0);
    session.subscribe('PETR4', 'B');
    return session;
  }
  const trades = (events: SessionEvent[]) => events.flatMap((e) => (e.kind === 'trade' ? [e.raw] : []));

  it('decodes records at the offsets the C compiler gave ShimTrade', () => {
    const out = new Int32Array(14);
    expect(loadShim(SHIM).Shim_RecordLayout(out, out.length)).toBe(14);
    const L = SHIM_TRADE_LAYOUT;
    expect([...out]).toEqual([
      L.size, L.EnqueuedNs, L.Price, L.Quantity, L.Volume, L.TradeDate, L.TradeNumber, L.BuyAgent, L.SellAgent, L.Flags, L.TradeType,
      L.Translated, L.Ticker, L.Exchange,
    ]);
  });

  it('delivers every trade in order with what TranslateTrade gave the shim, and counts the callbacks', async () => {
    const events: SessionEvent[] = [];
    const session = await ringSession(4096, events);
    for (let i = 0; i < 1500; i++) expect(sim.Sim_PushTrade('PETR4', 'B', 38 + (i % 7) / 100, 100 * (1 + (i % 3)), 0)).toBe(0);
    expect(await callOffThread(sim.Sim_Advance, 0)).toBe(0);
    session.flush();

    const got = trades(events).filter((t) => t.ticker === 'PETR4');
    expect(got).toHaveLength(1500);
    const first = got[0].trade.TradeNumber;
    expect(got.map((t) => t.trade.TradeNumber)).toEqual(Array.from({ length: 1500 }, (_, i) => first + i));
    expect(got.map((t) => t.trade.Price)).toEqual(Array.from({ length: 1500 }, (_, i) => 38 + (i % 7) / 100));
    expect(got.map((t) => t.trade.Quantity)).toEqual(Array.from({ length: 1500 }, (_, i) => 100 * (1 + (i % 3))));
    expect(got[0]).toMatchObject({ exchange: 'B', flags: 0, history: false, trade: { TradeDate: { wYear: expect.any(Number) } } });
    expect(got[0].trade.TradeDate.wYear).toBeGreaterThan(2000);

    const stats = session.ringStats()!;
    expect(stats).toMatchObject({ capacity: 4096, dropped: 0, depth: 0, drained: stats.received });
    expect(stats.received).toBeGreaterThanOrEqual(1500);
    expect(stats.callbackP99Ns).toBeGreaterThan(0);
  });

  it('drops what does not fit in a full ring, counts it, and keeps the oldest in order', async () => {
    const events: SessionEvent[] = [];
    const session = await ringSession(8, events);
    for (let i = 0; i < 100; i++) expect(sim.Sim_PushTrade('PETR4', 'B', 38, 100, 0)).toBe(0);
    expect(await callOffThread(sim.Sim_Advance, 0)).toBe(0);
    expect(session.ringStats()).toMatchObject({ capacity: 8, depth: 8 });

    session.flush();
    const got = trades(events);
    expect(got).toHaveLength(8);
    const first = got[0].trade.TradeNumber;
    expect(got.map((t) => t.trade.TradeNumber)).toEqual(Array.from({ length: 8 }, (_, i) => first + i));
    const stats = session.ringStats()!;
    expect(stats.dropped).toBe(stats.received - 8);
    expect(stats.dropped).toBeGreaterThanOrEqual(92);
  });

  it('delivers nothing after finalize and can be installed again by the next session', async () => {
    const events: SessionEvent[] = [];
    const session = await ringSession(64, events);
    expect(sim.Sim_PushTrade('PETR4', 'B', 38, 100, 0)).toBe(0);
    expect(await callOffThread(sim.Sim_Advance, 0)).toBe(0);
    await session.finalize();
    session.flush();
    expect(trades(events)).toHaveLength(0);

    expect(sim.Sim_Reset()).toBe(0);
    expect(sim.Sim_SetClockMode(1, 1)).toBe(0);
    const next: SessionEvent[] = [];
    const again = await ringSession(64, next);
    expect(sim.Sim_PushTrade('PETR4', 'B', 39, 100, 0)).toBe(0);
    expect(await callOffThread(sim.Sim_Advance, 0)).toBe(0);
    again.flush();
    expect(trades(next).map((t) => t.trade.Price)).toEqual([39]);
  });
});
