/*
 * See profit_shim.h for why this exists. This unit: install/uninstall, the trade ring (live and history
 * trades), stats and the helpers the book and daily units share. C11 atomics; builds with gcc (Linux .so)
 * and mingw-w64 (Windows .dll).
 */
#include "shim_internal.h"

#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#else
#include <dlfcn.h>
#include <sched.h>
#include <time.h>
#endif

static ShimTrade *g_ring;
static uint64_t g_mask;
/* head: written by the DLL's thread only; tail: by Node's thread only. */
static _Atomic uint64_t g_head;
static _Atomic uint64_t g_tail;
static _Atomic uint64_t g_received;
static _Atomic uint64_t g_dropped;
static _Atomic uint64_t g_drained;
static _Atomic uint64_t g_hist[SHIM_HIST_BUCKETS];
static _Atomic uint64_t g_history_received;
static _Atomic uint64_t g_features;
static TTranslateTrade g_translate;
static void *g_library; /* our reference to the DLL, held while installed */
_Atomic int g_shim_installed;
_Atomic uint64_t g_shim_contended;
static atomic_flag g_ring_lock = ATOMIC_FLAG_INIT;

#ifdef _WIN32
uint64_t shim_now_ns(void) {
  static LARGE_INTEGER freq;
  LARGE_INTEGER counter;
  if (freq.QuadPart == 0) QueryPerformanceFrequency(&freq);
  QueryPerformanceCounter(&counter);
  /* the conversion libuv uses for uv_hrtime on Windows */
  return (uint64_t)((double)counter.QuadPart * (1e9 / (double)freq.QuadPart));
}
#else
uint64_t shim_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
#endif

void shim_yield(void) {
#ifdef _WIN32
  SwitchToThread();
#else
  sched_yield();
#endif
}

void shim_histogram_add(_Atomic uint64_t *histogram, uint64_t startedNs) {
  uint64_t bucket = (shim_now_ns() - startedNs) / SHIM_HIST_BUCKET_NS;
  atomic_fetch_add_explicit(&histogram[bucket < SHIM_HIST_BUCKETS ? bucket : SHIM_HIST_BUCKETS - 1], 1, memory_order_relaxed);
}

void shim_copy_ascii(char *dst, size_t size, const char16_t *src) {
  size_t i = 0;
  if (src) {
    for (; i + 1 < size && src[i] != 0; i++) dst[i] = src[i] < 128 ? (char)src[i] : '?';
  }
  memset(dst + i, 0, size - i);
}

/* Live and history trades share the ring: one order, one drain. */
static void push_trade(const TConnectorAssetIdentifier *asset, const void *pTrade, uint32_t flags) {
  uint64_t started = shim_now_ns();
  atomic_fetch_add_explicit(&g_received, 1, memory_order_relaxed);
  if (!atomic_load_explicit(&g_shim_installed, memory_order_acquire)) return;
  shim_lock(&g_ring_lock);
  uint64_t head = atomic_load_explicit(&g_head, memory_order_relaxed);
  uint64_t tail = atomic_load_explicit(&g_tail, memory_order_acquire);
  if (head - tail > g_mask) {
    atomic_fetch_add_explicit(&g_dropped, 1, memory_order_relaxed);
  } else {
    ShimTrade *slot = &g_ring[head & g_mask];
    TConnectorTrade trade;
    memset(&trade, 0, sizeof trade);
    trade.Version = 0;
    slot->Translated = g_translate(pTrade, &trade) == NL_OK;
    slot->Price = trade.Price;
    slot->Quantity = trade.Quantity;
    slot->Volume = trade.Volume;
    slot->TradeDate = trade.TradeDate;
    slot->TradeNumber = trade.TradeNumber;
    slot->BuyAgent = trade.BuyAgent;
    slot->SellAgent = trade.SellAgent;
    slot->Flags = flags;
    slot->TradeType = trade.TradeType;
    memset(slot->Reserved, 0, sizeof slot->Reserved);
    shim_copy_ascii(slot->Ticker, sizeof slot->Ticker, asset ? asset->Ticker : NULL);
    shim_copy_ascii(slot->Exchange, sizeof slot->Exchange, asset ? asset->Exchange : NULL);
    slot->EnqueuedNs = shim_now_ns();
    atomic_store_explicit(&g_head, head + 1, memory_order_release);
  }
  shim_unlock(&g_ring_lock);
  shim_histogram_add(g_hist, started);
}

