import { BridgeError, checkNative } from './errors';
import type { BridgeTrade, ConnectionState, InstrumentRef, InstrumentSpec } from './market-data.types';
import {
  applyStateEvent,
  initialConnectionState,
  isMarketReady,
  loginFailureReason,
  MARKET_CONNECTED,
  sameState,
  STATE_ACTIVATION,
  STATE_LOGIN,
  STATE_MARKET_DATA,
} from './profit/connection-state';
import { loadProfitLibrary, resolveLibraryPath, type ProfitLibrary } from './profit/profit.library';
import { ProfitSession, type Credentials, type SessionEvent } from './profit/profit.session';
import { SimulatorControls, simulatorUnavailable } from './profit/simulator.controls';
import { tickGrid, toBridgeTrade, type RawTrade, type TickGrid } from './profit/trade.mapper';
import { defaultShimPath, shimAvailable, type TradeRingStats } from './profit/trade-ring';

export interface MarketDataClient {
  /**
   * Logs in; resolves once market data is connected, rejects with a BridgeError on login/activation failure or
   * timeout. A client whose start failed is stopped; create a new one to retry.
   */
  start(): Promise<void>;
  /** Queued until market data is connected and re-issued after every reconnect. */
  subscribe(symbol: string, exchange: string): Promise<void>;
  unsubscribe(symbol: string, exchange: string): Promise<void>;
  onTrade(listener: (trade: BridgeTrade) => void): () => void;
  onState(listener: (state: ConnectionState) => void): () => void;
  /** The DLL reports unknown tickers asynchronously; the subscription is dropped when this fires. */
  onInvalidTicker(listener: (instrument: InstrumentRef) => void): () => void;
  state(): ConnectionState;
  stats(): MarketDataStats;
  /** Finalizes the DLL; no trade is delivered once called. Idempotent. */
  stop(): Promise<void>;
}

export interface MarketDataStats {
  tradesReceived: number;
  /** JS callbacks entered (state, invalid ticker; trades too when they do not go through the shim). */
  callbacks: number;
  /** How trades leave the DLL's thread: copied into the C shim's ring, or a JS callback per trade. */
  tradePath: 'shim' | 'direct';
  ring: TradeRingStats | null;
}

export interface ProfitMarketDataOptions {
  /** Default: PROFITDLL_PATH, else the simulator built by scripts/build-native.js. */
  libraryPath?: string;
  activationKey?: string;
  user?: string;
  password?: string;
  /** Simulator only: random-walk seed. */
  seed?: number;
  /** Simulator only: time moves only through simulatorControls(client).advance(). */
  virtualClock?: boolean;
  /** Simulator only: mean time between trades of one instrument. */
  meanInterArrivalMs?: number;
  startupTimeoutMs?: number;
  /**
   * `shim` (the default when the shim library is built): trades are copied into a native ring by the C
   * shim and drained every millisecond; `direct`: one JS callback per trade (limited to ~13–24k/s).
   */
  tradeCallbacks?: 'shim' | 'direct';
  /** Ring slots for the shim (rounded up to a power of two). */
  ringCapacity?: number;
  /** Tick sizes used to render prices; defaults to DEFAULT_INSTRUMENTS. */
  instruments?: ReadonlyArray<InstrumentSpec>;
}

export const DEFAULT_INSTRUMENTS: ReadonlyArray<InstrumentSpec> = Object.freeze([
  { symbol: 'WINZ26', exchange: 'F', tick: '5' },
  { symbol: 'WDOZ26', exchange: 'F', tick: '0.5' },
  { symbol: 'PETR4', exchange: 'B', tick: '0.01' },
  { symbol: 'VALE3', exchange: 'B', tick: '0.01' },
]);

const SIMULATOR_CREDENTIALS: Credentials = { activationKey: 'SIMULATOR', user: 'simulator', password: 'simulator' };
const DEFAULT_STARTUP_TIMEOUT_MS = 15_000;
/** 65,536 trades: over a second at 50k trades/s before anything is dropped. */
const DEFAULT_RING_CAPACITY = 65_536;

const keyOf = (symbol: string, exchange: string) => `${symbol}/${exchange}`;

function normalize(symbol: string, exchange: string): InstrumentRef {
  const ref = { symbol: symbol.trim().toUpperCase(), exchange: exchange.trim().toUpperCase() };
  if (!ref.symbol || !ref.exchange) {
    throw new BridgeError('BRIDGE_INVALID_ARGS', 'Symbol and exchange are required', { symbol, exchange });
  }
  return ref;
}

