/* Book snapshots from the price-depth notifications (ABI.md §6.6), conflated per asset. */
#include "shim_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
  UPDATE_ADD = 0,
  UPDATE_EDIT = 1,
  UPDATE_DELETE = 2,
  UPDATE_INSERT = 3,
  UPDATE_FULL_BOOK = 4,
  UPDATE_PREPARE = 5,
  UPDATE_FLUSH = 6,
  UPDATE_THEORETICAL = 7,
  UPDATE_DELETE_FROM = 8,
};

static ShimTable g_table;
static TGetPriceDepthSideCount g_side_count;
static TGetPriceGroup g_price_group;
static uint8_t *g_burst_open; /* producer: per slot, a prepare (5) not yet flushed */
static ShimBook g_scratch;    /* producer: the snapshot being read */
static atomic_flag g_lock = ATOMIC_FLAG_INIT;
static _Atomic uint64_t g_received;
static _Atomic uint64_t g_errors;
static _Atomic uint64_t g_hist[SHIM_HIST_BUCKETS];

int32_t shim_book_prepare(TGetPriceDepthSideCount sideCount, TGetPriceGroup priceGroup) {
  uint8_t *open = calloc(SHIM_BOOK_SLOTS, 1);
  if (!open) return NL_INTERNAL_ERROR;
  int32_t r = shim_table_init(&g_table, SHIM_BOOK_SLOTS, sizeof(ShimBook));
  if (r != NL_OK) {
    free(open);
    return r;
  }
  g_burst_open = open;
  g_side_count = sideCount;
  g_price_group = priceGroup;
  atomic_store(&g_received, 0);
  atomic_store(&g_errors, 0);
  for (int i = 0; i < SHIM_HIST_BUCKETS; i++) atomic_store(&g_hist[i], 0);
  return NL_OK;
}

void shim_book_release(void) {
  shim_table_free(&g_table);
  free(g_burst_open);
  g_burst_open = NULL;
  g_side_count = NULL;
  g_price_group = NULL;
}

/* Up to SHIM_BOOK_LEVELS real levels of one side, best first; 0 when the DLL has no such side for the asset. */
static int read_side(const TConnectorAssetIdentifier *asset, uint8_t side, ShimBookLevel *levels, int32_t *filled) {
  NResult count = g_side_count(asset, side);
  *filled = 0;
  if (count < 0) return 0;
  for (int32_t pos = 0; pos < count && *filled < SHIM_BOOK_LEVELS; pos++) {
    TConnectorPriceGroup group;
    memset(&group, 0, sizeof group); /* Version 0 */
    if (g_price_group(asset, side, pos, &group) < 0) {
      atomic_fetch_add_explicit(&g_errors, 1, memory_order_relaxed);
      break;
    }
    /* the auction's theoretical slot (Price = -INF) is no level; the book is flagged instead */
    if ((group.PriceGroupFlags & PG_IS_THEORIC) || !isfinite(group.Price)) {
      g_scratch.Auction = 1;
      continue;
    }
    ShimBookLevel *level = &levels[(*filled)++];
    level->Price = group.Price;
    level->Quantity = group.Quantity;
    level->Orders = group.Count;
  }
  return 1;
}

/* Whether this notification leaves the book consistent, updating the asset's burst state. */
static int snapshot_due(int32_t slot, uint8_t updateType) {
  switch (updateType) {
    case UPDATE_PREPARE:
      g_burst_open[slot] = 1;
      return 0;
    case UPDATE_FLUSH:
      g_burst_open[slot] = 0;
      return 1;
    case UPDATE_FULL_BOOK:
      /* Complete in itself, so always taken; inside a burst (the DLL may send prepare, full book, ..., flush)
         it leaves the burst open: what follows up to the flush is applied at the flush. */
      return 1;
    case UPDATE_ADD:
    case UPDATE_EDIT:
    case UPDATE_DELETE:
    case UPDATE_INSERT:
    case UPDATE_DELETE_FROM:
      return !g_burst_open[slot]; /* inside a burst the book is consistent only at the flush */
    default:
      return 0; /* 7: the theoretical price moved, no level did */
  }
}

