import { DEFAULT_SIMULATOR_PATH, loadProfitLibrary, type SimulatorLibrary } from '../src/profit/profit.library';
import { callOffThread, ProfitSession, type SessionEvent } from '../src/profit/profit.session';
import { buildSimulator } from './simulator.helper';

const CREDENTIALS = { activationKey: 'key', user: 'user', password: 'secret' };

describe('ProfitSession on the simulator', () => {
  let lib: ReturnType<typeof loadProfitLibrary>;
  let sim: SimulatorLibrary;
  const sessions: ProfitSession[] = [];

  function open(events: SessionEvent[]): ProfitSession {
    const session = new ProfitSession(lib, (batch) => events.push(...batch));
    sessions.push(session);
    return session;
  }

  async function settle(session: ProfitSession): Promise<void> {
    expect(await callOffThread(sim.Sim_Advance, 0)).toBe(0);
    session.flush();
  }

  const states = (events: SessionEvent[]) => events.flatMap((e) => (e.kind === 'state' ? [[e.type, e.result]] : []));

  beforeAll(() => {
    buildSimulator();
    lib = loadProfitLibrary(DEFAULT_SIMULATOR_PATH);
    sim = lib.simulator!;
  });
  beforeEach(() => {
    expect(sim.Sim_Reset()).toBe(0);
    expect(sim.Sim_SetClockMode(1, 1)).toBe(0);
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.finalize().catch(() => undefined)));
  });

  it('runs the routing timeline for a full login and reconnects the broker link', async () => {
    const events: SessionEvent[] = [];
    const session = open(events);
    await session.initialize(CREDENTIALS, true);
    await settle(session);
    expect(states(events)).toEqual([[0, 0], [3, 0], [2, 1], [1, 1], [2, 2], [1, 2], [2, 4], [1, 4], [1, 5]]);

    events.length = 0;
    expect(sim.Sim_Disconnect(1, 50)).toBe(0);
    await settle(session);
    expect(await callOffThread(sim.Sim_Advance, 50)).toBe(0);
    session.flush();
    expect(states(events)).toEqual([[1, 3], [1, 4], [1, 5]]);
  });

  it('refuses a routing disconnect on a market-only login and a second concurrent login', async () => {
    const session = open([]);
    await session.initialize(CREDENTIALS, false);
    expect(sim.Sim_Disconnect(1, 50)).toBe(0x8000000a | 0); // NL_MARKET_ONLY
    await expect(open([]).initialize(CREDENTIALS, false)).rejects.toMatchObject({ code: 'BRIDGE_DUPLICATE_RESOURCE' });
  });

  it('rejects requests once finalized', async () => {
    const session = open([]);
    await session.initialize(CREDENTIALS, false);
    await session.finalize();
    expect(() => session.subscribe('PETR4', 'B')).toThrow(expect.objectContaining({ code: 'BRIDGE_NOT_INITIALIZED' }));
    expect(lib.SubscribeTicker('PETR4', 'B')).toBe(0x80000002 | 0);
  });
});
