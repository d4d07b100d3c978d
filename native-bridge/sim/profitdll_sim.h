/*
 * Linux test double for the ProfitDLL 64-bit ABI (/work/shared/profitdll/ABI.md).
 * Layouts follow ABI.md §2 (x64 offsets); record parameters that the DLL takes "by value" are declared as
 * `const T *` (§1.4) so one set of koffi prototypes serves Win64 and this .so. TSystemTime stays by value.
 *
 * Simulator-only controls (never in the real DLL; `Sim_` prefix):
 *   Sim_SetSeed(seed)                      PRNG seed (latched by the next DLLInitialize*)
 *   Sim_SetClockMode(mode, speed)          0 wall clock (speed factor), 1 virtual clock moved by Sim_Advance (latched)
 *   Sim_SetMeanInterArrival(ms)            mean time between trades, per instrument (latched)
 *   Sim_SetNextStartup(login, activation)  outcome of the next login only (§5 codes)
 *   Sim_Advance(ms)                        virtual clock: advance and return once every due event was delivered
 *   Sim_PushTrade(...)                     scripted trade (moves the price, the book, and crosses resting orders)
 *   Sim_InjectState(type, result)          arbitrary state event
 *   Sim_Disconnect(channel, downMs)        1 routing (1,3)->(1,4)->(1,5), 2 market (2,0)->(2,1)->(2,4); -1 stays down
 *   Sim_SetCallbackDelay(delayUs, jitterUs) dispatcher sleeps delay + uniform[0, jitter] us before each callback
 *   Sim_SetQueueThreshold(n)               back-pressure: (2,6) once above n pending events, (2,4) below n/2 (wall clock)
 *   Sim_SetHistoryDensity(perMinute)       mean history trades per minute of session (default 20)
 *   Sim_SetOrderTiming(ackMs, fillMs)      PendingNew at ack/4, New at ack, first fill ack+fill (defaults 20, 20)
 *   Sim_SetFillPlan(fractions, n)          per-fill fractions of the order quantity (n = 0 clears; persists)
 *   Sim_RejectNext(n, reason)              the next n orders are rejected with `reason` (NULL: default text)
 *   Sim_FailNext(fn, code, n)              the next n calls of export `fn` return `code` synchronously
 *   Sim_GetStats(buf, len)                 JSON counters
 *   Sim_StructLayout(name, buf, len)       JSON {"size":N,"fields":{...}} of an ABI struct, from sizeof/offsetof
 *   Sim_Reset()                            pristine settings, knobs and counters (only between sessions)
 */
#ifndef PROFITDLL_SIM_H
#define PROFITDLL_SIM_H

#include "../include/profitdll_abi.h"

#define PDLL_API __attribute__((visibility("default")))

#define NL_ERR(n) ((int32_t)(0x80000000u | (n)))
#define NL_OK 0
#define NL_INTERNAL_ERROR NL_ERR(0x01u)
#define NL_NOT_INITIALIZED NL_ERR(0x02u)
#define NL_INVALID_ARGS NL_ERR(0x03u)
#define NL_WAITING_SERVER NL_ERR(0x04u)
#define NL_OUT_OF_RANGE NL_ERR(0x09u)
#define NL_MARKET_ONLY NL_ERR(0x0Au)
#define NL_NO_POSITION NL_ERR(0x0Bu)
#define NL_NOT_FOUND NL_ERR(0x0Cu)
#define NL_VERSION_NOT_SUPPORTED NL_ERR(0x0Du)
#define NL_ASSET_NO_DATA NL_ERR(0x15u)
#define NL_DUPLICATE_RESOURCE NL_ERR(0x1Au)
#define NL_NO_PASSWORD NL_ERR(0x1Cu)
#define NL_NO_USER NL_ERR(0x1Du)
#define NL_INVALID_TICKER NL_ERR(0x1Fu)
#define NL_NOT_MASTER_ACCOUNT NL_ERR(0x20u)
#define NL_HISTORY_PERIOD_LIMIT NL_ERR(0x2Eu)

