import { BridgeError, checkNative } from './errors';
import type {
  BridgeBook,
  BridgeDaily,
  BridgeTrade,
  ConnectionState,
  HistoryProgress,
  InstrumentRef,
  InstrumentSpec,
} from './market-data.types';
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
import { formatPrice, tickGrid, toBridgeTrade, toDllDateTime, TC_LAST_PACKET, type RawTrade, type TickGrid } from './profit/trade.mapper';
import { defaultShimPath, shimAvailable, type BookSnapshot, type DailySnapshot, type TradeRingStats } from './profit/trade-ring';
import { backoffDelay, DEFAULT_RECONNECT, type ReconnectPolicy } from './profit/reconnect-policy';
import { TradeDedupe } from './profit/trade-dedupe';
import { OrderRouter } from './order-router';

export interface MarketDataClient {
  /**
   * Logs in; resolves once market data is connected, rejects with a BridgeError on login/activation failure or
   * timeout. A client whose start failed is stopped; create a new one to retry.
   */
  start(): Promise<void>;
  /** Queued until market data is connected and re-issued after every reconnect. */
  subscribe(symbol: string, exchange: string): Promise<void>;
  unsubscribe(symbol: string, exchange: string): Promise<void>;
  /** `callbackAtNs`: process.hrtime.bigint() when the DLL called back with this trade (latency accounting). */
  onTrade(listener: (trade: BridgeTrade, callbackAtNs: bigint) => void): () => void;
  /** Price-depth book; needs the shim. Queued until connected and re-issued after every reconnect, like trades. */
  subscribeBook(symbol: string, exchange: string): Promise<void>;
  unsubscribeBook(symbol: string, exchange: string): Promise<void>;
  onBook(listener: (book: BridgeBook) => void): () => void;
  onDaily(listener: (daily: BridgeDaily) => void): () => void;
  /**
   * Asks the DLL for the trades of [from, to] (at most 30 days back). They arrive through onHistoryTrade, the
   * last one with `last` set; progress through onHistoryProgress.
   */
  requestHistory(symbol: string, exchange: string, from: Date, to: Date): void;
  onHistoryTrade(listener: (trade: BridgeTrade, last: boolean) => void): () => void;
  onHistoryProgress(listener: (progress: HistoryProgress) => void): () => void;
  onState(listener: (state: ConnectionState) => void): () => void;
  /** The DLL reports unknown tickers asynchronously; the subscription is dropped when this fires. */
  onInvalidTicker(listener: (instrument: InstrumentRef) => void): () => void;
  state(): ConnectionState;
  stats(): MarketDataStats;
  /** Order routing through the same DLL session; null for a market-data-only login. */
  router(): OrderRouter | null;
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
  /** Trades dropped because their number had already been delivered that day (replays after a reconnect). */
  duplicatesDropped: number;
  /** Times the DLL session was torn down and logged in again because a channel stayed down. */
  reinitializations: number;
  /** Milliseconds until the next re-initialization attempt, null when none is scheduled. */
  nextReconnectInMs: number | null;
  lastError: string | null;
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
  /** Log in with routing (DLLInitializeLogin) and expose router(); default market data only. */
  routing?: boolean;
  /**
   * How long a channel may stay down before the session is finalized and logged in again, doubling per
   * failed attempt with jitter (default 1 s … 60 s). The DLL reconnects by itself first.
   */
  reconnect?: ReconnectPolicy;
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
function notifyOne<A extends unknown[]>(listener: (...args: A) => void, ...args: A): void {
  try {
    listener(...args);
  } catch (err) {
    process.nextTick(() => {
      throw err;
    });
  }
}

function notify<T>(listeners: Set<(value: T) => void>, value: T): void {
  for (const listener of listeners) notifyOne(listener, value);
}

class ProfitMarketDataClient implements MarketDataClient {
  private readonly lib: ProfitLibrary;
  private session: ProfitSession;
  private readonly credentials: Credentials;
  private readonly ring: { shimPath: string; capacity: number } | null;
  private readonly routing: boolean;
  private readonly orderRouter: OrderRouter | null;
  private readonly dedupe = new TradeDedupe();
  private readonly reconnectPolicy: ReconnectPolicy;
  private reconnectAttempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDueAt: number | null = null;
  private reinitializations = 0;
  private lastError: string | null = null;
  private readonly grids: Map<string, TickGrid>;
  private readonly desired = new Map<string, InstrumentRef>();
  private readonly tradeListeners = new Set<(trade: BridgeTrade, callbackAtNs: bigint) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly invalidTickerListeners = new Set<(instrument: InstrumentRef) => void>();
  private readonly bookListeners = new Set<(book: BridgeBook) => void>();
  private readonly dailyListeners = new Set<(daily: BridgeDaily) => void>();
  private readonly historyListeners = new Set<(trade: BridgeTrade, last: boolean) => void>();
  private readonly progressListeners = new Set<(progress: HistoryProgress) => void>();
  private readonly desiredBooks = new Map<string, InstrumentRef>();
  private phase: 'idle' | 'started' | 'stopped' = 'idle';
  private connection: ConnectionState;
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
    // without the V2 trade callback (DLL < 4.0.0.31) the shim has nothing to register: V1 JS callbacks
    this.tradePath = !this.lib.SetTradeCallbackV2 ? 'direct' : (opts.tradeCallbacks ?? (shimAvailable(shimPath) ? 'shim' : 'direct'));
    this.ring = this.tradePath === 'shim' ? { shimPath, capacity: opts.ringCapacity ?? DEFAULT_RING_CAPACITY } : null;
    this.routing = opts.routing ?? false;
    this.reconnectPolicy = opts.reconnect ?? DEFAULT_RECONNECT;
    this.connection = initialConnectionState(this.routing);
    this.session = this.newSession();
    this.credentials = {
      activationKey: opts.activationKey ?? SIMULATOR_CREDENTIALS.activationKey,
      user: opts.user ?? SIMULATOR_CREDENTIALS.user,
      password: opts.password ?? SIMULATOR_CREDENTIALS.password,
    };
    this.grids = new Map(
      (opts.instruments ?? DEFAULT_INSTRUMENTS).map((i) => [keyOf(i.symbol, i.exchange), tickGrid(i.tick)]),
    );
    this.orderRouter = this.routing
      ? new OrderRouter({
          requests: () => (this.phase === 'started' ? this.session.requests() : null),
          connection: () => this.connection,
          grid: (symbol, exchange) => this.gridOf(symbol, exchange),
        })
      : null;
  }

