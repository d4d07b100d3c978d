/*
 * The ProfitDLL 64-bit structures and callback types the bridge uses, from /work/shared/profitdll/ABI.md §2
 * (x64 offsets, checked below). Shared by the Linux simulator and the callback shim, which is also built for
 * Windows: `char16_t` is the DLL's UTF-16 `WideChar` on both, and `PDLL_CALL` is the vendor's stdcall
 * (ignored by x64 compilers, kept for the record).
 */
#ifndef PROFITDLL_ABI_H
#define PROFITDLL_ABI_H

#include <stddef.h>
#include <stdint.h>
#include <uchar.h>

#ifdef _WIN32
#define PDLL_CALL __stdcall
#else
#define PDLL_CALL
#endif

typedef int32_t NResult;

typedef struct {
  uint16_t wYear, wMonth, wDayOfWeek, wDay, wHour, wMinute, wSecond, wMilliseconds;
} TSystemTime;

typedef struct {
  uint8_t Version;
  const char16_t *Ticker;
  const char16_t *Exchange;
  uint8_t FeedType;
} TConnectorAssetIdentifier;

typedef struct {
  uint8_t Version;
  TSystemTime TradeDate;
  uint32_t TradeNumber;
  double Price;
  int64_t Quantity;
  double Volume;
  int32_t BuyAgent;
  int32_t SellAgent;
  uint8_t TradeType;
} TConnectorTrade;

_Static_assert(sizeof(TSystemTime) == 16, "TSystemTime size");
_Static_assert(sizeof(TConnectorAssetIdentifier) == 32, "TConnectorAssetIdentifier size");
_Static_assert(offsetof(TConnectorAssetIdentifier, Ticker) == 8, "AssetIdentifier.Ticker");
_Static_assert(offsetof(TConnectorAssetIdentifier, Exchange) == 16, "AssetIdentifier.Exchange");
_Static_assert(offsetof(TConnectorAssetIdentifier, FeedType) == 24, "AssetIdentifier.FeedType");
_Static_assert(sizeof(TConnectorTrade) == 64, "TConnectorTrade size");
_Static_assert(offsetof(TConnectorTrade, TradeDate) == 2, "Trade.TradeDate");
_Static_assert(offsetof(TConnectorTrade, TradeNumber) == 20, "Trade.TradeNumber");
_Static_assert(offsetof(TConnectorTrade, Price) == 24, "Trade.Price");
_Static_assert(offsetof(TConnectorTrade, Quantity) == 32, "Trade.Quantity");
_Static_assert(offsetof(TConnectorTrade, Volume) == 40, "Trade.Volume");
_Static_assert(offsetof(TConnectorTrade, BuyAgent) == 48, "Trade.BuyAgent");
_Static_assert(offsetof(TConnectorTrade, SellAgent) == 52, "Trade.SellAgent");
_Static_assert(offsetof(TConnectorTrade, TradeType) == 56, "Trade.TradeType");

/* Legacy identifier: `packed` in Delphi (ABI.md §1.3), 20 bytes. Only seen as a callback parameter. */
#pragma pack(push, 1)
typedef struct {
  const char16_t *pwcTicker;
  const char16_t *pwcBolsa;
  int32_t nFeed;
} TAssetIDRec;
#pragma pack(pop)

typedef struct {
  uint8_t Version;
  char16_t *Ticker; /* caller buffer */
  int32_t TickerLength;
  char16_t *Exchange; /* caller buffer */
  int32_t ExchangeLength;
  uint8_t FeedType;
} TConnectorAssetIdentifierOut;

typedef struct {
  uint8_t Version;
  int32_t BrokerID;
  const char16_t *AccountID;
  const char16_t *SubAccountID; /* NULL or empty for the master account */
  int64_t Reserved;
} TConnectorAccountIdentifier;

typedef struct {
  uint8_t Version;
  int32_t BrokerID;
  char16_t AccountID[100];
  int32_t AccountIDLength;
  char16_t SubAccountID[100];
  int32_t SubAccountIDLength;
  int64_t Reserved;
} TConnectorAccountIdentifierOut;

typedef struct {
  uint8_t Version;
  int64_t LocalOrderID; /* -1 when unknown */
  const char16_t *ClOrderID;
} TConnectorOrderIdentifier;

/* The V2 order commands are declared at their newest version; the DLL reads only the fields of `Version`. */
typedef struct {
  uint8_t Version;
  TConnectorAccountIdentifier AccountID;
  TConnectorAssetIdentifier AssetID;
  const char16_t *Password;
  uint8_t OrderType; /* V1+: 1 market, 2 limit, 4 stop-limit */
  uint8_t OrderSide; /* V1+: 1 buy, 2 sell */
  double Price;      /* -1 for market */
  double StopPrice;  /* -1 unless stop-limit */
  int64_t Quantity;
  int64_t MessageID; /* V2 */
} TConnectorSendOrder;

