import { BridgeError, checkNative } from '../errors';
import type { SimulatorLibrary } from './profit.library';
import { callOffThread } from './profit.session';
import { TC_IS_EDIT } from './trade.mapper';

export interface SimulatorStats {
  phase: 'idle' | 'running' | 'stopping';
  sessions: number;
  callbacks: number;
  trades: number;
  queueDepth: number;
  queueHighWater: number;
  droppedSubscriptions: number;
  virtualNowMs: number;
}

export interface PushedTrade {
  symbol: string;
  exchange: string;
  /** Decimal string; it reaches the simulator as the double the real DLL would hand out. */
  price: string;
  quantity: number;
  isEdit?: boolean;
}

const CHANNELS = { ROUTING: 1, MARKET_DATA: 2 } as const;

/** Test-only handle on the Linux simulator's Sim_* exports (ABI.md §12.2). */
export class SimulatorControls {
  constructor(
    private readonly sim: SimulatorLibrary,
    private readonly flush: () => void,
  ) {}

  /**
   * Moves the virtual clock and resolves once every event that became due has reached the client's listeners.
   * Sim_Advance waits for the dispatcher, which waits for our callbacks, so it must not block the main thread.
   */
  async advance(ms: number): Promise<void> {
    checkNative('Sim_Advance', await callOffThread(this.sim.Sim_Advance, ms));
    this.flush();
  }

  pushTrade(trade: PushedTrade): void {
    const flags = trade.isEdit ? TC_IS_EDIT : 0;
    checkNative('Sim_PushTrade', this.sim.Sim_PushTrade(trade.symbol, trade.exchange, Number(trade.price), trade.quantity, flags));
  }

  /** Drops a channel now and restores it after `downMs` of simulator time; `null` keeps it down. */
  disconnect(channel: keyof typeof CHANNELS, downMs: number | null): void {
    checkNative('Sim_Disconnect', this.sim.Sim_Disconnect(CHANNELS[channel], downMs ?? -1));
  }

  injectState(type: number, result: number): void {
    checkNative('Sim_InjectState', this.sim.Sim_InjectState(type, result));
  }

  /** Outcome of the next login only: a non-zero login or activation result fails that start-up (§5 codes). */
  failNextStartup(outcome: { login?: number; activation?: number }): void {
    checkNative('Sim_SetNextStartup', this.sim.Sim_SetNextStartup(outcome.login ?? 0, outcome.activation ?? 0));
  }

  stats(): SimulatorStats {
    const buf = Buffer.alloc(1024);
    const length = this.sim.Sim_GetStats(buf, buf.length);
    checkNative('Sim_GetStats', length);
    return JSON.parse(buf.toString('utf8', 0, length)) as SimulatorStats;
  }
}

export function simulatorUnavailable(libraryPath: string): BridgeError {
  return new BridgeError('BRIDGE_SIMULATOR_UNAVAILABLE', `${libraryPath} is not the ProfitDLL simulator`, { libraryPath });
}