function addListener<T>(set: Set<T>, listener: T): () => void {
  set.add(listener);
  return () => void set.delete(listener);
}

/** A throwing listener must not starve the others or lose the rest of the batch; it still surfaces as uncaught. */
function notify<T>(listeners: Set<(value: T) => void>, value: T): void {
  for (const listener of listeners) {
    try {
      listener(value);
    } catch (err) {
      process.nextTick(() => {
        throw err;
      });
    }
  }
}

class ProfitMarketDataClient implements MarketDataClient {
  private readonly lib: ProfitLibrary;
  private readonly session: ProfitSession;
  private readonly credentials: Credentials;
  private readonly grids: Map<string, TickGrid>;
  private readonly desired = new Map<string, InstrumentRef>();
  private readonly tradeListeners = new Set<(trade: BridgeTrade) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly invalidTickerListeners = new Set<(instrument: InstrumentRef) => void>();
  private phase: 'idle' | 'started' | 'stopped' = 'idle';
  private connection = initialConnectionState(false);
  private startWaiter: { resolve: () => void; reject: (err: BridgeError) => void } | null = null;
  private starting: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;
  private tradesReceived = 0;
  private readonly tradePath: 'shim' | 'direct';

  constructor(private readonly opts: ProfitMarketDataOptions) {
    this.lib = loadProfitLibrary(resolveLibraryPath(opts.libraryPath));
    const shimPath = defaultShimPath(this.lib.path);
    if (opts.tradeCallbacks === 'shim' && !shimAvailable(shimPath)) {
      throw new BridgeError('BRIDGE_LIBRARY_UNAVAILABLE', `The trade callback shim is missing at ${shimPath}`, { shimPath });
    }
    this.tradePath = opts.tradeCallbacks ?? (shimAvailable(shimPath) ? 'shim' : 'direct');
    const ring = this.tradePath === 'shim' ? { shimPath, capacity: opts.ringCapacity ?? DEFAULT_RING_CAPACITY } : null;
    this.session = new ProfitSession(this.lib, (events) => this.handle(events), ring);
    this.credentials = {
      activationKey: opts.activationKey ?? SIMULATOR_CREDENTIALS.activationKey,
      user: opts.user ?? SIMULATOR_CREDENTIALS.user,
      password: opts.password ?? SIMULATOR_CREDENTIALS.password,
    };
    this.grids = new Map(
      (opts.instruments ?? DEFAULT_INSTRUMENTS).map((i) => [keyOf(i.symbol, i.exchange), tickGrid(i.tick)]),
    );
  }

  start(): Promise<void> {
    this.starting ??= this.doStart();
    return this.starting;
  }

  async subscribe(symbol: string, exchange: string): Promise<void> {
    const ref = normalize(symbol, exchange);
    this.assertNotStopped();
    const key = keyOf(ref.symbol, ref.exchange);
    this.desired.set(key, ref);
    if (!isMarketReady(this.connection)) return;
    try {
      this.session.subscribe(ref.symbol, ref.exchange);
    } catch (err) {
      this.desired.delete(key);
      throw err;
    }
  }

  async unsubscribe(symbol: string, exchange: string): Promise<void> {
    const ref = normalize(symbol, exchange);
    this.assertNotStopped();
    this.desired.delete(keyOf(ref.symbol, ref.exchange));
    if (isMarketReady(this.connection)) this.session.unsubscribe(ref.symbol, ref.exchange);
  }

  onTrade(listener: (trade: BridgeTrade) => void): () => void {
    return addListener(this.tradeListeners, listener);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    return addListener(this.stateListeners, listener);
  }

  onInvalidTicker(listener: (instrument: InstrumentRef) => void): () => void {
    return addListener(this.invalidTickerListeners, listener);
  }

  state(): ConnectionState {
    return { ...this.connection };
  }

  stats(): MarketDataStats {
    return { tradesReceived: this.tradesReceived, callbacks: this.session.callbacks, tradePath: this.tradePath, ring: this.session.ringStats() };
  }

  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  simulatorControls(): SimulatorControls {
    if (!this.lib.simulator) throw simulatorUnavailable(this.lib.path);
    return new SimulatorControls(this.lib.simulator, () => this.session.flush());
  }