static void PDLL_CALL on_trade(const TConnectorAssetIdentifier *asset, const void *pTrade, uint32_t flags) {
  push_trade(asset, pTrade, flags & ~SHIM_FLAG_HISTORY);
}

static void PDLL_CALL on_history_trade(const TConnectorAssetIdentifier *asset, const void *pTrade, uint32_t flags) {
  atomic_fetch_add_explicit(&g_history_received, 1, memory_order_relaxed);
  push_trade(asset, pTrade, flags | SHIM_FLAG_HISTORY);
}

/* The library koffi loaded already; `handle` only takes another reference to the same mapping. */
static void *open_library(const char *libraryPath) {
#ifdef _WIN32
  int wide = MultiByteToWideChar(CP_UTF8, 0, libraryPath, -1, NULL, 0);
  wchar_t *path = wide > 0 ? malloc(sizeof(wchar_t) * (size_t)wide) : NULL;
  if (!path) return NULL;
  MultiByteToWideChar(CP_UTF8, 0, libraryPath, -1, path, wide);
  HMODULE module = GetModuleHandleW(path);
  if (!module) module = LoadLibraryW(path);
  free(path);
  return (void *)module;
#else
  return dlopen(libraryPath, RTLD_NOW | RTLD_LOCAL);
#endif
}

static void close_library(void *library) {
#ifdef _WIN32
  (void)library; /* GetModuleHandleW took no reference; a LoadLibraryW one stays with the process */
#else
  if (library) dlclose(library);
#endif
}

static void *symbol(void *library, const char *name) {
#ifdef _WIN32
  return library ? (void *)GetProcAddress((HMODULE)library, name) : NULL;
#else
  return library ? dlsym(library, name) : NULL;
#endif
}

static void release_tables(void) {
  shim_book_release();
  shim_daily_release();
}

SHIM_API int32_t Shim_Install(const char *libraryPath, uint32_t capacity) {
  if (!libraryPath || capacity == 0 || capacity > (1u << 24)) return NL_INVALID_ARGS;
  if (atomic_load(&g_shim_installed)) return NL_INVALID_ARGS;
  void *library = open_library(libraryPath);
  ShimSetTradeCallbackFn setTrade = (ShimSetTradeCallbackFn)symbol(library, "SetTradeCallbackV2");
  TTranslateTrade translate = (TTranslateTrade)symbol(library, "TranslateTrade");
  if (!setTrade || !translate) {
    close_library(library);
    return NL_NOT_FOUND;
  }
  /* optional: an older DLL (or a simulator) without them still gets the trade ring */
  ShimSetTradeCallbackFn setHistory = (ShimSetTradeCallbackFn)symbol(library, "SetHistoryTradeCallbackV2");
  TSetPriceDepthCallback setDepth = (TSetPriceDepthCallback)symbol(library, "SetPriceDepthCallback");
  TGetPriceDepthSideCount sideCount = (TGetPriceDepthSideCount)symbol(library, "GetPriceDepthSideCount");
  TGetPriceGroup priceGroup = (TGetPriceGroup)symbol(library, "GetPriceGroup");
  ShimSetDailyCallbackFn setDaily = (ShimSetDailyCallbackFn)symbol(library, "SetDailyCallback");
  int books = setDepth && sideCount && priceGroup;

  uint64_t size = 1;
  while (size < capacity) size <<= 1;
  ShimTrade *ring = calloc(size, sizeof *ring);
  if (!ring) {
    close_library(library);
    return NL_INTERNAL_ERROR;
  }
  release_tables();
  int32_t result = books ? shim_book_prepare(sideCount, priceGroup) : NL_OK;
  if (result == NL_OK && setDaily) result = shim_daily_prepare();
  if (result != NL_OK) {
    release_tables();
    free(ring);
    close_library(library);
    return result;
  }
  close_library(g_library); /* a failed install's, if any */
  g_library = library;
  free(g_ring);
  g_ring = ring;
  g_mask = size - 1;
  g_translate = translate;
  atomic_store(&g_head, 0);
  atomic_store(&g_tail, 0);
  atomic_store(&g_received, 0);
  atomic_store(&g_dropped, 0);
  atomic_store(&g_drained, 0);
  atomic_store(&g_history_received, 0);
  for (int i = 0; i < SHIM_HIST_BUCKETS; i++) atomic_store(&g_hist[i], 0);
  atomic_store(&g_features, 0);
  atomic_store(&g_shim_contended, 0);
  atomic_store_explicit(&g_shim_installed, 1, memory_order_release);

  uint64_t features = 0;
  result = setTrade(on_trade);
  if (result == NL_OK) features |= SHIM_FEATURE_TRADES;
  if (result == NL_OK && setHistory && (result = setHistory(on_history_trade)) == NL_OK) features |= SHIM_FEATURE_HISTORY;
  if (result == NL_OK && books && (result = setDepth(shim_on_price_depth)) == NL_OK) features |= SHIM_FEATURE_BOOKS;
  if (result == NL_OK && setDaily && (result = setDaily(shim_on_daily)) == NL_OK) features |= SHIM_FEATURE_DAILIES;
  atomic_store(&g_features, features);
  /* what was registered stays registered (there is no way to take it back), but the callbacks go quiet */
  if (result != NL_OK) atomic_store(&g_shim_installed, 0);
  return result;
}

