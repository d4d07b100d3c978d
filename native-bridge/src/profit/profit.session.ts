import koffi, { type TypeObject } from 'koffi';
import { checkNative, nativeError } from '../errors';
import type { NativePointer, ProfitLibrary } from './profit.library';
import {
  decodeAccountIdentifier,
  decodeAssetIdentifier,
  decodeOrderIdentifier,
  readOrderDetails,
  type RawOrder,
} from './order-details';
import {
  AccountCallback,
  AssetPositionListCallback,
  BrokerAccountListCallback,
  InvalidTickerCallback,
  NoopCallback,
  OrderCallback,
  ProgressCallback,
  StateCallback,
  TAssetIDRec,
  TConnectorAssetIdentifier,
  TheoreticalPriceCallback,
  TradeCallbackV1,
  TradeCallbackV2,
  type AssetIdentifier,
  type ConnectorTrade,
} from './profit.types';
import { parseDllDate, TC_IS_EDIT, type RawTrade } from './trade.mapper';
import { TradeRing, type BookSnapshot, type DailySnapshot, type TradeRingStats } from './trade-ring';

/** The legacy packed identifier the progress, theoretical-price and V1 trade callbacks receive. */
function decodeLegacyAsset(p: NativePointer): { ticker: string; exchange: string } {
  const id = koffi.decode(p, TAssetIDRec) as { pwcTicker: string | null; pwcBolsa: string | null };
  return { ticker: id.pwcTicker ?? '', exchange: id.pwcBolsa ?? '' };
}

export type SessionEvent =
  | { kind: 'state'; type: number; result: number }
  | { kind: 'trade'; raw: RawTrade }
  | { kind: 'history-trade'; raw: RawTrade }
  | { kind: 'book'; book: BookSnapshot }
  | { kind: 'daily'; daily: DailySnapshot }
  | { kind: 'invalid-ticker'; ticker: string; exchange: string }
  | { kind: 'order'; order: RawOrder }
  | { kind: 'position'; brokerId: number; accountId: string; subAccountId: string; ticker: string; exchange: string; eventId: bigint }
  | { kind: 'accounts-changed'; brokerId: number }
  | { kind: 'order-history-loaded'; brokerId: number; accountId: string }
  | { kind: 'progress'; ticker: string; exchange: string; progress: number }
  | { kind: 'theoretical-price'; ticker: string; exchange: string; price: number; quantity: number };

export const assetId = (ticker: string, exchange: string): AssetIdentifier => ({ Version: 0, Ticker: ticker, Exchange: exchange, FeedType: 0 });

/** Trades through the C shim's ring (drained every `drainEveryMs`) instead of a JS callback per trade. */
export interface TradeRingOptions {
  shimPath: string;
  capacity: number;
  drainEveryMs?: number;
}

export interface Credentials {
  activationKey: string;
  user: string;
  password: string;
}

/** Runs a native call on a koffi worker thread, leaving the main thread free to run callbacks meanwhile. */
export function callOffThread<A extends unknown[]>(fn: { async: (...args: never[]) => void }, ...args: A): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = (err: unknown, result: number) => (err ? reject(err) : resolve(result));
    (fn.async as (...a: unknown[]) => void)(...args, done);
  });
}

/**
 * One DLL session: owns the callback trampolines and the hand-off queue between the DLL's callback thread and
 * the rest of the process.
 *
 * koffi runs each callback on the main thread while the DLL's ConnectorThread waits for it (ABI.md §8). The
 * callbacks therefore only copy data (TranslateTrade being the one allowed DLL call) and queue it; the events
 * reach `sink` from setImmediate, where issuing requests is safe. Calls that may wait for ConnectorThread
 * (init, finalize) run off the main thread so a callback in flight can always complete.
 */
export class ProfitSession {
  private readonly trampolines: bigint[] = [];
  private pending: SessionEvent[] = [];
  private flushScheduled = false;
  private accepting = true;
  private live = false;
  private initializing: Promise<void> | null = null;
  private finalizing: Promise<void> | null = null;
  private ring: TradeRing | null = null;
  private drainTimer: NodeJS.Timeout | null = null;
  callbacks = 0;
  /** Order callbacks whose GetOrderDetails failed: the order is re-read on its next callback or enumeration. */
  orderReadFailures = 0;

  constructor(
    private readonly lib: ProfitLibrary,
    private readonly sink: (events: SessionEvent[]) => void,
    private readonly ringOptions: TradeRingOptions | null = null,
  ) {}

  /** Ring counters when trades go through the shim; null with direct JS callbacks. */
  ringStats(): TradeRingStats | null {
    return this.ring?.stats() ?? null;
  }

  initialize(credentials: Credentials, routing: boolean): Promise<void> {
    this.initializing ??= this.doInitialize(credentials, routing);
    return this.initializing;
  }

  subscribe(ticker: string, exchange: string): void {
    checkNative('SubscribeTicker', this.lib.SubscribeTicker(ticker, exchange));
  }

  unsubscribe(ticker: string, exchange: string): void {
    checkNative('UnsubscribeTicker', this.lib.UnsubscribeTicker(ticker, exchange));
  }