typedef struct {
  uint8_t Version;
  TConnectorAccountIdentifier AccountID;
  TConnectorOrderIdentifier OrderID;
  const char16_t *Password;
  double Price;
  double StopPrice;
  int64_t Quantity;
  int64_t MessageID; /* V1 */
} TConnectorChangeOrder;

typedef struct {
  uint8_t Version;
  TConnectorAccountIdentifier AccountID;
  TConnectorOrderIdentifier OrderID;
  const char16_t *Password;
  int64_t MessageID; /* V1 */
} TConnectorCancelOrder;

typedef struct {
  uint8_t Version;
  TConnectorAccountIdentifier AccountID;
  TConnectorAssetIdentifier AssetID;
  const char16_t *Password;
} TConnectorCancelOrders;

typedef struct {
  uint8_t Version;
  TConnectorAccountIdentifier AccountID;
  const char16_t *Password;
} TConnectorCancelAllOrders;

typedef struct {
  uint8_t Version;
  TConnectorAccountIdentifier AccountID;
  TConnectorAssetIdentifier AssetID;
  const char16_t *Password;
  double Price;         /* -1 at market */
  uint8_t PositionType; /* V1: 1 day-trade, 2 consolidated */
  int64_t MessageID;    /* V2 */
} TConnectorZeroPosition;

/* Handed to enumeration procs; strings owned by the DLL and valid during the call only. */
typedef struct {
  uint8_t Version;
  TConnectorOrderIdentifier OrderID;
  TConnectorAccountIdentifier AccountID;
  TConnectorAssetIdentifier AssetID;
  int64_t Quantity;
  int64_t TradedQuantity;
  int64_t LeavesQuantity;
  double Price;
  double StopPrice;
  double AveragePrice;
  uint8_t OrderSide;
  uint8_t OrderType;
  uint8_t OrderStatus;
  uint8_t ValidityType;
  TSystemTime Date;
  TSystemTime LastUpdate;
  TSystemTime CloseDate;
  TSystemTime ValidityDate;
  const char16_t *TextMessage;
  int64_t EventID; /* V1 */
} TConnectorOrder;

/* Caller-owned, filled by GetOrderDetails with the two-call pattern (ABI.md §7.4). */
typedef struct {
  uint8_t Version;
  TConnectorOrderIdentifier OrderID; /* in */
  TConnectorAccountIdentifierOut AccountID;
  TConnectorAssetIdentifierOut AssetID;
  int64_t Quantity;
  int64_t TradedQuantity;
  int64_t LeavesQuantity;
  double Price;
  double StopPrice;
  double AveragePrice;
  uint8_t OrderSide;
  uint8_t OrderType;
  uint8_t OrderStatus;
  uint8_t ValidityType;
  TSystemTime Date;
  TSystemTime LastUpdate;
  TSystemTime CloseDate;
  TSystemTime ValidityDate;
  char16_t *TextMessage; /* caller buffer */
  int32_t TextMessageLength;
  int64_t EventID; /* V1 */
} TConnectorOrderOut;

typedef struct {
  uint8_t Version;
  TConnectorAccountIdentifier AccountID; /* in */
  char16_t *BrokerName;
  int32_t BrokerNameLength;
  char16_t *OwnerName;
  int32_t OwnerNameLength;
  char16_t *SubOwnerName;
  int32_t SubOwnerNameLength;
  uint32_t AccountFlags; /* CA_IS_SUB_ACCOUNT 1, CA_IS_ENABLED 2 */
  uint8_t AccountType;   /* V1 */
} TConnectorTradingAccountOut;

typedef struct {
  uint8_t Version;
  TConnectorAccountIdentifier AccountID; /* in */
  TConnectorAssetIdentifier AssetID;     /* in */
  int64_t OpenQuantity;
  double OpenAveragePrice;
  uint8_t OpenSide; /* 0 unknown, 1 bought, 2 sold */
  double DailyAverageSellPrice;
  int64_t DailySellQuantity;
  double DailyAverageBuyPrice;
  int64_t DailyBuyQuantity;
  int64_t DailyQuantityD1;
  int64_t DailyQuantityD2;
  int64_t DailyQuantityD3;
  int64_t DailyQuantityBlocked;
  int64_t DailyQuantityPending;
  int64_t DailyQuantityAlloc;
  int64_t DailyQuantityProvision;
  int64_t DailyQuantity;
  int64_t DailyQuantityAvailable;
  uint8_t PositionType; /* V1, in: 1 day-trade, 2 consolidated */
  int64_t EventID;      /* V2 */
} TConnectorTradingAccountPosition;

