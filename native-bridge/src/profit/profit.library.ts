import path from 'node:path';
import koffi, { type KoffiFunc, type LibraryHandle, type TypeObject } from 'koffi';
import { BridgeError } from '../errors';
import {
  InvalidTickerCallback,
  NoopCallback,
  StateCallback,
  TConnectorTrade,
  TradeCallbackV2,
  type ConnectorTrade,
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
  SetTradeCallbackV2: KoffiFunc<(cb: Callback) => number>;
  SetInvalidTickerCallback: KoffiFunc<(cb: Callback) => number>;
  /** Accessor: the only call allowed inside the trade callback. Fills `trade` in place. */
  TranslateTrade: KoffiFunc<(pTrade: NativePointer, trade: ConnectorTrade) => number>;
  SubscribeTicker: KoffiFunc<(ticker: Str16, exchange: Str16) => number>;
  UnsubscribeTicker: KoffiFunc<(ticker: Str16, exchange: Str16) => number>;
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
}

export const DEFAULT_SIMULATOR_PATH = path.resolve(__dirname, '../../build/libprofitdll_sim.so');

/** Explicit option first, then PROFITDLL_PATH (a real ProfitDLL64.dll), then the simulator built by build-native.js. */
export function resolveLibraryPath(explicit?: string): string {
  return explicit ?? process.env.PROFITDLL_PATH ?? DEFAULT_SIMULATOR_PATH;
}

const STD = '__stdcall';
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
      SetTradeCallbackV2: lib.func(STD, 'SetTradeCallbackV2', 'int32', [cb(TradeCallbackV2)]),
      SetInvalidTickerCallback: lib.func(STD, 'SetInvalidTickerCallback', 'int32', [cb(InvalidTickerCallback)]),
      TranslateTrade: lib.func(STD, 'TranslateTrade', 'int32', ['void *', koffi.inout(koffi.pointer(TConnectorTrade))]),
      SubscribeTicker: lib.func(STD, 'SubscribeTicker', 'int32', ['str16', 'str16']),
      UnsubscribeTicker: lib.func(STD, 'UnsubscribeTicker', 'int32', ['str16', 'str16']),
      simulator: bindSimulator(lib),
    } as ProfitLibrary;
  } catch (err) {
    throw new BridgeError('BRIDGE_LIBRARY_UNAVAILABLE', `ProfitDLL at ${libraryPath} lacks a required export`, {
      libraryPath,
      cause: err instanceof Error ? err.message : String(err),
    });
  }
}
