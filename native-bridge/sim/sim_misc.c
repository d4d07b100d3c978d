/*
 * Agent names, FreePointer, the tier-2/3 stubs of ABI.md §12.2 (exported so symbol binding never fails) and
 * Sim_StructLayout, the layout report the binding's layout test compares its koffi structs against.
 */
#define _GNU_SOURCE
#include "sim_internal.h"

#include <stddef.h>

/* ---------------------------------------------------------------- agents (brokers) */

static const struct {
  int32_t id;
  const char16_t *name;
  const char16_t *short_name;
} AGENT_NAMES[] = {
    {3, u"XP INVESTIMENTOS CCTVM S/A", u"XP"},
    {8, u"UBS BRASIL CCTVM S/A", u"UBS"},
    {13, u"MERRILL LYNCH S/A CTVM", u"MERRILL"},
    {15, u"GUIDE INVESTIMENTOS S.A. CV", u"GUIDE"},
    {27, u"SANTANDER CCVM S/A", u"SANTANDER"},
    {39, u"AGORA CTVM S/A", u"AGORA"},
    {45, u"CREDIT SUISSE BRASIL S.A. CTVM", u"CREDIT SUISSE"},
    {72, u"BRADESCO S/A CTVM", u"BRADESCO"},
    {85, u"BTG PACTUAL CTVM S/A", u"BTG"},
    {120, u"GENIAL INSTITUCIONAL CCTVM S/A", u"GENIAL"},
    {127, u"TULLETT PREBON BRASIL CVC LTDA", u"TULLETT"},
    {308, u"CLEAR CORRETORA - GRUPO XP", u"CLEAR"},
    {SIM_BROKER_ID, u"SIMULADOR NELOGICA CTVM", u"SIMULADOR"},
};
#define N_AGENT_NAMES ((int)(sizeof AGENT_NAMES / sizeof AGENT_NAMES[0]))

static const char16_t *agent_name(int32_t id, uint32_t short_name) {
  for (int k = 0; k < N_AGENT_NAMES; k++)
    if (AGENT_NAMES[k].id == id) return short_name & 1u ? AGENT_NAMES[k].short_name : AGENT_NAMES[k].name;
  return NULL;
}

PDLL_API NResult GetAgentNameLength(int32_t id, uint32_t short_name) {
  const char16_t *name = agent_name(id, short_name);
  return name ? (NResult)u16len(name) : NL_NOT_FOUND;
}

/* Copies up to nCount code units; a terminator follows when the buffer has room for it (nCount > length). */
PDLL_API NResult GetAgentName(int32_t count, int32_t id, char16_t *buf, uint32_t short_name) {
  const char16_t *name = agent_name(id, short_name);
  if (!name) return NL_NOT_FOUND;
  if (!buf || count <= 0) return NL_INVALID_ARGS;
  int32_t n = (int32_t)u16len(name), k = n < count ? n : count;
  memcpy(buf, name, (size_t)k * sizeof *buf);
  if (k < count) buf[k] = 0;
  return NL_OK;
}

PDLL_API const char16_t *GetAgentNameByID(int32_t id) { return agent_name(id, 0); }
PDLL_API const char16_t *GetAgentShortNameByID(int32_t id) { return agent_name(id, 1); }

/* The simulator never hands out blobs (no offer book), so there is nothing to release. */
PDLL_API NResult FreePointer(void *p, int32_t size) {
  (void)p, (void)size;
  return NL_OK;
}

/* ---------------------------------------------------------------- stubs */

#define UNUSED_STR5 (void)a, (void)b, (void)p, (void)t, (void)e

