import { DEFAULT_SIMULATOR_PATH, loadProfitLibrary, type ProfitLibrary, type SimulatorLibrary } from '../src/profit/profit.library';
import { callOffThread, ProfitSession, type SessionEvent } from '../src/profit/profit.session';
import { parseDllDate, type RawTrade } from '../src/profit/trade.mapper';
import { buildSimulator } from './simulator.helper';

const CREDENTIALS = { activationKey: 'key', user: 'user', password: 'secret' };

describe('V1 trades where the DLL has no SetTradeCallbackV2', () => {
  let lib: ProfitLibrary;
  let sim: SimulatorLibrary;

  beforeAll(() => {
    buildSimulator();
    lib = loadProfitLibrary(DEFAULT_SIMULATOR_PATH);
    sim = lib.simulator!;
  });

  /** One virtual-clock session over `library`: 20 s of PETR4 with seed 9, its trades as the binding decoded them. */
  async function tape(library: ProfitLibrary): Promise<RawTrade[]> {
    expect(sim.Sim_Reset()).toBe(0);
    expect(sim.Sim_SetClockMode(1, 1)).toBe(0);
    expect(sim.Sim_SetSeed(9n)).toBe(0);
    const events: SessionEvent[] = [];
    const session = new ProfitSession(library, (batch) => events.push(...batch));
    try {
      await session.initialize(CREDENTIALS, false);
      expect(await callOffThread(sim.Sim_Advance, 0)).toBe(0);
      session.subscribe('PETR4', 'B');
      expect(await callOffThread(sim.Sim_Advance, 20_000)).toBe(0);
      session.flush();
    } finally {
      await session.finalize();
    }
    return events.flatMap((e) => (e.kind === 'trade' ? [e.raw] : []));
  }

  it('decodes the legacy callback into the same trades the V2 path delivers', async () => {
    const v2 = await tape(lib);
    const v1 = await tape({ ...lib, SetTradeCallbackV2: null });
    expect(v2.length).toBeGreaterThan(20);
    const facts = (t: RawTrade) => ({ ticker: t.ticker, exchange: t.exchange, flags: t.flags, trade: { ...t.trade, Quantity: Number(t.trade.Quantity) } });
    expect(v1.map(facts)).toEqual(v2.map(facts));
  });

  it('parses the legacy date format and refuses anything else', () => {
    expect(parseDllDate('06/10/2020 16:54:52.003')).toEqual({
      wYear: 2020, wMonth: 10, wDayOfWeek: 2, wDay: 6, wHour: 16, wMinute: 54, wSecond: 52, wMilliseconds: 3,
    });
    expect(parseDllDate('06/10/2020 16:54:52')).toMatchObject({ wSecond: 52, wMilliseconds: 0 });
    for (const bad of ['2020-10-06 16:54:52', '06/13/2020 16:54:52.003', '06/10/2020 24:00:00.000', '']) expect(parseDllDate(bad)).toBeNull();
  });
});
