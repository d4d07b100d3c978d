/*
 * A stand-in for ProfitDLL that only has what the shim resolves, for test/shim-tables.test.ts (Linux).
 *
 * The simulator paces its callbacks on a virtual clock; this instead lets a test call the shim's callbacks
 * directly (Fake_Depth, Fake_Daily, Fake_History) to pin down edge cases (auction slot, bursts, a full
 * table), and hammer them from a plain pthread (Fake_StressStart) while Node drains, to check that every
 * drained snapshot is consistent. It is compiled by the test, not by build-native.js (it is not in shim/).
 *
 * Book of an asset at generation g: bid k = g*100 - k, ask k = g*100 + 1 + k, every quantity = g, every
 * order count = k + 1. A snapshot mixing two generations is therefore visible in the numbers.
 */
#define _GNU_SOURCE
#include "../../include/profitdll_abi.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#define API __attribute__((visibility("default")))
#define MAX_ASSETS 1024
#define MAX_LEVELS 64

typedef struct {
  char16_t ticker[24];
  char16_t exchange[4];
  TConnectorAssetIdentifier id;
  _Atomic int64_t generation;
  int32_t levels[2];
  int32_t auction;
} Asset;

static Asset g_assets[MAX_ASSETS];
static TConnectorTradeCallback g_trade_cb, g_history_cb;
static TConnectorPriceDepthCallback g_depth_cb;
static TNewDailyCallback g_daily_cb;
static TConnectorTrade g_trade; /* what the opaque pointer refers to during a trade callback */
static pthread_t g_stress;
static _Atomic int g_stress_done = 1;
static int g_stress_joinable;
static int32_t g_stress_assets;
static int64_t g_stress_rounds;
static _Atomic int64_t g_price_group_calls;

static Asset *asset_of(int32_t i) {
  Asset *a = &g_assets[i];
  if (!a->id.Ticker) {
    /* "FK0001" ... on exchange "X" */
    char name[16];
    name[0] = 'F', name[1] = 'K';
    for (int d = 0, v = i; d < 4; d++, v /= 10) name[5 - d] = (char)('0' + v % 10);
    for (int c = 0; c < 6; c++) a->ticker[c] = (char16_t)name[c];
    a->ticker[6] = 0;
    a->exchange[0] = 'X';
    a->exchange[1] = 0;
    a->id.Version = 0;
    a->id.Ticker = a->ticker;
    a->id.Exchange = a->exchange;
    a->levels[0] = a->levels[1] = 10;
  }
  return a;
}

/* The shim hands the accessors the identifier it received, which is one of ours. */
static Asset *find(const TConnectorAssetIdentifier *id) {
  ptrdiff_t offset = (const char *)id - (const char *)&g_assets[0].id;
  if (offset < 0 || offset % (ptrdiff_t)sizeof(Asset) != 0 || offset / (ptrdiff_t)sizeof(Asset) >= MAX_ASSETS) return NULL;
  return &g_assets[offset / (ptrdiff_t)sizeof(Asset)];
}

API NResult SetTradeCallbackV2(TConnectorTradeCallback cb) { g_trade_cb = cb; return 0; }
API NResult SetHistoryTradeCallbackV2(TConnectorTradeCallback cb) { g_history_cb = cb; return 0; }
API NResult SetPriceDepthCallback(TConnectorPriceDepthCallback cb) { g_depth_cb = cb; return 0; }
API NResult SetDailyCallback(TNewDailyCallback cb) { g_daily_cb = cb; return 0; }

API NResult TranslateTrade(const void *pTrade, TConnectorTrade *out) {
  if (pTrade != &g_trade || !out) return (NResult)0x80000003u;
  *out = g_trade;
  return 0;
}

API NResult GetPriceDepthSideCount(const TConnectorAssetIdentifier *id, uint8_t side) {
  Asset *a = id ? find(id) : NULL;
  if (!a || side > 1) return (NResult)0x80000003u;
  return a->levels[side] + (a->auction ? 1 : 0);
}

API NResult GetPriceGroup(const TConnectorAssetIdentifier *id, uint8_t side, int32_t position, TConnectorPriceGroup *out) {
  atomic_fetch_add(&g_price_group_calls, 1);
  Asset *a = id ? find(id) : NULL;
  if (!a || side > 1 || !out || position < 0 || position >= a->levels[side] + (a->auction ? 1 : 0)) return (NResult)0x80000009u;
  int64_t g = atomic_load_explicit(&a->generation, memory_order_relaxed);
  if (a->auction && position == 0) {
    out->Price = -INFINITY;
    out->Count = 0;
    out->Quantity = 7;
    out->PriceGroupFlags = 1;
    return 0;
  }
  int32_t k = position - (a->auction ? 1 : 0);
  out->Price = side == 0 ? (double)(g * 100 - k) : (double)(g * 100 + 1 + k);
  out->Count = (uint32_t)(k + 1);
  out->Quantity = g;
  out->PriceGroupFlags = 0;
  return 0;
}