  subscribeBook(ticker: string, exchange: string): void {
    checkNative('SubscribePriceDepth', this.lib.SubscribePriceDepth(assetId(ticker, exchange)));
  }

  unsubscribeBook(ticker: string, exchange: string): void {
    checkNative('UnsubscribePriceDepth', this.lib.UnsubscribePriceDepth(assetId(ticker, exchange)));
  }

  /** `DD/MM/YYYY HH:mm:SS` exchange-local bounds; results come back as history-trade and progress events. */
  requestHistory(ticker: string, exchange: string, start: string, end: string): void {
    checkNative('GetHistoryTrades', this.lib.GetHistoryTrades(ticker, exchange, start, end));
  }

  /** The library, for request calls made outside callbacks (routing). Null once finalizing began. */
  requests(): ProfitLibrary | null {
    return this.accepting && this.live ? this.lib : null;
  }

  /** Hands queued events (and whatever waits in the ring) to the sink now instead of on the next setImmediate. */
  flush(): void {
    this.drainRing();
    this.flushScheduled = false;
    if (!this.accepting || this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    this.sink(events);
  }

  /** Stops delivery at once (even of already-queued events), then shuts the DLL down. Idempotent. */
  finalize(): Promise<void> {
    this.accepting = false;
    if (this.drainTimer) clearInterval(this.drainTimer);
    this.drainTimer = null;
    this.pending = [];
    this.finalizing ??= this.doFinalize();
    return this.finalizing;
  }

  private async doInitialize({ activationKey, user, password }: Credentials, routing: boolean): Promise<void> {
    const state = this.register((type: number, result: number) => {
      this.callbacks++;
      this.enqueue({ kind: 'state', type, result });
    }, StateCallback);
    const trade = this.register(
      (asset: NativePointer, pTrade: NativePointer, flags: number) => this.onTrade(asset, pTrade, flags),
      TradeCallbackV2,
    );
    const invalidTicker = this.register((asset: NativePointer) => {
      this.callbacks++;
      if (!this.accepting) return;
      const id = koffi.decode(asset, TConnectorAssetIdentifier) as AssetIdentifier;
      this.enqueue({ kind: 'invalid-ticker', ticker: id.Ticker ?? '', exchange: id.Exchange ?? '' });
    }, InvalidTickerCallback);
    const noop = this.register(() => {
      this.callbacks++;
    }, NoopCallback);
    const progress = this.register((asset: NativePointer, value: number) => {
      this.callbacks++;
      this.enqueue({ kind: 'progress', ...decodeLegacyAsset(asset), progress: value });
    }, ProgressCallback);
    const theoretical = this.register((asset: NativePointer, price: number, quantity: number | bigint) => {
      this.callbacks++;
      this.enqueue({ kind: 'theoretical-price', ...decodeLegacyAsset(asset), price, quantity: Number(quantity) });
    }, TheoreticalPriceCallback);

    const result = routing
      ? await callOffThread(this.lib.DLLInitializeLogin, activationKey, user, password, state, ...Array<bigint>(10).fill(noop))
      : await callOffThread(this.lib.DLLInitializeMarketLogin, activationKey, user, password, state, ...Array<bigint>(7).fill(noop));
    if (result < 0) {
      this.unregisterAll();
      throw nativeError(routing ? 'DLLInitializeLogin' : 'DLLInitializeMarketLogin', result);
    }
    this.live = true;
    // finalize() may have been called while the DLL was logging in: then nothing more may start here
    if (!this.accepting) return;
    if (!this.lib.SetTradeCallbackV2) {
      // a DLL before 4.0.0.31: V1 trades, one JS callback each (the shim needs the V2 callback and TranslateTrade)
      const tradeV1 = this.register(
        (asset: NativePointer, date: string, number: number, price: number, volume: number, quantity: number, buyAgent: number, sellAgent: number, type: number, edit: number) =>
          this.onTradeV1(asset, date, { number, price, volume, quantity, buyAgent, sellAgent, type, edit }),
        TradeCallbackV1,
      );
      checkNative('SetTradeCallback', this.lib.SetTradeCallback(tradeV1));
    } else if (this.ringOptions) {
      this.ring = TradeRing.install(this.ringOptions.shimPath, this.lib.path, this.ringOptions.capacity);
      this.drainTimer = setInterval(() => this.drainRing(), this.ringOptions.drainEveryMs ?? 1);
    } else {
      checkNative('SetTradeCallbackV2', this.lib.SetTradeCallbackV2(trade));
    }
    checkNative('SetInvalidTickerCallback', this.lib.SetInvalidTickerCallback(invalidTicker));
    checkNative('SetSerieProgressCallback', this.lib.SetSerieProgressCallback(progress));
    checkNative('SetTheoreticalPriceCallback', this.lib.SetTheoreticalPriceCallback(theoretical));
    if (routing) this.registerRoutingCallbacks();
  }

  /** Order, position and account callbacks are rare enough to reach JS directly (ABI.md "Measured"). */
  private registerRoutingCallbacks(): void {
    const order = this.register((id: NativePointer) => {
      this.callbacks++;
      if (!this.accepting) return;
      // GetOrderDetails is the accessor meant for this callback; the identifier alone says nothing.
      try {
        const raw = readOrderDetails(this.lib, decodeOrderIdentifier(id));
        if (raw) this.enqueue({ kind: 'order', order: raw });
      } catch {
        this.orderReadFailures++;
      }
    }, OrderCallback);
    const position = this.register((account: NativePointer, asset: NativePointer, eventId: number | bigint) => {
      this.callbacks++;
      const a = decodeAccountIdentifier(account);
      const t = decodeAssetIdentifier(asset);
      this.enqueue({
        kind: 'position',
        brokerId: a.BrokerID,
        accountId: a.AccountID ?? '',
        subAccountId: a.SubAccountID ?? '',
        ticker: t.Ticker ?? '',
        exchange: t.Exchange ?? '',
        eventId: BigInt(eventId),
      });
    }, AssetPositionListCallback);
    const accounts = this.register((brokerId: number) => {
      this.callbacks++;
      this.enqueue({ kind: 'accounts-changed', brokerId });
    }, BrokerAccountListCallback);
    const history = this.register((account: NativePointer) => {
      this.callbacks++;
      const a = decodeAccountIdentifier(account);
      this.enqueue({ kind: 'order-history-loaded', brokerId: a.BrokerID, accountId: a.AccountID ?? '' });
    }, AccountCallback);
    checkNative('SetOrderCallback', this.lib.SetOrderCallback(order));
    checkNative('SetAssetPositionListCallback', this.lib.SetAssetPositionListCallback(position));
    checkNative('SetBrokerAccountListChangedCallback', this.lib.SetBrokerAccountListChangedCallback(accounts));
    checkNative('SetOrderHistoryCallback', this.lib.SetOrderHistoryCallback(history));
    checkNative('SetEnabledHistOrder', this.lib.SetEnabledHistOrder(1));
  }

  private onTrade(asset: NativePointer, pTrade: NativePointer, flags: number): void {
    this.callbacks++;
    if (!this.accepting) return;
    const trade = { Version: 0 } as ConnectorTrade;
    // A trade the DLL cannot translate has nothing we could publish; drop it rather than guess.
    if (this.lib.TranslateTrade(pTrade, trade) < 0) return;
    const id = koffi.decode(asset, TConnectorAssetIdentifier) as AssetIdentifier;
    this.enqueue({ kind: 'trade', raw: { ticker: id.Ticker ?? '', exchange: id.Exchange ?? '', flags, trade, callbackAtNs: process.hrtime.bigint() } });
  }

  private onTradeV1(
    asset: NativePointer,
    date: string,
    t: { number: number; price: number; volume: number; quantity: number; buyAgent: number; sellAgent: number; type: number; edit: number },
  ): void {
    this.callbacks++;
    if (!this.accepting) return;
    const tradeDate = parseDllDate(date);
    if (!tradeDate) return; // nothing trustworthy to publish without its time
    const trade: ConnectorTrade = {
      Version: 0,
      TradeDate: tradeDate,
      TradeNumber: t.number,
      Price: t.price,
      Quantity: t.quantity,
      Volume: t.volume,
      BuyAgent: t.buyAgent,
      SellAgent: t.sellAgent,
      TradeType: t.type,
    };
    const flags = t.edit !== 0 ? TC_IS_EDIT : 0;
    this.enqueue({ kind: 'trade', raw: { ...decodeLegacyAsset(asset), flags, trade, callbackAtNs: process.hrtime.bigint() } });
  }

  private drainRing(): void {
    if (!this.ring || !this.accepting) return;
    for (const raw of this.ring.drain()) this.pending.push(raw.history ? { kind: 'history-trade', raw } : { kind: 'trade', raw });
    for (const book of this.ring.drainBooks()) this.pending.push({ kind: 'book', book });
    for (const daily of this.ring.drainDailies()) this.pending.push({ kind: 'daily', daily });
    if (this.pending.length > 0) this.scheduleFlush();
  }

  private enqueue(event: SessionEvent): void {
    if (!this.accepting) return;
    this.pending.push(event);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }


  private async doFinalize(): Promise<void> {
    await this.initializing?.catch(() => undefined); // a rejected DLL init leaves `live` false
    if (!this.live) return;
    const result = await callOffThread(this.lib.DLLFinalize);
    const error = result < 0 ? nativeError('DLLFinalize', result) : null;
    // Any other failure may leave the DLL able to call us: leaking the trampoline slots is the safe choice.
    if (error && error.code !== 'BRIDGE_NOT_INITIALIZED') throw error;
    // The DLL joined its callback thread, so no trampoline (nor the shim's callback) can be entered any more.
    this.live = false;
    this.unregisterAll();
    this.ring?.uninstall();
    this.ring = null;
  }

  private register(fn: (...args: never[]) => void, proto: TypeObject): bigint {
    const handle = koffi.register(fn, koffi.pointer(proto));
    this.trampolines.push(handle);
    return handle;
  }

  private unregisterAll(): void {
    for (const handle of this.trampolines.splice(0)) koffi.unregister(handle);
  }
}