PDLL_API int64_t SendBuyOrder(const char16_t *a, const char16_t *b, const char16_t *p, const char16_t *t, const char16_t *e,
                              double price, int32_t amount) {
  UNUSED_STR5, (void)price, (void)amount;
  return NL_NOT_FOUND;
}
PDLL_API int64_t SendSellOrder(const char16_t *a, const char16_t *b, const char16_t *p, const char16_t *t, const char16_t *e,
                               double price, int32_t amount) {
  UNUSED_STR5, (void)price, (void)amount;
  return NL_NOT_FOUND;
}
PDLL_API int64_t SendMarketBuyOrder(const char16_t *a, const char16_t *b, const char16_t *p, const char16_t *t,
                                    const char16_t *e, int32_t amount) {
  UNUSED_STR5, (void)amount;
  return NL_NOT_FOUND;
}
PDLL_API int64_t SendMarketSellOrder(const char16_t *a, const char16_t *b, const char16_t *p, const char16_t *t,
                                     const char16_t *e, int32_t amount) {
  UNUSED_STR5, (void)amount;
  return NL_NOT_FOUND;
}
PDLL_API int64_t SendStopBuyOrder(const char16_t *a, const char16_t *b, const char16_t *p, const char16_t *t,
                                  const char16_t *e, double price, double stop, int32_t amount) {
  UNUSED_STR5, (void)price, (void)stop, (void)amount;
  return NL_NOT_FOUND;
}
PDLL_API int64_t SendStopSellOrder(const char16_t *a, const char16_t *b, const char16_t *p, const char16_t *t,
                                   const char16_t *e, double price, double stop, int32_t amount) {
  UNUSED_STR5, (void)price, (void)stop, (void)amount;
  return NL_NOT_FOUND;
}
PDLL_API NResult SendChangeOrder(const char16_t *a, const char16_t *b, const char16_t *p, const char16_t *cl, double price,
                                 int32_t amount) {
  (void)a, (void)b, (void)p, (void)cl, (void)price, (void)amount;
  return NL_NOT_FOUND;
}
PDLL_API NResult SendCancelOrder(const char16_t *a, const char16_t *b, const char16_t *cl, const char16_t *p) {
  (void)a, (void)b, (void)cl, (void)p;
  return NL_NOT_FOUND;
}
PDLL_API NResult SendCancelOrders(const char16_t *a, const char16_t *b, const char16_t *p, const char16_t *t,
                                  const char16_t *e) {
  UNUSED_STR5;
  return NL_NOT_FOUND;
}
PDLL_API NResult SendCancelAllOrders(const char16_t *a, const char16_t *b, const char16_t *p) {
  (void)a, (void)b, (void)p;
  return NL_NOT_FOUND;
}
PDLL_API int64_t SendZeroPosition(const char16_t *a, const char16_t *b, const char16_t *t, const char16_t *e,
                                  const char16_t *p, double price) {
  UNUSED_STR5, (void)price;
  return NL_NOT_FOUND;
}
PDLL_API int64_t SendZeroPositionAtMarket(const char16_t *a, const char16_t *b, const char16_t *t, const char16_t *e,
                                          const char16_t *p) {
  UNUSED_STR5;
  return NL_NOT_FOUND;
}
PDLL_API NResult GetOrders(const char16_t *a, const char16_t *b, const char16_t *start, const char16_t *end) {
  (void)a, (void)b, (void)start, (void)end;
  return NL_NOT_FOUND;
}
PDLL_API NResult GetOrder(const char16_t *cl) {
  (void)cl;
  return NL_NOT_FOUND;
}
PDLL_API NResult GetOrderProfitID(int64_t profitId) {
  (void)profitId;
  return NL_NOT_FOUND;
}
PDLL_API void *GetPosition(const char16_t *a, const char16_t *b, const char16_t *t, const char16_t *e) {
  (void)a, (void)b, (void)t, (void)e;
  return NULL;
}
PDLL_API NResult GetAccount(void) { return NL_NOT_FOUND; }

#define STUB_SETTER(name)               \
  PDLL_API NResult name(const void *cb) { \
    (void)cb;                           \
    return NL_OK;                       \
  }
STUB_SETTER(SetHistoryTradeCallback)
STUB_SETTER(SetOfferBookCallback)
STUB_SETTER(SetOfferBookCallbackV2)
STUB_SETTER(SetPriceBookCallback)
STUB_SETTER(SetPriceBookCallbackV2)
STUB_SETTER(SetHistoryCallback)
STUB_SETTER(SetHistoryCallbackV2)
STUB_SETTER(SetOrderChangeCallback)
STUB_SETTER(SetOrderChangeCallbackV2)
STUB_SETTER(SetAccountCallback)
STUB_SETTER(SetAssetListCallback)
STUB_SETTER(SetAssetListInfoCallback)
STUB_SETTER(SetAssetListInfoCallbackV2)
STUB_SETTER(SetAdjustHistoryCallback)
STUB_SETTER(SetAdjustHistoryCallbackV2)
STUB_SETTER(SetChangeCotationCallback)
STUB_SETTER(SetTradingMessageResultCallback)
STUB_SETTER(SetHealthCallback)

#define STUB_TICKER(name)                                     \
  PDLL_API NResult name(const char16_t *t, const char16_t *e) { \
    (void)t, (void)e;                                         \
    return NL_NOT_FOUND;                                      \
  }