typedef struct {
  uint8_t Version;
  double Price; /* -INFINITY in the theoretical slot */
  uint32_t Count;
  int64_t Quantity;
  uint32_t PriceGroupFlags; /* PG_IS_THEORIC 1 */
} TConnectorPriceGroup;

#define ABI_AT(T, f, off) _Static_assert(offsetof(T, f) == (off), #T "." #f)
_Static_assert(sizeof(TAssetIDRec) == 20, "TAssetIDRec size");
ABI_AT(TAssetIDRec, nFeed, 16);
_Static_assert(sizeof(TConnectorAssetIdentifierOut) == 40, "AssetIdentifierOut size");
ABI_AT(TConnectorAssetIdentifierOut, TickerLength, 16);
ABI_AT(TConnectorAssetIdentifierOut, Exchange, 24);
ABI_AT(TConnectorAssetIdentifierOut, ExchangeLength, 32);
ABI_AT(TConnectorAssetIdentifierOut, FeedType, 36);
_Static_assert(sizeof(TConnectorAccountIdentifier) == 32, "AccountIdentifier size");
ABI_AT(TConnectorAccountIdentifier, BrokerID, 4);
ABI_AT(TConnectorAccountIdentifier, AccountID, 8);
ABI_AT(TConnectorAccountIdentifier, SubAccountID, 16);
ABI_AT(TConnectorAccountIdentifier, Reserved, 24);
_Static_assert(sizeof(TConnectorAccountIdentifierOut) == 424, "AccountIdentifierOut size");
ABI_AT(TConnectorAccountIdentifierOut, AccountIDLength, 208);
ABI_AT(TConnectorAccountIdentifierOut, SubAccountID, 212);
ABI_AT(TConnectorAccountIdentifierOut, SubAccountIDLength, 412);
ABI_AT(TConnectorAccountIdentifierOut, Reserved, 416);
_Static_assert(sizeof(TConnectorOrderIdentifier) == 24, "OrderIdentifier size");
ABI_AT(TConnectorOrderIdentifier, LocalOrderID, 8);
ABI_AT(TConnectorOrderIdentifier, ClOrderID, 16);
_Static_assert(sizeof(TConnectorSendOrder) == 120, "SendOrder size");
ABI_AT(TConnectorSendOrder, AccountID, 8);
ABI_AT(TConnectorSendOrder, AssetID, 40);
ABI_AT(TConnectorSendOrder, Password, 72);
ABI_AT(TConnectorSendOrder, OrderType, 80);
ABI_AT(TConnectorSendOrder, OrderSide, 81);
ABI_AT(TConnectorSendOrder, Price, 88);
ABI_AT(TConnectorSendOrder, StopPrice, 96);
ABI_AT(TConnectorSendOrder, Quantity, 104);
ABI_AT(TConnectorSendOrder, MessageID, 112);
_Static_assert(sizeof(TConnectorChangeOrder) == 104, "ChangeOrder size");
ABI_AT(TConnectorChangeOrder, OrderID, 40);
ABI_AT(TConnectorChangeOrder, Password, 64);
ABI_AT(TConnectorChangeOrder, Price, 72);
ABI_AT(TConnectorChangeOrder, StopPrice, 80);
ABI_AT(TConnectorChangeOrder, Quantity, 88);
ABI_AT(TConnectorChangeOrder, MessageID, 96);
_Static_assert(sizeof(TConnectorCancelOrder) == 80, "CancelOrder size");
ABI_AT(TConnectorCancelOrder, OrderID, 40);
ABI_AT(TConnectorCancelOrder, Password, 64);
ABI_AT(TConnectorCancelOrder, MessageID, 72);
_Static_assert(sizeof(TConnectorCancelOrders) == 80, "CancelOrders size");
ABI_AT(TConnectorCancelOrders, AssetID, 40);
ABI_AT(TConnectorCancelOrders, Password, 72);
_Static_assert(sizeof(TConnectorCancelAllOrders) == 48, "CancelAllOrders size");
ABI_AT(TConnectorCancelAllOrders, Password, 40);
_Static_assert(sizeof(TConnectorZeroPosition) == 104, "ZeroPosition size");
ABI_AT(TConnectorZeroPosition, AssetID, 40);
ABI_AT(TConnectorZeroPosition, Password, 72);
ABI_AT(TConnectorZeroPosition, Price, 80);
ABI_AT(TConnectorZeroPosition, PositionType, 88);
ABI_AT(TConnectorZeroPosition, MessageID, 96);
_Static_assert(sizeof(TConnectorOrder) == 232, "Order size");
ABI_AT(TConnectorOrder, OrderID, 8);
ABI_AT(TConnectorOrder, AccountID, 32);
ABI_AT(TConnectorOrder, AssetID, 64);
ABI_AT(TConnectorOrder, Quantity, 96);
ABI_AT(TConnectorOrder, TradedQuantity, 104);
ABI_AT(TConnectorOrder, LeavesQuantity, 112);
ABI_AT(TConnectorOrder, Price, 120);
ABI_AT(TConnectorOrder, StopPrice, 128);
ABI_AT(TConnectorOrder, AveragePrice, 136);
ABI_AT(TConnectorOrder, OrderSide, 144);
ABI_AT(TConnectorOrder, OrderType, 145);
ABI_AT(TConnectorOrder, OrderStatus, 146);
ABI_AT(TConnectorOrder, ValidityType, 147);
ABI_AT(TConnectorOrder, Date, 148);
ABI_AT(TConnectorOrder, LastUpdate, 164);
ABI_AT(TConnectorOrder, CloseDate, 180);
ABI_AT(TConnectorOrder, ValidityDate, 196);
ABI_AT(TConnectorOrder, TextMessage, 216);
ABI_AT(TConnectorOrder, EventID, 224);
_Static_assert(sizeof(TConnectorOrderOut) == 640, "OrderOut size");
ABI_AT(TConnectorOrderOut, AccountID, 32);
ABI_AT(TConnectorOrderOut, AssetID, 456);
ABI_AT(TConnectorOrderOut, Quantity, 496);
ABI_AT(TConnectorOrderOut, TradedQuantity, 504);
ABI_AT(TConnectorOrderOut, LeavesQuantity, 512);
ABI_AT(TConnectorOrderOut, Price, 520);
ABI_AT(TConnectorOrderOut, StopPrice, 528);
ABI_AT(TConnectorOrderOut, AveragePrice, 536);
ABI_AT(TConnectorOrderOut, OrderSide, 544);
ABI_AT(TConnectorOrderOut, ValidityType, 547);
ABI_AT(TConnectorOrderOut, Date, 548);
ABI_AT(TConnectorOrderOut, LastUpdate, 564);
ABI_AT(TConnectorOrderOut, CloseDate, 580);
ABI_AT(TConnectorOrderOut, ValidityDate, 596);
ABI_AT(TConnectorOrderOut, TextMessage, 616);
ABI_AT(TConnectorOrderOut, TextMessageLength, 624);
ABI_AT(TConnectorOrderOut, EventID, 632);
_Static_assert(sizeof(TConnectorTradingAccountOut) == 96, "TradingAccountOut size");
ABI_AT(TConnectorTradingAccountOut, BrokerName, 40);
ABI_AT(TConnectorTradingAccountOut, BrokerNameLength, 48);
ABI_AT(TConnectorTradingAccountOut, OwnerName, 56);
ABI_AT(TConnectorTradingAccountOut, OwnerNameLength, 64);
ABI_AT(TConnectorTradingAccountOut, SubOwnerName, 72);
ABI_AT(TConnectorTradingAccountOut, SubOwnerNameLength, 80);
ABI_AT(TConnectorTradingAccountOut, AccountFlags, 84);
ABI_AT(TConnectorTradingAccountOut, AccountType, 88);
_Static_assert(sizeof(TConnectorTradingAccountPosition) == 216, "TradingAccountPosition size");
ABI_AT(TConnectorTradingAccountPosition, OpenQuantity, 72);
ABI_AT(TConnectorTradingAccountPosition, OpenAveragePrice, 80);
ABI_AT(TConnectorTradingAccountPosition, OpenSide, 88);
ABI_AT(TConnectorTradingAccountPosition, DailyAverageSellPrice, 96);
ABI_AT(TConnectorTradingAccountPosition, DailyBuyQuantity, 120);
ABI_AT(TConnectorTradingAccountPosition, DailyQuantityD1, 128);
ABI_AT(TConnectorTradingAccountPosition, DailyQuantityAvailable, 192);
ABI_AT(TConnectorTradingAccountPosition, PositionType, 200);
ABI_AT(TConnectorTradingAccountPosition, EventID, 208);
_Static_assert(sizeof(TConnectorPriceGroup) == 40, "PriceGroup size");
ABI_AT(TConnectorPriceGroup, Price, 8);
ABI_AT(TConnectorPriceGroup, Count, 16);
ABI_AT(TConnectorPriceGroup, Quantity, 24);
ABI_AT(TConnectorPriceGroup, PriceGroupFlags, 32);

