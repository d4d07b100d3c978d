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

/** Legacy identifier, `packed` (ABI.md §1.3): only ever received as a callback parameter. */
export const TAssetIDRec = named('TAssetIDRec', () =>
  koffi.pack('TAssetIDRec', { pwcTicker: 'str16', pwcBolsa: 'str16', nFeed: 'int32' }),
);

/* Out-strings are caller buffers (two-call pattern, §7.4): declared `void *` so we pass memory we own. */
export const TConnectorAssetIdentifierOut = named('TConnectorAssetIdentifierOut', () =>
  koffi.struct('TConnectorAssetIdentifierOut', {
    Version: 'uint8',
    Ticker: 'void *',
    TickerLength: 'int32',
    Exchange: 'void *',
    ExchangeLength: 'int32',
    FeedType: 'uint8',
  }),
);

export const TConnectorAccountIdentifier = named('TConnectorAccountIdentifier', () =>
  koffi.struct('TConnectorAccountIdentifier', {
    Version: 'uint8',
    BrokerID: 'int32',
    AccountID: 'str16',
    SubAccountID: 'str16',
    Reserved: 'int64',
  }),
);

export const TConnectorAccountIdentifierOut = named('TConnectorAccountIdentifierOut', () =>
  koffi.struct('TConnectorAccountIdentifierOut', {
    Version: 'uint8',
    BrokerID: 'int32',
    AccountID: koffi.array('char16_t', 100),
    AccountIDLength: 'int32',
    SubAccountID: koffi.array('char16_t', 100),
    SubAccountIDLength: 'int32',
    Reserved: 'int64',
  }),
);

export const TConnectorOrderIdentifier = named('TConnectorOrderIdentifier', () =>
  koffi.struct('TConnectorOrderIdentifier', { Version: 'uint8', LocalOrderID: 'int64', ClOrderID: 'str16' }),
);

/* Order commands at their newest layout; the DLL reads only the fields of the `Version` we set. */
export const TConnectorSendOrder = named('TConnectorSendOrder', () =>
  koffi.struct('TConnectorSendOrder', {
    Version: 'uint8',
    AccountID: TConnectorAccountIdentifier,
    AssetID: TConnectorAssetIdentifier,
    Password: 'str16',
    OrderType: 'uint8',
    OrderSide: 'uint8',
    Price: 'double',
    StopPrice: 'double',
    Quantity: 'int64',
    MessageID: 'int64',
  }),
);

export const TConnectorChangeOrder = named('TConnectorChangeOrder', () =>
  koffi.struct('TConnectorChangeOrder', {
    Version: 'uint8',
    AccountID: TConnectorAccountIdentifier,
    OrderID: TConnectorOrderIdentifier,
    Password: 'str16',
    Price: 'double',
    StopPrice: 'double',
    Quantity: 'int64',
    MessageID: 'int64',
  }),
);

export const TConnectorCancelOrder = named('TConnectorCancelOrder', () =>
  koffi.struct('TConnectorCancelOrder', {
    Version: 'uint8',
    AccountID: TConnectorAccountIdentifier,
    OrderID: TConnectorOrderIdentifier,
    Password: 'str16',
    MessageID: 'int64',
  }),
);

export const TConnectorCancelOrders = named('TConnectorCancelOrders', () =>
  koffi.struct('TConnectorCancelOrders', {
    Version: 'uint8',
    AccountID: TConnectorAccountIdentifier,
    AssetID: TConnectorAssetIdentifier,
    Password: 'str16',
  }),
);

export const TConnectorCancelAllOrders = named('TConnectorCancelAllOrders', () =>
  koffi.struct('TConnectorCancelAllOrders', { Version: 'uint8', AccountID: TConnectorAccountIdentifier, Password: 'str16' }),
);

export const TConnectorZeroPosition = named('TConnectorZeroPosition', () =>
  koffi.struct('TConnectorZeroPosition', {
    Version: 'uint8',
    AccountID: TConnectorAccountIdentifier,
    AssetID: TConnectorAssetIdentifier,
    Password: 'str16',
    Price: 'double',
    PositionType: 'uint8',
    MessageID: 'int64',
  }),
);

export const TConnectorOrder = named('TConnectorOrder', () =>
  koffi.struct('TConnectorOrder', {
    Version: 'uint8',
    OrderID: TConnectorOrderIdentifier,
    AccountID: TConnectorAccountIdentifier,
    AssetID: TConnectorAssetIdentifier,
    Quantity: 'int64',
    TradedQuantity: 'int64',
    LeavesQuantity: 'int64',
    Price: 'double',
    StopPrice: 'double',
    AveragePrice: 'double',
    OrderSide: 'uint8',
    OrderType: 'uint8',
    OrderStatus: 'uint8',
    ValidityType: 'uint8',
    Date: TSystemTime,
    LastUpdate: TSystemTime,
    CloseDate: TSystemTime,
    ValidityDate: TSystemTime,
    TextMessage: 'str16',
    EventID: 'int64',
  }),
);

