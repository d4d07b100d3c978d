/* Daily aggregates (TNewDailyCallback, ABI.md §6.5), the latest per asset. */
#include "shim_internal.h"

#include <string.h>

static ShimTable g_table;
static ShimDaily g_scratch; /* producer */
static atomic_flag g_lock = ATOMIC_FLAG_INIT;
static _Atomic uint64_t g_received;

int32_t shim_daily_prepare(void) {
  atomic_store(&g_received, 0);
  return shim_table_init(&g_table, SHIM_DAILY_SLOTS, sizeof(ShimDaily));
}

void shim_daily_release(void) { shim_table_free(&g_table); }

void PDLL_CALL shim_on_daily(const TAssetIDRec *asset, const char16_t *date, double open, double high, double low,
                             double close, double volume, double settlement, double maxLimit, double minLimit,
                             double buyerVolume, double sellerVolume, int32_t quantity, int32_t trades,
                             int32_t openInterest, int32_t buyerQuantity, int32_t sellerQuantity, int32_t buyerTrades,
                             int32_t sellerTrades) {
  atomic_fetch_add_explicit(&g_received, 1, memory_order_relaxed);
  if (!atomic_load_explicit(&g_shim_installed, memory_order_acquire) || !asset || !g_table.slot) return;
  shim_lock(&g_lock);
  char key[SHIM_KEY_BYTES];
  shim_table_key(key, asset->pwcTicker, asset->pwcBolsa);
  int32_t slot = shim_table_find(&g_table, key);
  if (slot < 0) {
    atomic_fetch_add_explicit(&g_table.dropped, 1, memory_order_relaxed);
    shim_unlock(&g_lock);
    return;
  }
  ShimDaily *d = &g_scratch;
  memset(d, 0, sizeof *d);
  d->Open = open;
  d->High = high;
  d->Low = low;
  d->Close = close;
  d->Volume = volume;
  d->Settlement = settlement;
  d->MaxLimit = maxLimit;
  d->MinLimit = minLimit;
  d->BuyerVolume = buyerVolume;
  d->SellerVolume = sellerVolume;
  d->Quantity = quantity;
  d->Trades = trades;
  d->OpenInterest = openInterest;
  d->BuyerQuantity = buyerQuantity;
  d->SellerQuantity = sellerQuantity;
  d->BuyerTrades = buyerTrades;
  d->SellerTrades = sellerTrades;
  d->Feed = asset->nFeed;
  shim_copy_ascii(d->Date, sizeof d->Date, date);
  memcpy(d->Ticker, key, SHIM_TICKER_CHARS);
  memcpy(d->Exchange, key + SHIM_TICKER_CHARS, SHIM_EXCHANGE_CHARS);
  shim_table_publish(&g_table, slot, d);
  shim_unlock(&g_lock);
}

SHIM_API int32_t Shim_DrainDailies(ShimDaily *out, int32_t max) {
  if (!out || max <= 0 || !atomic_load_explicit(&g_shim_installed, memory_order_acquire) || !g_table.slot) return 0;
  return shim_table_drain(&g_table, out, max);
}

void shim_daily_stats(ShimTableStats *out) {
  out->DailyReceived = atomic_load(&g_received);
  out->DailySnapshots = atomic_load(&g_table.published);
  out->DailyConflated = atomic_load(&g_table.conflated);
  out->DailyDropped = atomic_load(&g_table.dropped);
  out->DailyDrained = atomic_load(&g_table.drained);
  out->DailyAssets = atomic_load(&g_table.assets);
  out->DailyRetries = atomic_load(&g_table.retries);
}

SHIM_API int32_t Shim_DailyLayout(int32_t *out, int32_t max) {
  const int32_t layout[] = {
      (int32_t)sizeof(ShimDaily),
      (int32_t)offsetof(ShimDaily, EnqueuedNs),
      (int32_t)offsetof(ShimDaily, Sequence),
      (int32_t)offsetof(ShimDaily, Open),
      (int32_t)offsetof(ShimDaily, High),
      (int32_t)offsetof(ShimDaily, Low),
      (int32_t)offsetof(ShimDaily, Close),
      (int32_t)offsetof(ShimDaily, Volume),
      (int32_t)offsetof(ShimDaily, Settlement),
      (int32_t)offsetof(ShimDaily, MaxLimit),
      (int32_t)offsetof(ShimDaily, MinLimit),
      (int32_t)offsetof(ShimDaily, BuyerVolume),
      (int32_t)offsetof(ShimDaily, SellerVolume),
      (int32_t)offsetof(ShimDaily, Quantity),
      (int32_t)offsetof(ShimDaily, Trades),
      (int32_t)offsetof(ShimDaily, OpenInterest),
      (int32_t)offsetof(ShimDaily, BuyerQuantity),
      (int32_t)offsetof(ShimDaily, SellerQuantity),
      (int32_t)offsetof(ShimDaily, BuyerTrades),
      (int32_t)offsetof(ShimDaily, SellerTrades),
      (int32_t)offsetof(ShimDaily, Feed),
      (int32_t)offsetof(ShimDaily, Date),
      (int32_t)offsetof(ShimDaily, Ticker),
      (int32_t)offsetof(ShimDaily, Exchange),
  };
  return shim_copy_layout(out, max, layout, (int32_t)(sizeof layout / sizeof layout[0]));
}
