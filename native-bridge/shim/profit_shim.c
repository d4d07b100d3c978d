/* See profit_shim.h for why this exists. C11 atomics; builds with gcc (Linux .so) and mingw-w64 (Windows .dll). */
#include "profit_shim.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#else
#include <dlfcn.h>
#include <time.h>
#endif

#define NL_OK 0
#define NL_INTERNAL_ERROR ((int32_t)0x80000001u)
#define NL_INVALID_ARGS ((int32_t)0x80000003u)
#define NL_NOT_FOUND ((int32_t)0x80000011u)

static ShimTrade *g_ring;
static uint64_t g_mask;
/* head: written by the DLL's thread only; tail: by Node's thread only. */
static _Atomic uint64_t g_head;
static _Atomic uint64_t g_tail;
static _Atomic uint64_t g_received;
static _Atomic uint64_t g_dropped;
static _Atomic uint64_t g_drained;
static _Atomic uint64_t g_hist[SHIM_HIST_BUCKETS];
static _Atomic int g_installed;
static TTranslateTrade g_translate;

#ifdef _WIN32
static uint64_t now_ns(void) {
  static LARGE_INTEGER freq;
  LARGE_INTEGER counter;
  if (freq.QuadPart == 0) QueryPerformanceFrequency(&freq);
  QueryPerformanceCounter(&counter);
  /* the conversion libuv uses for uv_hrtime on Windows */
  return (uint64_t)((double)counter.QuadPart * (1e9 / (double)freq.QuadPart));
}
#else
static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
#endif

static void copy_ascii(char *dst, size_t size, const char16_t *src) {
  size_t i = 0;
  if (src) {
    for (; i + 1 < size && src[i] != 0; i++) dst[i] = src[i] < 128 ? (char)src[i] : '?';
  }
  memset(dst + i, 0, size - i);
}

static void PDLL_CALL on_trade(const TConnectorAssetIdentifier *asset, const void *pTrade, uint32_t flags) {
  uint64_t started = now_ns();
  atomic_fetch_add_explicit(&g_received, 1, memory_order_relaxed);
  if (!atomic_load_explicit(&g_installed, memory_order_acquire)) return;
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
    copy_ascii(slot->Ticker, sizeof slot->Ticker, asset ? asset->Ticker : NULL);
    copy_ascii(slot->Exchange, sizeof slot->Exchange, asset ? asset->Exchange : NULL);
    slot->EnqueuedNs = now_ns();
    atomic_store_explicit(&g_head, head + 1, memory_order_release);
  }
  uint64_t bucket = (now_ns() - started) / SHIM_HIST_BUCKET_NS;
  atomic_fetch_add_explicit(&g_hist[bucket < SHIM_HIST_BUCKETS ? bucket : SHIM_HIST_BUCKETS - 1], 1, memory_order_relaxed);
}

static void *symbol(const char *libraryPath, const char *name) {
#ifdef _WIN32
  int wide = MultiByteToWideChar(CP_UTF8, 0, libraryPath, -1, NULL, 0);
  wchar_t *path = wide > 0 ? malloc(sizeof(wchar_t) * (size_t)wide) : NULL;
  if (!path) return NULL;
  MultiByteToWideChar(CP_UTF8, 0, libraryPath, -1, path, wide);
  HMODULE module = GetModuleHandleW(path);
  if (!module) module = LoadLibraryW(path);
  free(path);
  return module ? (void *)GetProcAddress(module, name) : NULL;
#else
  /* koffi loaded it already: this only takes another reference to the same mapping */
  void *handle = dlopen(libraryPath, RTLD_NOW | RTLD_LOCAL);
  return handle ? dlsym(handle, name) : NULL;
#endif
}

SHIM_API int32_t Shim_Install(const char *libraryPath, uint32_t capacity) {
  if (!libraryPath || capacity == 0 || capacity > (1u << 24)) return NL_INVALID_ARGS;
  if (atomic_load(&g_installed)) return NL_INVALID_ARGS;
  TSetTradeCallbackV2 setTrade = (TSetTradeCallbackV2)symbol(libraryPath, "SetTradeCallbackV2");
  TTranslateTrade translate = (TTranslateTrade)symbol(libraryPath, "TranslateTrade");
  if (!setTrade || !translate) return NL_NOT_FOUND;
  uint64_t size = 1;
  while (size < capacity) size <<= 1;
  ShimTrade *ring = calloc(size, sizeof *ring);
  if (!ring) return NL_INTERNAL_ERROR;
  free(g_ring);
  g_ring = ring;
  g_mask = size - 1;
  g_translate = translate;
  atomic_store(&g_head, 0);
  atomic_store(&g_tail, 0);
  atomic_store(&g_received, 0);
  atomic_store(&g_dropped, 0);
  atomic_store(&g_drained, 0);
  for (int i = 0; i < SHIM_HIST_BUCKETS; i++) atomic_store(&g_hist[i], 0);
  atomic_store_explicit(&g_installed, 1, memory_order_release);
  int32_t result = setTrade(on_trade);
  if (result != NL_OK) atomic_store(&g_installed, 0);
  return result;
}

SHIM_API int32_t Shim_Drain(ShimTrade *out, int32_t max) {
  if (!out || max <= 0 || !atomic_load_explicit(&g_installed, memory_order_acquire)) return 0;
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

SHIM_API uint64_t Shim_NowNs(void) { return now_ns(); }

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
  int32_t n = (int32_t)(sizeof layout / sizeof layout[0]);
  if (!out || max < n) return 0;
  memcpy(out, layout, sizeof layout);
  return n;
}

SHIM_API int32_t Shim_Uninstall(void) {
  atomic_store(&g_installed, 0);
  free(g_ring);
  g_ring = NULL;
  g_mask = 0;
  return NL_OK;
}