export const TConnectorOrderOut = named('TConnectorOrderOut', () =>
  koffi.struct('TConnectorOrderOut', {
    Version: 'uint8',
    OrderID: TConnectorOrderIdentifier,
    AccountID: TConnectorAccountIdentifierOut,
    AssetID: TConnectorAssetIdentifierOut,
    Quantity: 'int64',
    TradedQuantity: 'int64',
    LeavesQuantity: 'int64',
    Price: 'double',
    StopPrice: 'double',
    AveragePrice: 'double',
    OrderSide: 'uint8',
    OrderType: 'uint8',
    OrderStatus: 'uint8',
    ValidityType: 'uint8',
    Date: TSystemTime,
    LastUpdate: TSystemTime,
    CloseDate: TSystemTime,
    ValidityDate: TSystemTime,
    TextMessage: 'void *',
    TextMessageLength: 'int32',
    EventID: 'int64',
  }),
);

export const TConnectorTradingAccountOut = named('TConnectorTradingAccountOut', () =>
  koffi.struct('TConnectorTradingAccountOut', {
    Version: 'uint8',
    AccountID: TConnectorAccountIdentifier,
    BrokerName: 'void *',
    BrokerNameLength: 'int32',
    OwnerName: 'void *',
    OwnerNameLength: 'int32',
    SubOwnerName: 'void *',
    SubOwnerNameLength: 'int32',
    AccountFlags: 'uint32',
    AccountType: 'uint8',
  }),
);

export const TConnectorTradingAccountPosition = named('TConnectorTradingAccountPosition', () =>
  koffi.struct('TConnectorTradingAccountPosition', {
    Version: 'uint8',
    AccountID: TConnectorAccountIdentifier,
    AssetID: TConnectorAssetIdentifier,
    OpenQuantity: 'int64',
    OpenAveragePrice: 'double',
    OpenSide: 'uint8',
    DailyAverageSellPrice: 'double',
    DailySellQuantity: 'int64',
    DailyAverageBuyPrice: 'double',
    DailyBuyQuantity: 'int64',
    DailyQuantityD1: 'int64',
    DailyQuantityD2: 'int64',
    DailyQuantityD3: 'int64',
    DailyQuantityBlocked: 'int64',
    DailyQuantityPending: 'int64',
    DailyQuantityAlloc: 'int64',
    DailyQuantityProvision: 'int64',
    DailyQuantity: 'int64',
    DailyQuantityAvailable: 'int64',
    PositionType: 'uint8',
    EventID: 'int64',
  }),
);

export const TConnectorPriceGroup = named('TConnectorPriceGroup', () =>
  koffi.struct('TConnectorPriceGroup', {
    Version: 'uint8',
    Price: 'double',
    Count: 'uint32',
    Quantity: 'int64',
    PriceGroupFlags: 'uint32',
  }),
);

/** Every struct the binding declares, by its C name: the layout test compares each with the simulator's compiler. */
export const PROFIT_STRUCTS: Readonly<Record<string, TypeObject>> = {
  TSystemTime,
  TAssetIDRec,
  TConnectorAssetIdentifier,
  TConnectorAssetIdentifierOut,
  TConnectorAccountIdentifier,
  TConnectorAccountIdentifierOut,
  TConnectorOrderIdentifier,
  TConnectorSendOrder,
  TConnectorChangeOrder,
  TConnectorCancelOrder,
  TConnectorCancelOrders,
  TConnectorCancelAllOrders,
  TConnectorZeroPosition,
  TConnectorOrder,
  TConnectorOrderOut,
  TConnectorTradingAccountOut,
  TConnectorTradingAccountPosition,
  TConnectorTrade,
  TConnectorPriceGroup,
};

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

export interface OrderIdentifier {
  Version: number;
  LocalOrderID: number | bigint;
  ClOrderID: string | null;
}

export interface AccountIdentifier {
  Version: number;
  BrokerID: number;
  AccountID: string | null;
  SubAccountID: string | null;
  Reserved: number | bigint;
}

export interface AccountIdentifierOut {
  Version: number;
  BrokerID: number;
  AccountID: string;
  AccountIDLength: number;
  SubAccountID: string;
  SubAccountIDLength: number;
  Reserved: number | bigint;
}

export interface AssetIdentifierOut {
  Version: number;
  Ticker: unknown;
  TickerLength: number;
  Exchange: unknown;
  ExchangeLength: number;
  FeedType: number;
}