#define TC_IS_EDIT 1u
#define TC_LAST_PACKET 2u
#ifndef PG_IS_THEORIC
#define PG_IS_THEORIC 1u
#endif
#define CA_IS_SUB_ACCOUNT 1u
#define CA_IS_ENABLED 2u

/* The simulated broker and its accounts (routing sessions only). */
#define SIM_BROKER_ID 1982
#define SIM_ACCOUNT_ID u"SIM-0001"
#define SIM_SUB_ACCOUNT_ID u"SIM-0001-A"

/* Init slots the simulator accepts but never calls (the binding passes one no-op for all of them; use the
   Set*Callback setters). */
typedef const void *TUnusedCallback;

/* ---------------------------------------------------------------- init, state, registry */
PDLL_API NResult DLLInitializeLogin(const char16_t *pwcActivationKey, const char16_t *pwcUser, const char16_t *pwcPassword,
                                    TStateCallback StateCallback, TUnusedCallback HistoryCallback,
                                    TUnusedCallback OrderChangeCallback, TUnusedCallback AccountCallback,
                                    TUnusedCallback NewTradeCallback, TUnusedCallback NewDailyCallback,
                                    TUnusedCallback PriceBookCallback, TUnusedCallback OfferBookCallback,
                                    TUnusedCallback HistoryTradeCallback, TUnusedCallback ProgressCallback,
                                    TUnusedCallback TinyBookCallback);
PDLL_API NResult DLLInitializeMarketLogin(const char16_t *pwcActivationKey, const char16_t *pwcUser, const char16_t *pwcPassword,
                                          TStateCallback StateCallback, TUnusedCallback NewTradeCallback,
                                          TUnusedCallback NewDailyCallback, TUnusedCallback PriceBookCallback,
                                          TUnusedCallback OfferBookCallback, TUnusedCallback HistoryTradeCallback,
                                          TUnusedCallback ProgressCallback, TUnusedCallback TinyBookCallback);
PDLL_API NResult DLLFinalize(void);
PDLL_API NResult SetStateCallback(TStateCallback cb);
PDLL_API NResult SetTradeCallbackV2(TConnectorTradeCallback cb);
PDLL_API NResult SetHistoryTradeCallbackV2(TConnectorTradeCallback cb);
PDLL_API NResult SetInvalidTickerCallback(TInvalidTickerCallback cb);
PDLL_API NResult SetDailyCallback(TNewDailyCallback cb);
PDLL_API NResult SetTinyBookCallback(TTinyBookCallback cb);
PDLL_API NResult SetTheoreticalPriceCallback(TTheoreticalPriceCallback cb);
PDLL_API NResult SetChangeStateTickerCallback(TChangeStateTicker cb);
PDLL_API NResult SetSerieProgressCallback(TProgressCallback cb);
PDLL_API NResult SetPriceDepthCallback(TConnectorPriceDepthCallback cb);
PDLL_API NResult SetEnabledHistOrder(int32_t bEnabled);
PDLL_API NResult SetDayTrade(int32_t bUseDayTrade);
PDLL_API NResult SetEnabledLogToDebug(int32_t bEnabled);
PDLL_API NResult GetServerClock(double *dtDate, int32_t *nYear, int32_t *nMonth, int32_t *nDay, int32_t *nHour,
                                int32_t *nMin, int32_t *nSec, int32_t *nMilisec);