/* ---- test controls ---- */

API int32_t Fake_SetBook(int32_t asset, int64_t generation, int32_t bids, int32_t asks, int32_t auction) {
  if (asset < 0 || asset >= MAX_ASSETS || bids < 0 || asks < 0 || bids > MAX_LEVELS || asks > MAX_LEVELS) return -1;
  Asset *a = asset_of(asset);
  atomic_store(&a->generation, generation);
  a->levels[0] = bids;
  a->levels[1] = asks;
  a->auction = auction;
  return 0;
}

/* One depth notification for `asset`, on the calling thread. */
API int32_t Fake_Depth(int32_t asset, int32_t side, int32_t position, int32_t updateType) {
  if (!g_depth_cb || asset < 0 || asset >= MAX_ASSETS) return -1;
  g_depth_cb(&asset_of(asset)->id, (uint8_t)side, position, (uint8_t)updateType);
  return 0;
}

API int32_t Fake_Daily(int32_t asset, double close, int32_t trades) {
  if (!g_daily_cb || asset < 0 || asset >= MAX_ASSETS) return -1;
  Asset *a = asset_of(asset);
  TAssetIDRec rec = {a->ticker, a->exchange, 0};
  static const char16_t date[] = u"01/12/2026 10:00:00.123";
  g_daily_cb(&rec, date, close - 1, close + 2, close - 3, close, close * 100, close - 0.5, close * 1.1, close * 0.9,
             close * 60, close * 40, 100 * trades, trades, 5, 60 * trades, 40 * trades, trades / 2, trades - trades / 2);
  return 0;
}

/* A trade through the live (history = 0) or history callback, with the DLL's `flags`. */
API int32_t Fake_Trade(int32_t asset, int32_t history, uint32_t number, double price, uint32_t flags) {
  TConnectorTradeCallback cb = history ? g_history_cb : g_trade_cb;
  if (!cb || asset < 0 || asset >= MAX_ASSETS) return -1;
  memset(&g_trade, 0, sizeof g_trade);
  g_trade.TradeNumber = number;
  g_trade.Price = price;
  g_trade.Quantity = 100;
  g_trade.Volume = price * 100;
  g_trade.TradeType = 2;
  g_trade.TradeDate.wYear = 2026;
  cb(&asset_of(asset)->id, &g_trade, flags);
  return 0;
}

static void *stress_main(void *arg) {
  (void)arg;
  for (int64_t round = 1; round <= g_stress_rounds; round++) {
    for (int32_t i = 0; i < g_stress_assets; i++) {
      /* the book moves to generation `round` in the middle of a burst, as a real one would */
      g_depth_cb(&g_assets[i].id, 254, 0, 5);
      atomic_store_explicit(&g_assets[i].generation, round, memory_order_relaxed);
      g_depth_cb(&g_assets[i].id, 0, 0, 1);
      g_depth_cb(&g_assets[i].id, 1, 0, 1);
      g_depth_cb(&g_assets[i].id, 254, 0, 6);
    }
  }
  atomic_store(&g_stress_done, 1);
  return NULL;
}

/* Starts a thread moving `assets` books through `rounds` generations as fast as it can; Fake_StressDone polls. */
API int32_t Fake_StressStart(int32_t assets, int64_t rounds) {
  if (!g_depth_cb || assets <= 0 || assets > MAX_ASSETS || rounds <= 0 || !atomic_load(&g_stress_done)) return -1;
  for (int32_t i = 0; i < assets; i++) Fake_SetBook(i, 0, 10, 10, 0);
  g_stress_assets = assets;
  g_stress_rounds = rounds;
  atomic_store(&g_stress_done, 0);
  if (pthread_create(&g_stress, NULL, stress_main, NULL) != 0) {
    atomic_store(&g_stress_done, 1);
    return -1;
  }
  g_stress_joinable = 1;
  return 0;
}

API int32_t Fake_StressDone(void) {
  if (!atomic_load(&g_stress_done)) return 0;
  if (g_stress_joinable) pthread_join(g_stress, NULL);
  g_stress_joinable = 0;
  return 1;
}

API int64_t Fake_PriceGroupCalls(void) { return atomic_load(&g_price_group_calls); }

/* Forget the callbacks, as DLLFinalize does. */
API int32_t Fake_Reset(void) {
  g_trade_cb = g_history_cb = NULL;
  g_depth_cb = NULL;
  g_daily_cb = NULL;
  return 0;
}
