/*
 * Linux test double for the ProfitDLL 64-bit ABI subset the bridge uses today.
 * Layouts follow /work/shared/profitdll/ABI.md §2 (x64 offsets); record parameters that the DLL takes
 * "by value" are declared as `const T *` (§1.4) so one set of koffi prototypes serves Win64 and this .so.
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
#define NL_MARKET_ONLY NL_ERR(0x0Au)
#define NL_VERSION_NOT_SUPPORTED NL_ERR(0x0Du)
#define NL_OUT_OF_RANGE NL_ERR(0x09u)
#define NL_DUPLICATE_RESOURCE NL_ERR(0x1Au)
#define NL_NO_PASSWORD NL_ERR(0x1Cu)
#define NL_NO_USER NL_ERR(0x1Du)
#define NL_INVALID_TICKER NL_ERR(0x1Fu)

#define TC_IS_EDIT 1u
#define TC_LAST_PACKET 2u

/* Init slots the simulator accepts but never calls (legacy order/account/book callbacks). */
typedef const void *TUnusedCallback;

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
PDLL_API NResult SetInvalidTickerCallback(TInvalidTickerCallback cb);
PDLL_API NResult TranslateTrade(const void *a_pTrade, TConnectorTrade *a_Trade);
PDLL_API NResult SubscribeTicker(const char16_t *pwcTicker, const char16_t *pwcBolsa);
PDLL_API NResult UnsubscribeTicker(const char16_t *pwcTicker, const char16_t *pwcBolsa);
PDLL_API NResult GetServerClock(double *dtDate, int32_t *nYear, int32_t *nMonth, int32_t *nDay, int32_t *nHour,
                                int32_t *nMin, int32_t *nSec, int32_t *nMilisec);

/* Simulator-only controls (§12.2). Settings are latched by the next DLLInitialize*. */
PDLL_API NResult Sim_SetSeed(uint64_t seed);
PDLL_API NResult Sim_SetClockMode(int32_t mode, double speed);
PDLL_API NResult Sim_SetMeanInterArrival(double ms);
PDLL_API NResult Sim_SetNextStartup(int32_t loginResult, int32_t activationResult);
PDLL_API NResult Sim_Advance(int64_t ms);
PDLL_API NResult Sim_PushTrade(const char16_t *ticker, const char16_t *exchange, double price, int64_t quantity, int32_t flags);
PDLL_API NResult Sim_InjectState(int32_t type, int32_t result);
PDLL_API NResult Sim_Disconnect(int32_t channel, int64_t downMs);
PDLL_API int32_t Sim_GetStats(char *buf, int32_t len);
PDLL_API NResult Sim_Reset(void);

#endif
