import path from 'node:path';
import koffi, { type KoffiFunc, type LibraryHandle, type TypeObject } from 'koffi';
import { BridgeError } from '../errors';
import {
  AccountCallback,
  AssetPositionListCallback,
  BrokerAccountListCallback,
  EnumerateAssetProc,
  EnumerateOrdersProc,
  InvalidTickerCallback,
  NoopCallback,
  OrderCallback,
  ProgressCallback,
  StateCallback,
  TConnectorAccountIdentifier,
  TConnectorAssetIdentifier,
  TConnectorCancelAllOrders,
  TConnectorCancelOrder,
  TConnectorCancelOrders,
  TConnectorChangeOrder,
  TConnectorOrderOut,
  TConnectorSendOrder,
  TConnectorTrade,
  TConnectorTradingAccountOut,
  TConnectorTradingAccountPosition,
  TConnectorZeroPosition,
  TheoreticalPriceCallback,
  TradeCallbackV1,
  TradeCallbackV2,
  TSystemTime,
  type AccountIdentifier,
  type AssetIdentifier,
  type ConnectorOrderOut,
  type ConnectorTrade,
  type SystemTime,
  type TradingAccountOut,
  type TradingAccountPosition,
} from './profit.types';

/** Registered callback trampolines and opaque DLL pointers are only ever passed back to the DLL. */
export type NativePointer = unknown;
type Callback = bigint;
type Str16 = string;

export interface ProfitLibrary {
  readonly path: string;
  DLLInitializeLogin: KoffiFunc<
    (
      key: Str16, user: Str16, password: Str16, state: Callback,
      history: Callback, orderChange: Callback, account: Callback, newTrade: Callback, newDaily: Callback,
      priceBook: Callback, offerBook: Callback, historyTrade: Callback, progress: Callback, tinyBook: Callback,
    ) => number
  >;
  DLLInitializeMarketLogin: KoffiFunc<
    (
      key: Str16, user: Str16, password: Str16, state: Callback,
      newTrade: Callback, newDaily: Callback, priceBook: Callback, offerBook: Callback,
      historyTrade: Callback, progress: Callback, tinyBook: Callback,
    ) => number
  >;
  DLLFinalize: KoffiFunc<() => number>;
  /** Null on DLLs older than 4.0.0.31: trades then come through the V1 callback. */
  SetTradeCallbackV2: KoffiFunc<(cb: Callback) => number> | null;
  SetTradeCallback: KoffiFunc<(cb: Callback) => number>;
  SetInvalidTickerCallback: KoffiFunc<(cb: Callback) => number>;
  /** Accessor: the only call allowed inside the trade callback. Fills `trade` in place. */
  TranslateTrade: KoffiFunc<(pTrade: NativePointer, trade: ConnectorTrade) => number>;
  SubscribeTicker: KoffiFunc<(ticker: Str16, exchange: Str16) => number>;
  UnsubscribeTicker: KoffiFunc<(ticker: Str16, exchange: Str16) => number>;
  SubscribePriceDepth: KoffiFunc<(asset: AssetIdentifier) => number>;
  UnsubscribePriceDepth: KoffiFunc<(asset: AssetIdentifier) => number>;
  /** `DD/MM/YYYY HH:mm:SS` bounds; trades arrive through the history-trade callback (the shim's). */
  GetHistoryTrades: KoffiFunc<(ticker: Str16, exchange: Str16, start: Str16, end: Str16) => number>;
  GetTheoreticalValues: KoffiFunc<(asset: AssetIdentifier, price: [number], quantity: [number | bigint]) => number>;
  SetSerieProgressCallback: KoffiFunc<(cb: Callback) => number>;
  SetTheoreticalPriceCallback: KoffiFunc<(cb: Callback) => number>;
  SetEnabledHistOrder: KoffiFunc<(enabled: number) => number>;
  SetOrderCallback: KoffiFunc<(cb: Callback) => number>;
  SetOrderHistoryCallback: KoffiFunc<(cb: Callback) => number>;
  SetAssetPositionListCallback: KoffiFunc<(cb: Callback) => number>;
  SetBrokerAccountListChangedCallback: KoffiFunc<(cb: Callback) => number>;
  /** Int64 results: a positive local order id or a negative NL code (§3). */
  SendOrder: KoffiFunc<(order: object) => number | bigint>;
  SendChangeOrderV2: KoffiFunc<(change: object) => number>;
  SendCancelOrderV2: KoffiFunc<(cancel: object) => number>;
  SendCancelOrdersV2: KoffiFunc<(cancel: object) => number>;
  SendCancelAllOrdersV2: KoffiFunc<(cancel: object) => number>;
  SendZeroPositionV2: KoffiFunc<(zero: object) => number | bigint>;
  /** Accessor, allowed inside the order callback; two-call pattern for its strings (§7.4). */
  GetOrderDetails: KoffiFunc<(order: ConnectorOrderOut) => number>;
  HasOrdersInInterval: KoffiFunc<(account: AccountIdentifier, start: SystemTime, end: SystemTime) => number>;
  EnumerateAllOrders: KoffiFunc<
    (account: AccountIdentifier, version: number, param: number, proc: (order: NativePointer, param: number) => number) => number
  >;
  GetPositionV2: KoffiFunc<(position: TradingAccountPosition) => number>;
  EnumerateAllPositionAssets: KoffiFunc<
    (account: AccountIdentifier, version: number, param: number, proc: (asset: NativePointer, param: number) => number) => number
  >;
  GetAccountCount: KoffiFunc<() => number>;
  GetAccounts: KoffiFunc<(startSource: number, startDest: number, count: number, out: Buffer) => number>;
  GetAccountDetails: KoffiFunc<(account: TradingAccountOut) => number>;
  /** Present only in the Linux simulator. */
  simulator: SimulatorLibrary | null;
}

