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
  ordersSent?: number;
  ordersRejected?: number;
  orderCallbacks?: number;
  bookCallbacks?: number;
  historyTrades?: number;
  reentrancyViolations?: number;
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

  /** The next `n` orders are rejected with `reason` (the DLL's text message). */
  rejectNext(n: number, reason?: string): void {
    checkNative('Sim_RejectNext', this.sim.Sim_RejectNext(n, reason ?? null));
  }

  /** Fractions of each order's quantity filled one after another, e.g. [0.3, 0.7]; empty: the simulator's own fills. */
  setFillPlan(fractions: readonly number[]): void {
    checkNative('Sim_SetFillPlan', this.sim.Sim_SetFillPlan(fractions.length ? [...fractions] : null, fractions.length));
  }

  setOrderTiming(ackDelayMs: number, fillDelayMs: number): void {
    checkNative('Sim_SetOrderTiming', this.sim.Sim_SetOrderTiming(ackDelayMs, fillDelayMs));
  }

  /** A slow ConnectorThread: the dispatcher sleeps this long (plus up to `jitterUs`) before each callback. */
  setCallbackDelay(delayUs: number, jitterUs = 0): void {
    checkNative('Sim_SetCallbackDelay', this.sim.Sim_SetCallbackDelay(delayUs, jitterUs));
  }

  /** The next `n` calls of the export `fn` return `code` (a negative NL_* value). */
  failNext(fn: string, code: number, n = 1): void {
    checkNative('Sim_FailNext', this.sim.Sim_FailNext(fn, code, n));
  }

  setHistoryDensity(tradesPerMinute: number): void {
    checkNative('Sim_SetHistoryDensity', this.sim.Sim_SetHistoryDensity(tradesPerMinute));
  }

  stats(): SimulatorStats {
    const buf = Buffer.alloc(4096);
    const length = this.sim.Sim_GetStats(buf, buf.length);
    checkNative('Sim_GetStats', length);
    return JSON.parse(buf.toString('utf8', 0, length)) as SimulatorStats;
  }
}

export function simulatorUnavailable(libraryPath: string): BridgeError {
  return new BridgeError('BRIDGE_SIMULATOR_UNAVAILABLE', `${libraryPath} is not the ProfitDLL simulator`, { libraryPath });
}
