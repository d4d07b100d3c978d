import koffi, { type TypeObject } from 'koffi';

/*
 * x64 layouts from ABI.md §2. `__stdcall` is what the vendor declares; it only changes anything on 32-bit Windows.
 *
 * Every type is named: koffi 3.3 gives anonymous structs and prototypes clashing internal names, so a pointer
 * to one can resolve to a pointer to the other. koffi keeps one registry per process while jest re-evaluates
 * this module per test file, hence the reuse of an already registered name.
 */
function named(name: string, define: () => TypeObject): TypeObject {
  try {
    return define();
  } catch (err) {
    // Not `instanceof Error`: koffi creates its errors in the realm it was first loaded in.
    if (String((err as { message?: unknown }).message).startsWith('Duplicate type name')) return koffi.type(name);
    throw err;
  }
}

export const TSystemTime = named('TSystemTime', () =>
  koffi.struct('TSystemTime', {
    wYear: 'uint16',
    wMonth: 'uint16',
    wDayOfWeek: 'uint16',
    wDay: 'uint16',
    wHour: 'uint16',
    wMinute: 'uint16',
    wSecond: 'uint16',
    wMilliseconds: 'uint16',
  }),
);

export const TConnectorAssetIdentifier = named('TConnectorAssetIdentifier', () =>
  koffi.struct('TConnectorAssetIdentifier', {
    Version: 'uint8',
    Ticker: 'str16',
    Exchange: 'str16',
    FeedType: 'uint8',
  }),
);

export const TConnectorTrade = named('TConnectorTrade', () =>
  koffi.struct('TConnectorTrade', {
    Version: 'uint8',
    TradeDate: TSystemTime,
    TradeNumber: 'uint32',
    Price: 'double',
    Quantity: 'int64',
    Volume: 'double',
    BuyAgent: 'int32',
    SellAgent: 'int32',
    TradeType: 'uint8',
  }),
);

export interface SystemTime {
  wYear: number;
  wMonth: number;
  wDayOfWeek: number;
  wDay: number;
  wHour: number;
  wMinute: number;
  wSecond: number;
  wMilliseconds: number;
}

export interface AssetIdentifier {
  Version: number;
  Ticker: string | null;
  Exchange: string | null;
  FeedType: number;
}

export interface ConnectorTrade {
  Version: number;
  TradeDate: SystemTime;
  TradeNumber: number;
  Price: number;
  Quantity: number | bigint;
  Volume: number;
  BuyAgent: number;
  SellAgent: number;
  TradeType: number;
}

/* Record parameters the DLL takes "by value" are pointers on Win64, and the simulator declares them so (§1.4). */
export const StateCallback = named('TStateCallback', () =>
  koffi.proto('__stdcall', 'TStateCallback', 'void', ['int32', 'int32']),
);
export const TradeCallbackV2 = named('TConnectorTradeCallback', () =>
  koffi.proto('__stdcall', 'TConnectorTradeCallback', 'void', [koffi.pointer(TConnectorAssetIdentifier), 'void *', 'uint32']),
);
export const InvalidTickerCallback = named('TInvalidTickerCallback', () =>
  koffi.proto('__stdcall', 'TInvalidTickerCallback', 'void', [koffi.pointer(TConnectorAssetIdentifier)]),
);
/**
 * Filler for the init slots we do not consume (legacy trades, book, history...). Passing a no-op rather than
 * NULL follows ABI.md §4.2; on x64 both calling conventions leave argument cleanup to the caller, so one
 * argument-less no-op is safe in a slot of any signature.
 */
export const NoopCallback = named('ProfitNoopCallback', () => koffi.proto('__stdcall', 'ProfitNoopCallback', 'void', []));