export interface ConnectorOrderOut {
  Version: number;
  OrderID: OrderIdentifier;
  AccountID: AccountIdentifierOut;
  AssetID: AssetIdentifierOut;
  Quantity: number | bigint;
  TradedQuantity: number | bigint;
  LeavesQuantity: number | bigint;
  Price: number;
  StopPrice: number;
  AveragePrice: number;
  OrderSide: number;
  OrderType: number;
  OrderStatus: number;
  ValidityType: number;
  Date: SystemTime;
  LastUpdate: SystemTime;
  CloseDate: SystemTime;
  ValidityDate: SystemTime;
  TextMessage: unknown;
  TextMessageLength: number;
  EventID: number | bigint;
}

/** TConnectorOrder as handed to enumeration procs: the same facts with DLL-owned strings. */
export interface ConnectorOrder {
  Version: number;
  OrderID: OrderIdentifier;
  AccountID: AccountIdentifier;
  AssetID: AssetIdentifier;
  Quantity: number | bigint;
  TradedQuantity: number | bigint;
  LeavesQuantity: number | bigint;
  Price: number;
  StopPrice: number;
  AveragePrice: number;
  OrderSide: number;
  OrderType: number;
  OrderStatus: number;
  ValidityType: number;
  Date: SystemTime;
  LastUpdate: SystemTime;
  CloseDate: SystemTime;
  ValidityDate: SystemTime;
  TextMessage: string | null;
  EventID: number | bigint;
}

export interface TradingAccountOut {
  Version: number;
  AccountID: AccountIdentifier;
  BrokerName: unknown;
  BrokerNameLength: number;
  OwnerName: unknown;
  OwnerNameLength: number;
  SubOwnerName: unknown;
  SubOwnerNameLength: number;
  AccountFlags: number;
  AccountType: number;
}

export interface TradingAccountPosition {
  Version: number;
  AccountID: AccountIdentifier;
  AssetID: AssetIdentifier;
  OpenQuantity: number | bigint;
  OpenAveragePrice: number;
  OpenSide: number;
  DailyAverageSellPrice: number;
  DailySellQuantity: number | bigint;
  DailyAverageBuyPrice: number;
  DailyBuyQuantity: number | bigint;
  DailyQuantityD1: number | bigint;
  DailyQuantityD2: number | bigint;
  DailyQuantityD3: number | bigint;
  DailyQuantityBlocked: number | bigint;
  DailyQuantityPending: number | bigint;
  DailyQuantityAlloc: number | bigint;
  DailyQuantityProvision: number | bigint;
  DailyQuantity: number | bigint;
  DailyQuantityAvailable: number | bigint;
  PositionType: number;
  EventID: number | bigint;
}

/* Low-rate callbacks that reach JS directly (the market-data ones go through the C shim). */
export const OrderCallback = named('TConnectorOrderCallback', () =>
  koffi.proto('__stdcall', 'TConnectorOrderCallback', 'void', [koffi.pointer(TConnectorOrderIdentifier)]),
);
export const AccountCallback = named('TConnectorAccountCallback', () =>
  koffi.proto('__stdcall', 'TConnectorAccountCallback', 'void', [koffi.pointer(TConnectorAccountIdentifier)]),
);
export const AssetPositionListCallback = named('TConnectorAssetPositionListCallback', () =>
  koffi.proto('__stdcall', 'TConnectorAssetPositionListCallback', 'void', [
    koffi.pointer(TConnectorAccountIdentifier),
    koffi.pointer(TConnectorAssetIdentifier),
    'int64',
  ]),
);
export const BrokerAccountListCallback = named('TConnectorBrokerAccountListCallback', () =>
  koffi.proto('__stdcall', 'TConnectorBrokerAccountListCallback', 'void', ['int32', 'uint32']),
);
export const EnumerateOrdersProc = named('TConnectorEnumerateOrdersProc', () =>
  koffi.proto('__stdcall', 'TConnectorEnumerateOrdersProc', 'int32', [koffi.pointer(TConnectorOrder), 'intptr']),
);
export const EnumerateAssetProc = named('TConnectorEnumerateAssetProc', () =>
  koffi.proto('__stdcall', 'TConnectorEnumerateAssetProc', 'int32', [koffi.pointer(TConnectorAssetIdentifier), 'intptr']),
);
export const ProgressCallback = named('TProgressCallback', () =>
  koffi.proto('__stdcall', 'TProgressCallback', 'void', [koffi.pointer(TAssetIDRec), 'int32']),
);
export const TheoreticalPriceCallback = named('TTheoreticalPriceCallback', () =>
  koffi.proto('__stdcall', 'TTheoreticalPriceCallback', 'void', [koffi.pointer(TAssetIDRec), 'double', 'int64']),
);
export const TradeCallbackV1 = named('TNewTradeCallback', () =>
  koffi.proto('__stdcall', 'TNewTradeCallback', 'void', [
    koffi.pointer(TAssetIDRec),
    'str16',
    'uint32',
    'double',
    'double',
    'int32',
    'int32',
    'int32',
    'int32',
    'uint16',
  ]),
);