/* ---------------------------------------------------------------- market data */
PDLL_API NResult TranslateTrade(const void *a_pTrade, TConnectorTrade *a_Trade);
PDLL_API NResult SubscribeTicker(const char16_t *pwcTicker, const char16_t *pwcBolsa);
PDLL_API NResult UnsubscribeTicker(const char16_t *pwcTicker, const char16_t *pwcBolsa);
PDLL_API NResult SubscribePriceDepth(const TConnectorAssetIdentifier *a_pAssetID);
PDLL_API NResult UnsubscribePriceDepth(const TConnectorAssetIdentifier *a_pAssetID);
PDLL_API NResult GetPriceDepthSideCount(const TConnectorAssetIdentifier *a_pAssetID, uint8_t a_nSide);
PDLL_API NResult GetPriceGroup(const TConnectorAssetIdentifier *a_pAssetID, uint8_t a_nSide, int32_t a_nPosition,
                               TConnectorPriceGroup *a_pPrice);
PDLL_API NResult GetTheoreticalValues(const TConnectorAssetIdentifier *a_pAssetID, double *a_dPrice, int64_t *a_nQuantity);
PDLL_API NResult GetHistoryTrades(const char16_t *pwcTicker, const char16_t *pwcBolsa, const char16_t *dtDateStart,
                                  const char16_t *dtDateEnd);
PDLL_API NResult GetAgentNameLength(int32_t nAgentID, uint32_t nShortName);
PDLL_API NResult GetAgentName(int32_t nCount, int32_t nAgentID, char16_t *pwcAgent, uint32_t nShortName);
PDLL_API NResult FreePointer(void *pPointer, int32_t nSize);

/* ---------------------------------------------------------------- routing (DLLInitializeLogin only) */
PDLL_API NResult SetOrderCallback(TConnectorOrderCallback cb);
PDLL_API NResult SetOrderHistoryCallback(TConnectorAccountCallback cb);
PDLL_API NResult SetAssetPositionListCallback(TConnectorAssetPositionListCallback cb);
PDLL_API NResult SetBrokerAccountListChangedCallback(TConnectorBrokerAccountListCallback cb);
PDLL_API NResult SetBrokerSubAccountListChangedCallback(TConnectorBrokerSubAccountListCallback cb);
PDLL_API int64_t SendOrder(const TConnectorSendOrder *a_SendOrder);
PDLL_API NResult SendChangeOrderV2(const TConnectorChangeOrder *a_ChangeOrder);
PDLL_API NResult SendCancelOrderV2(const TConnectorCancelOrder *a_CancelOrder);
PDLL_API NResult SendCancelOrdersV2(const TConnectorCancelOrders *a_CancelOrders);
PDLL_API NResult SendCancelAllOrdersV2(const TConnectorCancelAllOrders *a_CancelOrders);
PDLL_API int64_t SendZeroPositionV2(const TConnectorZeroPosition *a_ZeroPosition);
PDLL_API NResult GetOrderDetails(TConnectorOrderOut *a_Order);
PDLL_API NResult HasOrdersInInterval(const TConnectorAccountIdentifier *a_AccountID, TSystemTime a_dtStart, TSystemTime a_dtEnd);
PDLL_API NResult EnumerateOrdersByInterval(const TConnectorAccountIdentifier *a_AccountID, uint8_t a_OrderVersion,
                                           TSystemTime a_dtStart, TSystemTime a_dtEnd, intptr_t a_Param,
                                           TConnectorEnumerateOrdersProc a_Callback);
PDLL_API NResult EnumerateAllOrders(const TConnectorAccountIdentifier *a_AccountID, uint8_t a_OrderVersion, intptr_t a_Param,
                                    TConnectorEnumerateOrdersProc a_Callback);
PDLL_API NResult GetPositionV2(TConnectorTradingAccountPosition *a_Position);
PDLL_API NResult EnumerateAllPositionAssets(const TConnectorAccountIdentifier *a_AccountID, uint8_t a_AssetVersion,
                                            intptr_t a_Param, TConnectorEnumerateAssetProc a_Callback);
PDLL_API NResult GetAccountCount(void);
PDLL_API NResult GetAccounts(int32_t a_nStartSource, int32_t a_nStartDest, int32_t a_nCount,
                             TConnectorAccountIdentifierOut *a_arAccounts);