SHIM_API int32_t Shim_Drain(ShimTrade *out, int32_t max) {
  if (!out || max <= 0 || !atomic_load_explicit(&g_shim_installed, memory_order_acquire)) return 0;
  uint64_t tail = atomic_load_explicit(&g_tail, memory_order_relaxed);
  uint64_t head = atomic_load_explicit(&g_head, memory_order_acquire);
  uint64_t count = head - tail;
  if (count > (uint64_t)max) count = (uint64_t)max;
  for (uint64_t i = 0; i < count; i++) out[i] = g_ring[(tail + i) & g_mask];
  atomic_store_explicit(&g_tail, tail + count, memory_order_release);
  atomic_fetch_add_explicit(&g_drained, count, memory_order_relaxed);
  return (int32_t)count;
}

SHIM_API int32_t Shim_GetStats(ShimStats *out) {
  if (!out) return NL_INVALID_ARGS;
  uint64_t head = atomic_load(&g_head), tail = atomic_load(&g_tail);
  out->Capacity = g_ring ? g_mask + 1 : 0;
  out->Received = atomic_load(&g_received);
  out->Dropped = atomic_load(&g_dropped);
  out->Depth = head - tail;
  out->Drained = atomic_load(&g_drained);
  for (int i = 0; i < SHIM_HIST_BUCKETS; i++) out->CallbackNs[i] = atomic_load(&g_hist[i]);
  return NL_OK;
}

SHIM_API int32_t Shim_GetTableStats(ShimTableStats *out) {
  if (!out) return NL_INVALID_ARGS;
  memset(out, 0, sizeof *out);
  out->Features = atomic_load(&g_features);
  out->HistoryReceived = atomic_load(&g_history_received);
  out->ProducerContended = atomic_load(&g_shim_contended);
  shim_book_stats(out);
  shim_daily_stats(out);
  return (int32_t)sizeof *out;
}

SHIM_API uint64_t Shim_NowNs(void) { return shim_now_ns(); }

SHIM_API int32_t Shim_RecordLayout(int32_t *out, int32_t max) {
  const int32_t layout[] = {
      (int32_t)sizeof(ShimTrade),
      (int32_t)offsetof(ShimTrade, EnqueuedNs),
      (int32_t)offsetof(ShimTrade, Price),
      (int32_t)offsetof(ShimTrade, Quantity),
      (int32_t)offsetof(ShimTrade, Volume),
      (int32_t)offsetof(ShimTrade, TradeDate),
      (int32_t)offsetof(ShimTrade, TradeNumber),
      (int32_t)offsetof(ShimTrade, BuyAgent),
      (int32_t)offsetof(ShimTrade, SellAgent),
      (int32_t)offsetof(ShimTrade, Flags),
      (int32_t)offsetof(ShimTrade, TradeType),
      (int32_t)offsetof(ShimTrade, Translated),
      (int32_t)offsetof(ShimTrade, Ticker),
      (int32_t)offsetof(ShimTrade, Exchange),
  };
  return shim_copy_layout(out, max, layout, (int32_t)(sizeof layout / sizeof layout[0]));
}

SHIM_API int32_t Shim_Uninstall(void) {
  atomic_store(&g_shim_installed, 0);
  atomic_store(&g_features, 0);
  free(g_ring);
  g_ring = NULL;
  g_mask = 0;
  release_tables();
  close_library(g_library);
  g_library = NULL;
  return NL_OK;
}