STUB_TICKER(SubscribePriceBook)
STUB_TICKER(UnsubscribePriceBook)
STUB_TICKER(SubscribeOfferBook)
STUB_TICKER(UnsubscribeOfferBook)
STUB_TICKER(SubscribeAdjustHistory)
STUB_TICKER(UnsubscribeAdjustHistory)
STUB_TICKER(RequestTickerInfo)

PDLL_API NResult GetHealthStatus(int32_t *nState) {
  if (!nState) return NL_INVALID_ARGS;
  *nState = 0; /* responsive */
  return NL_OK;
}
PDLL_API NResult GetLastDailyClose(const char16_t *t, const char16_t *e, double *dClose, int32_t bAdjusted) {
  (void)t, (void)e, (void)dClose, (void)bAdjusted;
  return NL_NOT_FOUND;
}
PDLL_API NResult SetServerAndPort(const char16_t *server, const char16_t *port) {
  (void)server, (void)port;
  return NL_OK;
}

/* ---------------------------------------------------------------- layout report */

typedef struct {
  const char *name;
  size_t offset;
} FieldInfo;

typedef struct {
  const char *name;
  size_t size;
  const FieldInfo *fields;
  int n;
} StructInfo;

#define FLD(T, f) {#f, offsetof(T, f)}
#define STRUCT(T, ...)                                 \
  static const FieldInfo FIELDS_##T[] = {__VA_ARGS__}; \
  enum { N_##T = (int)(sizeof FIELDS_##T / sizeof FIELDS_##T[0]) };
#define ENTRY(T) {#T, sizeof(T), FIELDS_##T, N_##T}

STRUCT(TSystemTime, FLD(TSystemTime, wYear), FLD(TSystemTime, wMonth), FLD(TSystemTime, wDayOfWeek), FLD(TSystemTime, wDay),
       FLD(TSystemTime, wHour), FLD(TSystemTime, wMinute), FLD(TSystemTime, wSecond), FLD(TSystemTime, wMilliseconds))
STRUCT(TAssetIDRec, FLD(TAssetIDRec, pwcTicker), FLD(TAssetIDRec, pwcBolsa), FLD(TAssetIDRec, nFeed))
STRUCT(TConnectorAssetIdentifier, FLD(TConnectorAssetIdentifier, Version), FLD(TConnectorAssetIdentifier, Ticker),
       FLD(TConnectorAssetIdentifier, Exchange), FLD(TConnectorAssetIdentifier, FeedType))
STRUCT(TConnectorAssetIdentifierOut, FLD(TConnectorAssetIdentifierOut, Version), FLD(TConnectorAssetIdentifierOut, Ticker),
       FLD(TConnectorAssetIdentifierOut, TickerLength), FLD(TConnectorAssetIdentifierOut, Exchange),
       FLD(TConnectorAssetIdentifierOut, ExchangeLength), FLD(TConnectorAssetIdentifierOut, FeedType))
STRUCT(TConnectorAccountIdentifier, FLD(TConnectorAccountIdentifier, Version), FLD(TConnectorAccountIdentifier, BrokerID),
       FLD(TConnectorAccountIdentifier, AccountID), FLD(TConnectorAccountIdentifier, SubAccountID),
       FLD(TConnectorAccountIdentifier, Reserved))
STRUCT(TConnectorAccountIdentifierOut, FLD(TConnectorAccountIdentifierOut, Version),
       FLD(TConnectorAccountIdentifierOut, BrokerID), FLD(TConnectorAccountIdentifierOut, AccountID),
       FLD(TConnectorAccountIdentifierOut, AccountIDLength), FLD(TConnectorAccountIdentifierOut, SubAccountID),
       FLD(TConnectorAccountIdentifierOut, SubAccountIDLength), FLD(TConnectorAccountIdentifierOut, Reserved))
STRUCT(TConnectorOrderIdentifier, FLD(TConnectorOrderIdentifier, Version), FLD(TConnectorOrderIdentifier, LocalOrderID),
       FLD(TConnectorOrderIdentifier, ClOrderID))
STRUCT(TConnectorSendOrder, FLD(TConnectorSendOrder, Version), FLD(TConnectorSendOrder, AccountID),
       FLD(TConnectorSendOrder, AssetID), FLD(TConnectorSendOrder, Password), FLD(TConnectorSendOrder, OrderType),
       FLD(TConnectorSendOrder, OrderSide), FLD(TConnectorSendOrder, Price), FLD(TConnectorSendOrder, StopPrice),
       FLD(TConnectorSendOrder, Quantity), FLD(TConnectorSendOrder, MessageID))
STRUCT(TConnectorChangeOrder, FLD(TConnectorChangeOrder, Version), FLD(TConnectorChangeOrder, AccountID),
       FLD(TConnectorChangeOrder, OrderID), FLD(TConnectorChangeOrder, Password), FLD(TConnectorChangeOrder, Price),
       FLD(TConnectorChangeOrder, StopPrice), FLD(TConnectorChangeOrder, Quantity), FLD(TConnectorChangeOrder, MessageID))
STRUCT(TConnectorCancelOrder, FLD(TConnectorCancelOrder, Version), FLD(TConnectorCancelOrder, AccountID),
       FLD(TConnectorCancelOrder, OrderID), FLD(TConnectorCancelOrder, Password), FLD(TConnectorCancelOrder, MessageID))
STRUCT(TConnectorCancelOrders, FLD(TConnectorCancelOrders, Version), FLD(TConnectorCancelOrders, AccountID),
       FLD(TConnectorCancelOrders, AssetID), FLD(TConnectorCancelOrders, Password))
STRUCT(TConnectorCancelAllOrders, FLD(TConnectorCancelAllOrders, Version), FLD(TConnectorCancelAllOrders, AccountID),
       FLD(TConnectorCancelAllOrders, Password))
STRUCT(TConnectorZeroPosition, FLD(TConnectorZeroPosition, Version), FLD(TConnectorZeroPosition, AccountID),
       FLD(TConnectorZeroPosition, AssetID), FLD(TConnectorZeroPosition, Password), FLD(TConnectorZeroPosition, Price),
       FLD(TConnectorZeroPosition, PositionType), FLD(TConnectorZeroPosition, MessageID))
STRUCT(TConnectorOrder, FLD(TConnectorOrder, Version), FLD(TConnectorOrder, OrderID), FLD(TConnectorOrder, AccountID),
       FLD(TConnectorOrder, AssetID), FLD(TConnectorOrder, Quantity), FLD(TConnectorOrder, TradedQuantity),
       FLD(TConnectorOrder, LeavesQuantity), FLD(TConnectorOrder, Price), FLD(TConnectorOrder, StopPrice),
       FLD(TConnectorOrder, AveragePrice), FLD(TConnectorOrder, OrderSide), FLD(TConnectorOrder, OrderType),
       FLD(TConnectorOrder, OrderStatus), FLD(TConnectorOrder, ValidityType), FLD(TConnectorOrder, Date),
       FLD(TConnectorOrder, LastUpdate), FLD(TConnectorOrder, CloseDate), FLD(TConnectorOrder, ValidityDate),
       FLD(TConnectorOrder, TextMessage), FLD(TConnectorOrder, EventID))
STRUCT(TConnectorOrderOut, FLD(TConnectorOrderOut, Version), FLD(TConnectorOrderOut, OrderID),
       FLD(TConnectorOrderOut, AccountID), FLD(TConnectorOrderOut, AssetID), FLD(TConnectorOrderOut, Quantity),
       FLD(TConnectorOrderOut, TradedQuantity), FLD(TConnectorOrderOut, LeavesQuantity), FLD(TConnectorOrderOut, Price),
       FLD(TConnectorOrderOut, StopPrice), FLD(TConnectorOrderOut, AveragePrice), FLD(TConnectorOrderOut, OrderSide),
       FLD(TConnectorOrderOut, OrderType), FLD(TConnectorOrderOut, OrderStatus), FLD(TConnectorOrderOut, ValidityType),
       FLD(TConnectorOrderOut, Date), FLD(TConnectorOrderOut, LastUpdate), FLD(TConnectorOrderOut, CloseDate),
       FLD(TConnectorOrderOut, ValidityDate), FLD(TConnectorOrderOut, TextMessage),
       FLD(TConnectorOrderOut, TextMessageLength), FLD(TConnectorOrderOut, EventID))
STRUCT(TConnectorTradingAccountOut, FLD(TConnectorTradingAccountOut, Version), FLD(TConnectorTradingAccountOut, AccountID),
       FLD(TConnectorTradingAccountOut, BrokerName), FLD(TConnectorTradingAccountOut, BrokerNameLength),
       FLD(TConnectorTradingAccountOut, OwnerName), FLD(TConnectorTradingAccountOut, OwnerNameLength),
       FLD(TConnectorTradingAccountOut, SubOwnerName), FLD(TConnectorTradingAccountOut, SubOwnerNameLength),
       FLD(TConnectorTradingAccountOut, AccountFlags), FLD(TConnectorTradingAccountOut, AccountType))
STRUCT(TConnectorTradingAccountPosition, FLD(TConnectorTradingAccountPosition, Version),
       FLD(TConnectorTradingAccountPosition, AccountID), FLD(TConnectorTradingAccountPosition, AssetID),
       FLD(TConnectorTradingAccountPosition, OpenQuantity), FLD(TConnectorTradingAccountPosition, OpenAveragePrice),
       FLD(TConnectorTradingAccountPosition, OpenSide), FLD(TConnectorTradingAccountPosition, DailyAverageSellPrice),
       FLD(TConnectorTradingAccountPosition, DailySellQuantity), FLD(TConnectorTradingAccountPosition, DailyAverageBuyPrice),
       FLD(TConnectorTradingAccountPosition, DailyBuyQuantity), FLD(TConnectorTradingAccountPosition, DailyQuantityD1),
       FLD(TConnectorTradingAccountPosition, DailyQuantityD2), FLD(TConnectorTradingAccountPosition, DailyQuantityD3),
       FLD(TConnectorTradingAccountPosition, DailyQuantityBlocked),
       FLD(TConnectorTradingAccountPosition, DailyQuantityPending), FLD(TConnectorTradingAccountPosition, DailyQuantityAlloc),
       FLD(TConnectorTradingAccountPosition, DailyQuantityProvision),
       FLD(TConnectorTradingAccountPosition, DailyQuantity), FLD(TConnectorTradingAccountPosition, DailyQuantityAvailable),
       FLD(TConnectorTradingAccountPosition, PositionType), FLD(TConnectorTradingAccountPosition, EventID))
STRUCT(TConnectorTrade, FLD(TConnectorTrade, Version), FLD(TConnectorTrade, TradeDate), FLD(TConnectorTrade, TradeNumber),
       FLD(TConnectorTrade, Price), FLD(TConnectorTrade, Quantity), FLD(TConnectorTrade, Volume),
       FLD(TConnectorTrade, BuyAgent), FLD(TConnectorTrade, SellAgent), FLD(TConnectorTrade, TradeType))
STRUCT(TConnectorPriceGroup, FLD(TConnectorPriceGroup, Version), FLD(TConnectorPriceGroup, Price),
       FLD(TConnectorPriceGroup, Count), FLD(TConnectorPriceGroup, Quantity), FLD(TConnectorPriceGroup, PriceGroupFlags))

static const StructInfo LAYOUTS[] = {
    ENTRY(TSystemTime),
    ENTRY(TAssetIDRec),
    ENTRY(TConnectorAssetIdentifier),
    ENTRY(TConnectorAssetIdentifierOut),
    ENTRY(TConnectorAccountIdentifier),
    ENTRY(TConnectorAccountIdentifierOut),
    ENTRY(TConnectorOrderIdentifier),
    ENTRY(TConnectorSendOrder),
    ENTRY(TConnectorChangeOrder),
    ENTRY(TConnectorCancelOrder),
    ENTRY(TConnectorCancelOrders),
    ENTRY(TConnectorCancelAllOrders),
    ENTRY(TConnectorZeroPosition),
    ENTRY(TConnectorOrder),
    ENTRY(TConnectorOrderOut),
    ENTRY(TConnectorTradingAccountOut),
    ENTRY(TConnectorTradingAccountPosition),
    ENTRY(TConnectorTrade),
    ENTRY(TConnectorPriceGroup),
};

PDLL_API int32_t Sim_StructLayout(const char *name, char *buf, int32_t len) {
  if (!name || !buf || len <= 0) return NL_INVALID_ARGS;
  for (size_t k = 0; k < sizeof LAYOUTS / sizeof LAYOUTS[0]; k++) {
    const StructInfo *s = &LAYOUTS[k];
    if (strcmp(s->name, name) != 0) continue;
    size_t used = 0;
    int n = snprintf(buf, (size_t)len, "{\"size\":%zu,\"fields\":{", s->size);
    if (n < 0 || n >= len) return NL_OUT_OF_RANGE;
    used = (size_t)n;
    for (int f = 0; f < s->n; f++) {
      n = snprintf(buf + used, (size_t)len - used, "%s\"%s\":%zu", f ? "," : "", s->fields[f].name, s->fields[f].offset);
      if (n < 0 || (size_t)n >= (size_t)len - used) return NL_OUT_OF_RANGE;
      used += (size_t)n;
    }
    n = snprintf(buf + used, (size_t)len - used, "}}");
    if (n < 0 || (size_t)n >= (size_t)len - used) return NL_OUT_OF_RANGE;
    used += (size_t)n;
    return (int32_t)used;
  }
  return NL_NOT_FOUND;
}