PDLL_API NResult GetAccountCountByBroker(int32_t a_nBrokerID);
PDLL_API NResult GetAccountsByBroker(int32_t a_nBrokerID, int32_t a_nStartSource, int32_t a_nStartDest, int32_t a_nCount,
                                     TConnectorAccountIdentifierOut *a_arAccounts);
PDLL_API NResult GetSubAccountCount(const TConnectorAccountIdentifier *a_MasterAccountID);
PDLL_API NResult GetSubAccounts(const TConnectorAccountIdentifier *a_MasterAccountID, int32_t a_nStartSource,
                                int32_t a_nStartDest, int32_t a_nCount, TConnectorAccountIdentifierOut *a_arAccounts);
PDLL_API NResult GetAccountDetails(TConnectorTradingAccountOut *a_Account);

/* ---------------------------------------------------------------- tier 2/3 stubs (ABI.md §12.2): exported so
   binding never fails; functions return NL_NOT_FOUND (Int64 ones sign-extended, pointer ones NULL), setters
   NL_OK. Parameters follow the legacy signatures loosely (they are never read). */
PDLL_API int64_t SendBuyOrder(const char16_t *a, const char16_t *b, const char16_t *p, const char16_t *t, const char16_t *e,
                              double price, int32_t amount);
PDLL_API int64_t SendSellOrder(const char16_t *a, const char16_t *b, const char16_t *p, const char16_t *t, const char16_t *e,
                               double price, int32_t amount);
PDLL_API int64_t SendMarketBuyOrder(const char16_t *a, const char16_t *b, const char16_t *p, const char16_t *t,
                                    const char16_t *e, int32_t amount);
PDLL_API int64_t SendMarketSellOrder(const char16_t *a, const char16_t *b, const char16_t *p, const char16_t *t,
                                     const char16_t *e, int32_t amount);
PDLL_API int64_t SendStopBuyOrder(const char16_t *a, const char16_t *b, const char16_t *p, const char16_t *t,
                                  const char16_t *e, double price, double stop, int32_t amount);
PDLL_API int64_t SendStopSellOrder(const char16_t *a, const char16_t *b, const char16_t *p, const char16_t *t,
                                   const char16_t *e, double price, double stop, int32_t amount);
PDLL_API NResult SendChangeOrder(const char16_t *a, const char16_t *b, const char16_t *p, const char16_t *cl, double price,
                                 int32_t amount);
PDLL_API NResult SendCancelOrder(const char16_t *a, const char16_t *b, const char16_t *cl, const char16_t *p);
PDLL_API NResult SendCancelOrders(const char16_t *a, const char16_t *b, const char16_t *p, const char16_t *t,
                                  const char16_t *e);
PDLL_API NResult SendCancelAllOrders(const char16_t *a, const char16_t *b, const char16_t *p);
PDLL_API int64_t SendZeroPosition(const char16_t *a, const char16_t *b, const char16_t *t, const char16_t *e,
                                  const char16_t *p, double price);
PDLL_API int64_t SendZeroPositionAtMarket(const char16_t *a, const char16_t *b, const char16_t *t, const char16_t *e,
                                          const char16_t *p);