  private newSession(): ProfitSession {
    const session: ProfitSession = new ProfitSession(
      this.lib,
      // events of a session we already replaced are stale
      (events) => session === this.session && this.handle(events),
      this.ring,
    );
    return session;
  }

  router(): OrderRouter | null {
    return this.orderRouter;
  }

  /** The instrument's tick grid for rendering DLL doubles; undefined for an instrument we were not told about. */
  private gridOf(symbol: string, exchange: string): TickGrid | undefined {
    return this.grids.get(keyOf(symbol, exchange));
  }

  start(): Promise<void> {
    this.starting ??= this.doStart();
    return this.starting;
  }

  async subscribe(symbol: string, exchange: string): Promise<void> {
    this.want(this.desired, symbol, exchange, (ref) => this.session.subscribe(ref.symbol, ref.exchange));
  }

  async unsubscribe(symbol: string, exchange: string): Promise<void> {
    this.unwant(this.desired, symbol, exchange, (ref) => this.session.unsubscribe(ref.symbol, ref.exchange));
  }

  /** Remembers the subscription (re-issued after every reconnect) and issues it now if the feed is up. */
  private want(desired: Map<string, InstrumentRef>, symbol: string, exchange: string, issue: (ref: InstrumentRef) => void): void {
    const ref = normalize(symbol, exchange);
    this.assertNotStopped();
    const key = keyOf(ref.symbol, ref.exchange);
    desired.set(key, ref);
    if (!isMarketReady(this.connection)) return;
    try {
      issue(ref);
    } catch (err) {
      desired.delete(key);
      throw err;
    }
  }