typedef void(PDLL_CALL *TStateCallback)(int32_t nConnStateType, int32_t nResult);
typedef void(PDLL_CALL *TConnectorTradeCallback)(const TConnectorAssetIdentifier *a_Asset, const void *a_pTrade, uint32_t a_nFlags);
typedef void(PDLL_CALL *TInvalidTickerCallback)(const TConnectorAssetIdentifier *a_AssetID);

/* Accessors the DLL allows inside the callback they accompany (ABI.md §8). */
typedef NResult(PDLL_CALL *TTranslateTrade)(const void *a_pTrade, TConnectorTrade *a_Trade);
typedef NResult(PDLL_CALL *TSetTradeCallbackV2)(TConnectorTradeCallback cb);

/* Book sides 0 buy / 1 sell / 254 both; update types ABI.md §6.6 (4 full book, 5 prepare, 6 flush ...). */
typedef void(PDLL_CALL *TConnectorPriceDepthCallback)(const TConnectorAssetIdentifier *a_AssetID, uint8_t a_Side,
                                                      int32_t a_nPosition, uint8_t a_UpdateType);
typedef void(PDLL_CALL *TConnectorOrderCallback)(const TConnectorOrderIdentifier *a_OrderID);
typedef void(PDLL_CALL *TConnectorAccountCallback)(const TConnectorAccountIdentifier *a_AccountID);
typedef void(PDLL_CALL *TConnectorAssetPositionListCallback)(const TConnectorAccountIdentifier *a_AccountID,
                                                             const TConnectorAssetIdentifier *a_AssetID, int64_t a_EventID);