PDLL_API NResult GetOrders(const char16_t *a, const char16_t *b, const char16_t *start, const char16_t *end);
PDLL_API NResult GetOrder(const char16_t *cl);
PDLL_API NResult GetOrderProfitID(int64_t profitId);
PDLL_API void *GetPosition(const char16_t *a, const char16_t *b, const char16_t *t, const char16_t *e);
PDLL_API NResult GetAccount(void);
PDLL_API NResult SetTradeCallback(TNewTradeCallback cb);
PDLL_API NResult SetHistoryTradeCallback(const void *cb);
PDLL_API NResult SetOfferBookCallback(const void *cb);
PDLL_API NResult SetOfferBookCallbackV2(const void *cb);
PDLL_API NResult SetPriceBookCallback(const void *cb);
PDLL_API NResult SetPriceBookCallbackV2(const void *cb);
PDLL_API NResult SubscribePriceBook(const char16_t *t, const char16_t *e);
PDLL_API NResult UnsubscribePriceBook(const char16_t *t, const char16_t *e);
PDLL_API NResult SubscribeOfferBook(const char16_t *t, const char16_t *e);
PDLL_API NResult UnsubscribeOfferBook(const char16_t *t, const char16_t *e);
PDLL_API NResult SetHistoryCallback(const void *cb);
PDLL_API NResult SetHistoryCallbackV2(const void *cb);
PDLL_API NResult SetOrderChangeCallback(const void *cb);
PDLL_API NResult SetOrderChangeCallbackV2(const void *cb);
PDLL_API NResult SetAccountCallback(const void *cb);
PDLL_API NResult SetAssetListCallback(const void *cb);
PDLL_API NResult SetAssetListInfoCallback(const void *cb);
PDLL_API NResult SetAssetListInfoCallbackV2(const void *cb);
PDLL_API NResult SetAdjustHistoryCallback(const void *cb);
PDLL_API NResult SetAdjustHistoryCallbackV2(const void *cb);
PDLL_API NResult SetChangeCotationCallback(const void *cb);
PDLL_API NResult SetTradingMessageResultCallback(const void *cb);
PDLL_API NResult SetHealthCallback(const void *cb);
PDLL_API NResult GetHealthStatus(int32_t *nState);
PDLL_API NResult SubscribeAdjustHistory(const char16_t *t, const char16_t *e);
PDLL_API NResult UnsubscribeAdjustHistory(const char16_t *t, const char16_t *e);
PDLL_API NResult RequestTickerInfo(const char16_t *t, const char16_t *e);
PDLL_API NResult GetLastDailyClose(const char16_t *t, const char16_t *e, double *dClose, int32_t bAdjusted);
PDLL_API NResult SetServerAndPort(const char16_t *server, const char16_t *port);
PDLL_API const char16_t *GetAgentNameByID(int32_t nID);
PDLL_API const char16_t *GetAgentShortNameByID(int32_t nID);

/* ---------------------------------------------------------------- simulator controls (§12.2) */
PDLL_API NResult Sim_SetSeed(uint64_t seed);
PDLL_API NResult Sim_SetClockMode(int32_t mode, double speed);
PDLL_API NResult Sim_SetMeanInterArrival(double ms);
PDLL_API NResult Sim_SetNextStartup(int32_t loginResult, int32_t activationResult);
PDLL_API NResult Sim_Advance(int64_t ms);
PDLL_API NResult Sim_PushTrade(const char16_t *ticker, const char16_t *exchange, double price, int64_t quantity, int32_t flags);
PDLL_API NResult Sim_InjectState(int32_t type, int32_t result);
PDLL_API NResult Sim_Disconnect(int32_t channel, int64_t downMs);
PDLL_API NResult Sim_SetCallbackDelay(int64_t delayUs, int64_t jitterUs);
PDLL_API NResult Sim_SetQueueThreshold(int64_t pending);
PDLL_API NResult Sim_SetHistoryDensity(double tradesPerMinute);
PDLL_API NResult Sim_SetOrderTiming(int64_t ackDelayMs, int64_t fillDelayMs);
PDLL_API NResult Sim_SetFillPlan(const double *fractions, int32_t n);
PDLL_API NResult Sim_RejectNext(int32_t n, const char16_t *reason);
PDLL_API NResult Sim_FailNext(const char *fn, int32_t code, int32_t n);
PDLL_API int32_t Sim_GetStats(char *buf, int32_t len);
PDLL_API int32_t Sim_StructLayout(const char *name, char *buf, int32_t len);
PDLL_API NResult Sim_Reset(void);

#endif