  private unwant(desired: Map<string, InstrumentRef>, symbol: string, exchange: string, cancel: (ref: InstrumentRef) => void): void {
    const ref = normalize(symbol, exchange);
    this.assertNotStopped();
    if (desired.delete(keyOf(ref.symbol, ref.exchange)) && isMarketReady(this.connection)) cancel(ref);
  }

  onTrade(listener: (trade: BridgeTrade, callbackAtNs: bigint) => void): () => void {
    return addListener(this.tradeListeners, listener);
  }

  async subscribeBook(symbol: string, exchange: string): Promise<void> {
    if (this.tradePath !== 'shim') {
      throw new BridgeError('BRIDGE_LIBRARY_UNAVAILABLE', 'Books are read by the callback shim; it is not in use (PROFIT_TRADE_CALLBACKS=direct)');
    }
    this.want(this.desiredBooks, symbol, exchange, (ref) => this.session.subscribeBook(ref.symbol, ref.exchange));
  }

  async unsubscribeBook(symbol: string, exchange: string): Promise<void> {
    this.unwant(this.desiredBooks, symbol, exchange, (ref) => this.session.unsubscribeBook(ref.symbol, ref.exchange));
  }

  onBook(listener: (book: BridgeBook) => void): () => void {
    return addListener(this.bookListeners, listener);
  }

  onDaily(listener: (daily: BridgeDaily) => void): () => void {
    return addListener(this.dailyListeners, listener);
  }

  requestHistory(symbol: string, exchange: string, from: Date, to: Date): void {
    const ref = normalize(symbol, exchange);
    this.assertNotStopped();
    if (!(from.getTime() < to.getTime())) throw new BridgeError('BRIDGE_INVALID_ARGS', 'from must be before to', { from, to });
    if (!isMarketReady(this.connection)) throw new BridgeError('BRIDGE_NOT_INITIALIZED', `Market data is ${this.connection.marketData}`);
    this.session.requestHistory(ref.symbol, ref.exchange, toDllDateTime(from), toDllDateTime(to));
  }

  onHistoryTrade(listener: (trade: BridgeTrade, last: boolean) => void): () => void {
    return addListener(this.historyListeners, listener);
  }

  onHistoryProgress(listener: (progress: HistoryProgress) => void): () => void {
    return addListener(this.progressListeners, listener);
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
    return {
      tradesReceived: this.tradesReceived,
      callbacks: this.session.callbacks,
      tradePath: this.tradePath,
      ring: this.session.ringStats(),
      duplicatesDropped: this.dedupe.dropped,
      reinitializations: this.reinitializations,
      nextReconnectInMs: this.reconnectDueAt === null ? null : Math.max(0, this.reconnectDueAt - Date.now()),
      lastError: this.lastError,
    };
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
      await this.session.initialize(this.credentials, this.routing);
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
    this.cancelReconnect();
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
      switch (event.kind) {
        case 'state':
          this.onStateEvent(event.type, event.result);
          break;
        case 'trade':
          this.onTradeEvent(event.raw);
          break;
        case 'invalid-ticker':
          this.onInvalid({ symbol: event.ticker, exchange: event.exchange });
          break;
        case 'history-trade': {
          const trade = toBridgeTrade(event.raw, this.gridOf(event.raw.ticker, event.raw.exchange));
          const last = (event.raw.flags & TC_LAST_PACKET) !== 0;
          for (const listener of this.historyListeners) notifyOne(listener, trade, last);
          break;
        }
        case 'progress':
          notify(this.progressListeners, { symbol: event.ticker, exchange: event.exchange, progress: event.progress });
          break;
        case 'book':
          notify(this.bookListeners, this.toBook(event.book));
          break;
        case 'daily':
          notify(this.dailyListeners, this.toDaily(event.daily));
          break;
        case 'order':
        case 'position':
        case 'accounts-changed':
        case 'order-history-loaded':
          this.orderRouter?.handle(event);
          break;
        default:
          break;
      }
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
    this.watchChannels();
  }