export interface SimulatorLibrary {
  Sim_SetSeed: KoffiFunc<(seed: bigint) => number>;
  Sim_SetClockMode: KoffiFunc<(mode: number, speed: number) => number>;
  Sim_SetMeanInterArrival: KoffiFunc<(ms: number) => number>;
  Sim_SetNextStartup: KoffiFunc<(login: number, activation: number) => number>;
  Sim_Advance: KoffiFunc<(ms: number) => number>;
  Sim_PushTrade: KoffiFunc<(ticker: Str16, exchange: Str16, price: number, quantity: number, flags: number) => number>;
  Sim_InjectState: KoffiFunc<(type: number, result: number) => number>;
  Sim_Disconnect: KoffiFunc<(channel: number, downMs: number) => number>;
  Sim_GetStats: KoffiFunc<(buf: Buffer, len: number) => number>;
  Sim_Reset: KoffiFunc<() => number>;
  Sim_RejectNext: KoffiFunc<(n: number, reason: Str16 | null) => number>;
  Sim_SetFillPlan: KoffiFunc<(fractions: number[] | null, n: number) => number>;
  Sim_SetOrderTiming: KoffiFunc<(ackDelayMs: number, fillDelayMs: number) => number>;
  Sim_SetCallbackDelay: KoffiFunc<(delayUs: number, jitterUs: number) => number>;
  Sim_FailNext: KoffiFunc<(fn: string, code: number, n: number) => number>;
  Sim_SetHistoryDensity: KoffiFunc<(tradesPerMinute: number) => number>;
}

export const DEFAULT_SIMULATOR_PATH = path.resolve(__dirname, '../../build/libprofitdll_sim.so');

/** Explicit option first, then PROFITDLL_PATH (a real ProfitDLL64.dll), then the simulator built by build-native.js. */
export function resolveLibraryPath(explicit?: string): string {
  return explicit ?? process.env.PROFITDLL_PATH ?? DEFAULT_SIMULATOR_PATH;
}

const STD = '__stdcall';

/** An export older DLL versions lack: null instead of failing the load. */
function optional<T>(lib: LibraryHandle, bind: () => T): T | null {
  try {
    return bind();
  } catch {
    return null;
  }
}
const cb = (proto: TypeObject) => koffi.pointer(proto);