  private async doStart(): Promise<void> {
    this.assertNotStopped();
    this.phase = 'started';
    let timer: NodeJS.Timeout | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      this.startWaiter = { resolve, reject };
      const timeoutMs = this.opts.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
      timer = setTimeout(
        () => reject(new BridgeError('BRIDGE_STARTUP_TIMEOUT', `Market data not connected after ${timeoutMs} ms`, { state: this.state() })),
        timeoutMs,
      );
    });
    ready.catch(() => undefined); // awaited below; init may fail before anyone listens
    try {
      this.configureSimulator();
      await this.session.initialize(this.credentials, false);
      await ready;
    } catch (err) {
      await this.stop().catch(() => undefined);
      throw err;
    } finally {
      clearTimeout(timer);
      this.startWaiter = null;
    }
  }

  private configureSimulator(): void {
    const sim = this.lib.simulator;
    if (!sim) {
      if (this.opts.virtualClock) throw simulatorUnavailable(this.lib.path);
      return;
    }
    const seed = this.opts.seed ?? 1;
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new BridgeError('BRIDGE_INVALID_ARGS', 'seed must be a non-negative integer', { seed });
    }
    checkNative('Sim_SetSeed', sim.Sim_SetSeed(BigInt(seed)));
    checkNative('Sim_SetClockMode', sim.Sim_SetClockMode(this.opts.virtualClock ? 1 : 0, 1));
    checkNative('Sim_SetMeanInterArrival', sim.Sim_SetMeanInterArrival(this.opts.meanInterArrivalMs ?? 200));
  }

  private async doStop(): Promise<void> {
    this.phase = 'stopped';
    this.startWaiter?.reject(new BridgeError('BRIDGE_STOPPED', 'Stopped before market data connected'));
    await this.session.finalize();
    this.connection = { ...this.connection, marketData: 'DISCONNECTED' };
  }

  private assertNotStopped(): void {
    if (this.phase === 'stopped') throw new BridgeError('BRIDGE_STOPPED', 'Market data client was stopped');
  }

  private handle(events: SessionEvent[]): void {
    for (const event of events) {
      if (this.phase === 'stopped') return;
      if (event.kind === 'state') this.onStateEvent(event.type, event.result);
      else if (event.kind === 'trade') this.onTradeEvent(event.raw);
      else this.onInvalid({ symbol: event.ticker, exchange: event.exchange });
    }
  }

  private onStateEvent(type: number, result: number): void {
    const before = this.connection;
    this.connection = applyStateEvent(before, type, result);
    if (!sameState(before, this.connection)) notify(this.stateListeners, this.state());

    if (type === STATE_LOGIN && result !== 0) {
      const reason = loginFailureReason(result);
      this.startWaiter?.reject(new BridgeError('BRIDGE_LOGIN_FAILED', `Login rejected: ${reason}`, { reason, nativeResult: result }));
    } else if (type === STATE_ACTIVATION && result !== 0) {
      this.startWaiter?.reject(new BridgeError('BRIDGE_ACTIVATION_INVALID', 'Activation key rejected', { nativeResult: result }));
    }
    // Every (2,4) means a fresh feed that forgot our subscriptions (§5), not only the first one.
    const reconnected = type === STATE_MARKET_DATA && result === MARKET_CONNECTED;
    if (isMarketReady(this.connection) && (reconnected || !isMarketReady(before))) {
      this.startWaiter?.resolve();
      this.issueSubscriptions();
    }
  }

  private issueSubscriptions(): void {
    for (const [key, ref] of this.desired) {
      try {
        this.session.subscribe(ref.symbol, ref.exchange);
      } catch (err) {
        // Other failures keep the subscription for the next reconnect; an unknown ticker never comes back.
        if (err instanceof BridgeError && err.code === 'BRIDGE_INVALID_TICKER') {
          this.desired.delete(key);
          notify(this.invalidTickerListeners, ref);
        }
      }
    }
  }

  private onTradeEvent(raw: RawTrade): void {
    const trade = toBridgeTrade(raw, this.grids.get(keyOf(raw.ticker, raw.exchange)));
    this.tradesReceived++;
    notify(this.tradeListeners, trade);
  }

  private onInvalid(ref: InstrumentRef): void {
    this.desired.delete(keyOf(ref.symbol, ref.exchange));
    notify(this.invalidTickerListeners, ref);
  }
}

export function createProfitMarketData(opts: ProfitMarketDataOptions = {}): MarketDataClient {
  return new ProfitMarketDataClient(opts);
}

/** Test hook: drives the simulator behind a client made by createProfitMarketData. */
export function simulatorControls(client: MarketDataClient): SimulatorControls {
  if (!(client instanceof ProfitMarketDataClient)) {
    throw new BridgeError('BRIDGE_SIMULATOR_UNAVAILABLE', 'Not a ProfitDLL market-data client');
  }
  return client.simulatorControls();
}