  private channelsUp(): boolean {
    return isMarketReady(this.connection) && (!this.routing || this.connection.routing === 'BROKER_CONNECTED');
  }

  /**
   * The DLL reconnects by itself; when a channel stays down past the backoff delay anyway, a fresh session
   * (finalize, log in again, resubscribe) is the only lever left. Only after a successful start: a failed
   * login is terminal (§5: retrying a blocked password makes it worse).
   */
  private watchChannels(): void {
    if (this.phase !== 'started' || this.startWaiter) return;
    if (this.channelsUp()) {
      this.reconnectAttempt = 0;
      this.cancelReconnect();
      return;
    }
    if (this.reconnectTimer || this.connection.login === 'FAILED' || this.connection.activation === 'INVALID') return;
    const delay = backoffDelay(this.reconnectAttempt, this.reconnectPolicy);
    this.reconnectDueAt = Date.now() + delay;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.reconnectDueAt = null;
      if (this.phase === 'started' && !this.channelsUp()) void this.reinitialize();
    }, delay);
    this.reconnectTimer.unref();
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.reconnectDueAt = null;
  }

  private async reinitialize(): Promise<void> {
    this.reconnectAttempt++;
    this.reinitializations++;
    const old = this.session;
    this.session = this.newSession();
    const before = this.connection;
    this.connection = initialConnectionState(this.routing);
    if (!sameState(before, this.connection)) notify(this.stateListeners, this.state());
    try {
      await old.finalize();
      if (this.phase !== 'started') return;
      await this.session.initialize(this.credentials, this.routing);
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
    }
    // whatever happened, the next state change (or its absence) decides about the following attempt
    this.watchChannels();
  }

  private toBook(book: BookSnapshot): BridgeBook {
    const grid = this.gridOf(book.ticker, book.exchange);
    const level = (l: { price: number; quantity: number; orders: number }) => ({ price: formatPrice(l.price, grid), quantity: l.quantity, orders: l.orders });
    return {
      symbol: book.ticker,
      exchange: book.exchange,
      bids: book.bids.map(level),
      asks: book.asks.map(level),
      auction: book.auction,
      sequence: book.sequence,
      time: new Date(Date.now() - book.waitedNs / 1e6).toISOString(),
    };
  }

  private toDaily(d: DailySnapshot): BridgeDaily {
    const grid = this.gridOf(d.ticker, d.exchange);
    const price = (p: number) => formatPrice(p, grid);
    return {
      symbol: d.ticker,
      exchange: d.exchange,
      open: price(d.open),
      high: price(d.high),
      low: price(d.low),
      close: price(d.close),
      settlement: price(d.settlement),
      volume: d.volume,
      quantity: d.quantity,
      trades: d.trades,
      openInterest: d.openInterest,
    };
  }

  private issueSubscriptions(): void {
    for (const ref of this.desiredBooks.values()) {
      try {
        this.session.subscribeBook(ref.symbol, ref.exchange);
      } catch {
        // kept for the next reconnect; an unknown ticker is reported through the trade subscription
      }
    }
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
    if (!this.dedupe.accept(raw)) return;
    const trade = toBridgeTrade(raw, this.gridOf(raw.ticker, raw.exchange));
    this.tradesReceived++;
    const at = raw.callbackAtNs ?? process.hrtime.bigint();
    for (const listener of this.tradeListeners) notifyOne(listener, trade, at);
  }

  private onInvalid(ref: InstrumentRef): void {
    this.desired.delete(keyOf(ref.symbol, ref.exchange));
    this.desiredBooks.delete(keyOf(ref.symbol, ref.exchange));
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