static void take_snapshot(const TConnectorAssetIdentifier *asset, int32_t slot, const char *key) {
  memset(&g_scratch, 0, sizeof g_scratch);
  memcpy(g_scratch.Ticker, key, SHIM_TICKER_CHARS);
  memcpy(g_scratch.Exchange, key + SHIM_TICKER_CHARS, SHIM_EXCHANGE_CHARS);
  int bids = read_side(asset, 0, g_scratch.Bids, &g_scratch.BidCount);
  int asks = read_side(asset, 1, g_scratch.Asks, &g_scratch.AskCount);
  if (bids || asks) shim_table_publish(&g_table, slot, &g_scratch);
  else atomic_fetch_add_explicit(&g_errors, 1, memory_order_relaxed);
}

void PDLL_CALL shim_on_price_depth(const TConnectorAssetIdentifier *asset, uint8_t side, int32_t position,
                                   uint8_t updateType) {
  (void)side, (void)position; /* a snapshot re-reads both sides whatever changed */
  uint64_t started = shim_now_ns();
  atomic_fetch_add_explicit(&g_received, 1, memory_order_relaxed);
  if (!atomic_load_explicit(&g_shim_installed, memory_order_acquire) || !asset || !g_burst_open) return;
  shim_lock(&g_lock);
  char key[SHIM_KEY_BYTES];
  shim_table_key(key, asset->Ticker, asset->Exchange);
  int32_t slot = shim_table_find(&g_table, key);
  if (slot < 0) {
    /* no slot, so no burst state either: count what would have been a snapshot outside a burst */
    if (updateType != UPDATE_PREPARE && updateType != UPDATE_THEORETICAL)
      atomic_fetch_add_explicit(&g_table.dropped, 1, memory_order_relaxed);
  } else if (snapshot_due(slot, updateType)) {
    take_snapshot(asset, slot, key);
  }
  shim_unlock(&g_lock);
  shim_histogram_add(g_hist, started);
}

SHIM_API int32_t Shim_DrainBooks(ShimBook *out, int32_t max) {
  if (!out || max <= 0 || !atomic_load_explicit(&g_shim_installed, memory_order_acquire) || !g_table.slot) return 0;
  return shim_table_drain(&g_table, out, max);
}

void shim_book_stats(ShimTableStats *out) {
  out->BookReceived = atomic_load(&g_received);
  out->BookErrors = atomic_load(&g_errors);
  out->BookSnapshots = atomic_load(&g_table.published);
  out->BookConflated = atomic_load(&g_table.conflated);
  out->BookDropped = atomic_load(&g_table.dropped);
  out->BookDrained = atomic_load(&g_table.drained);
  out->BookAssets = atomic_load(&g_table.assets);
  out->BookRetries = atomic_load(&g_table.retries);
  for (int i = 0; i < SHIM_HIST_BUCKETS; i++) out->BookCallbackNs[i] = atomic_load(&g_hist[i]);
}

SHIM_API int32_t Shim_BookLayout(int32_t *out, int32_t max) {
  const int32_t layout[] = {
      (int32_t)sizeof(ShimBook),
      (int32_t)offsetof(ShimBook, EnqueuedNs),
      (int32_t)offsetof(ShimBook, Sequence),
      (int32_t)offsetof(ShimBook, BidCount),
      (int32_t)offsetof(ShimBook, AskCount),
      (int32_t)offsetof(ShimBook, Auction),
      (int32_t)offsetof(ShimBook, Ticker),
      (int32_t)offsetof(ShimBook, Exchange),
      (int32_t)offsetof(ShimBook, Bids),
      (int32_t)offsetof(ShimBook, Asks),
      (int32_t)sizeof(ShimBookLevel),
      (int32_t)offsetof(ShimBookLevel, Price),
      (int32_t)offsetof(ShimBookLevel, Quantity),
      (int32_t)offsetof(ShimBookLevel, Orders),
      SHIM_BOOK_LEVELS,
  };
  return shim_copy_layout(out, max, layout, (int32_t)(sizeof layout / sizeof layout[0]));
}