typedef void(PDLL_CALL *TConnectorBrokerAccountListCallback)(int32_t BrokerID, uint32_t Changed);
typedef void(PDLL_CALL *TConnectorBrokerSubAccountListCallback)(const TConnectorAccountIdentifier *a_AccountID);
typedef int32_t(PDLL_CALL *TConnectorEnumerateOrdersProc)(const TConnectorOrder *a_Order, intptr_t a_Param);
typedef int32_t(PDLL_CALL *TConnectorEnumerateAssetProc)(const TConnectorAssetIdentifier *a_Asset, intptr_t a_Param);
typedef void(PDLL_CALL *TNewDailyCallback)(const TAssetIDRec *rAssetID, const char16_t *pwcDate, double dOpen, double dHigh,
                                           double dLow, double dClose, double dVol, double dAjuste, double dMaxLimit,
                                           double dMinLimit, double dVolBuyer, double dVolSeller, int32_t nQtd,
                                           int32_t nNegocios, int32_t nContratosOpen, int32_t nQtdBuyer,
                                           int32_t nQtdSeller, int32_t nNegBuyer, int32_t nNegSeller);
/* Legacy V1 trades (init slot 8 / SetTradeCallback): for DLLs without SetTradeCallbackV2. bEdit is a WideChar. */
typedef void(PDLL_CALL *TNewTradeCallback)(const TAssetIDRec *rAssetID, const char16_t *pwcDate, uint32_t nTradeNumber,
                                           double dPrice, double dVol, int32_t nQtd, int32_t nBuyAgent,
                                           int32_t nSellAgent, int32_t nTradeType, uint16_t bEdit);
typedef void(PDLL_CALL *TProgressCallback)(const TAssetIDRec *rAssetID, int32_t nProgress);
typedef void(PDLL_CALL *TTheoreticalPriceCallback)(const TAssetIDRec *rAssetID, double dTheoreticalPrice, int64_t nTheoreticalQtd);
typedef void(PDLL_CALL *TTinyBookCallback)(const TAssetIDRec *rAssetID, double dPrice, int32_t nQtd, int32_t nSide);
typedef void(PDLL_CALL *TChangeStateTicker)(const TAssetIDRec *rAssetID, const char16_t *pwcDate, int32_t nState);

typedef NResult(PDLL_CALL *TGetPriceDepthSideCount)(const TConnectorAssetIdentifier *a_pAssetID, uint8_t a_nSide);
typedef NResult(PDLL_CALL *TGetPriceGroup)(const TConnectorAssetIdentifier *a_pAssetID, uint8_t a_nSide, int32_t a_nPosition,
                                           TConnectorPriceGroup *a_pPrice);
typedef NResult(PDLL_CALL *TSetPriceDepthCallback)(TConnectorPriceDepthCallback cb);

#endif