function bindSimulator(lib: LibraryHandle): SimulatorLibrary | null {
  try {
    lib.symbol('Sim_Advance');
  } catch {
    return null;
  }
  return {
    Sim_SetSeed: lib.func('Sim_SetSeed', 'int32', ['uint64']),
    Sim_SetClockMode: lib.func('Sim_SetClockMode', 'int32', ['int32', 'double']),
    Sim_SetMeanInterArrival: lib.func('Sim_SetMeanInterArrival', 'int32', ['double']),
    Sim_SetNextStartup: lib.func('Sim_SetNextStartup', 'int32', ['int32', 'int32']),
    Sim_Advance: lib.func('Sim_Advance', 'int32', ['int64']),
    Sim_PushTrade: lib.func('Sim_PushTrade', 'int32', ['str16', 'str16', 'double', 'int64', 'int32']),
    Sim_InjectState: lib.func('Sim_InjectState', 'int32', ['int32', 'int32']),
    Sim_Disconnect: lib.func('Sim_Disconnect', 'int32', ['int32', 'int64']),
    Sim_GetStats: lib.func('Sim_GetStats', 'int32', [koffi.out('char *'), 'int32']),
    Sim_Reset: lib.func('Sim_Reset', 'int32', []),
    Sim_RejectNext: lib.func('Sim_RejectNext', 'int32', ['int32', 'str16']),
    Sim_SetFillPlan: lib.func('Sim_SetFillPlan', 'int32', [koffi.pointer('double'), 'int32']),
    Sim_SetOrderTiming: lib.func('Sim_SetOrderTiming', 'int32', ['int64', 'int64']),
    Sim_SetCallbackDelay: lib.func('Sim_SetCallbackDelay', 'int32', ['int64', 'int64']),
    Sim_FailNext: lib.func('Sim_FailNext', 'int32', ['str', 'int32', 'int32']),
    Sim_SetHistoryDensity: lib.func('Sim_SetHistoryDensity', 'int32', ['double']),
  } as SimulatorLibrary;
}

/** Loads the DLL (or simulator) and binds every symbol up front, so a missing export fails here, not mid-session. */
export function loadProfitLibrary(libraryPath: string): ProfitLibrary {
  let lib: LibraryHandle;
  try {
    lib = koffi.load(libraryPath);
  } catch (err) {
    throw new BridgeError('BRIDGE_LIBRARY_UNAVAILABLE', `Cannot load ProfitDLL from ${libraryPath}`, {
      libraryPath,
      cause: err instanceof Error ? err.message : String(err),
    });
  }
  const slot = cb(NoopCallback);
  const asset = koffi.pointer(TConnectorAssetIdentifier);
  const account = koffi.pointer(TConnectorAccountIdentifier);
  try {
    return {
      path: libraryPath,
      DLLInitializeLogin: lib.func(STD, 'DLLInitializeLogin', 'int32', [
        'str16', 'str16', 'str16', cb(StateCallback), slot, slot, slot, slot, slot, slot, slot, slot, slot, slot,
      ]),
      DLLInitializeMarketLogin: lib.func(STD, 'DLLInitializeMarketLogin', 'int32', [
        'str16', 'str16', 'str16', cb(StateCallback), slot, slot, slot, slot, slot, slot, slot,
      ]),
      DLLFinalize: lib.func(STD, 'DLLFinalize', 'int32', []),
      SetTradeCallbackV2: optional(lib, () => lib.func(STD, 'SetTradeCallbackV2', 'int32', [cb(TradeCallbackV2)])),
      SetTradeCallback: lib.func(STD, 'SetTradeCallback', 'int32', [cb(TradeCallbackV1)]),
      SetInvalidTickerCallback: lib.func(STD, 'SetInvalidTickerCallback', 'int32', [cb(InvalidTickerCallback)]),
      TranslateTrade: lib.func(STD, 'TranslateTrade', 'int32', ['void *', koffi.inout(koffi.pointer(TConnectorTrade))]),
      SubscribeTicker: lib.func(STD, 'SubscribeTicker', 'int32', ['str16', 'str16']),
      UnsubscribeTicker: lib.func(STD, 'UnsubscribeTicker', 'int32', ['str16', 'str16']),
      SubscribePriceDepth: lib.func(STD, 'SubscribePriceDepth', 'int32', [asset]),
      UnsubscribePriceDepth: lib.func(STD, 'UnsubscribePriceDepth', 'int32', [asset]),
      GetHistoryTrades: lib.func(STD, 'GetHistoryTrades', 'int32', ['str16', 'str16', 'str16', 'str16']),
      GetTheoreticalValues: lib.func(STD, 'GetTheoreticalValues', 'int32', [asset, koffi.out(koffi.pointer('double')), koffi.out(koffi.pointer('int64'))]),
      SetSerieProgressCallback: lib.func(STD, 'SetSerieProgressCallback', 'int32', [cb(ProgressCallback)]),
      SetTheoreticalPriceCallback: lib.func(STD, 'SetTheoreticalPriceCallback', 'int32', [cb(TheoreticalPriceCallback)]),
      SetEnabledHistOrder: lib.func(STD, 'SetEnabledHistOrder', 'int32', ['int32']),
      SetOrderCallback: lib.func(STD, 'SetOrderCallback', 'int32', [cb(OrderCallback)]),
      SetOrderHistoryCallback: lib.func(STD, 'SetOrderHistoryCallback', 'int32', [cb(AccountCallback)]),
      SetAssetPositionListCallback: lib.func(STD, 'SetAssetPositionListCallback', 'int32', [cb(AssetPositionListCallback)]),
      SetBrokerAccountListChangedCallback: lib.func(STD, 'SetBrokerAccountListChangedCallback', 'int32', [cb(BrokerAccountListCallback)]),
      SendOrder: lib.func(STD, 'SendOrder', 'int64', [koffi.pointer(TConnectorSendOrder)]),
      SendChangeOrderV2: lib.func(STD, 'SendChangeOrderV2', 'int32', [koffi.pointer(TConnectorChangeOrder)]),
      SendCancelOrderV2: lib.func(STD, 'SendCancelOrderV2', 'int32', [koffi.pointer(TConnectorCancelOrder)]),
      SendCancelOrdersV2: lib.func(STD, 'SendCancelOrdersV2', 'int32', [koffi.pointer(TConnectorCancelOrders)]),
      SendCancelAllOrdersV2: lib.func(STD, 'SendCancelAllOrdersV2', 'int32', [koffi.pointer(TConnectorCancelAllOrders)]),
      SendZeroPositionV2: lib.func(STD, 'SendZeroPositionV2', 'int64', [koffi.pointer(TConnectorZeroPosition)]),
      GetOrderDetails: lib.func(STD, 'GetOrderDetails', 'int32', [koffi.inout(koffi.pointer(TConnectorOrderOut))]),
      HasOrdersInInterval: lib.func(STD, 'HasOrdersInInterval', 'int32', [account, TSystemTime, TSystemTime]),
      EnumerateAllOrders: lib.func(STD, 'EnumerateAllOrders', 'int32', [account, 'uint8', 'intptr', cb(EnumerateOrdersProc)]),
      GetPositionV2: lib.func(STD, 'GetPositionV2', 'int32', [koffi.inout(koffi.pointer(TConnectorTradingAccountPosition))]),
      EnumerateAllPositionAssets: lib.func(STD, 'EnumerateAllPositionAssets', 'int32', [account, 'uint8', 'intptr', cb(EnumerateAssetProc)]),
      GetAccountCount: lib.func(STD, 'GetAccountCount', 'int32', []),
      GetAccounts: lib.func(STD, 'GetAccounts', 'int32', ['int32', 'int32', 'int32', 'void *']),
      GetAccountDetails: lib.func(STD, 'GetAccountDetails', 'int32', [koffi.inout(koffi.pointer(TConnectorTradingAccountOut))]),
      simulator: bindSimulator(lib),
    } as ProfitLibrary;
  } catch (err) {
    throw new BridgeError('BRIDGE_LIBRARY_UNAVAILABLE', `ProfitDLL at ${libraryPath} lacks a required export`, {
      libraryPath,
      cause: err instanceof Error ? err.message : String(err),
    });
  }
}
