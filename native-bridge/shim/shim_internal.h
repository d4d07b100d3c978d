/*
 * What the shim's translation units share and do not export: the clock, ASCII keys, the callback-duration
 * histogram, and the conflated table that books and dailies both use.
 *
 * Threads: every `shim_on_*` callback runs on the DLL's ConnectorThread (the single producer, ABI.md §8);
 * every `Shim_Drain*` runs on Node's main thread (the single consumer). Fields marked "producer" are only
 * touched by the former, "consumer" by the latter; everything both touch is atomic.
 */
#ifndef SHIM_INTERNAL_H
#define SHIM_INTERNAL_H

#include "profit_shim.h"

#include <stdatomic.h>

#define NL_OK 0
#define NL_INTERNAL_ERROR ((int32_t)0x80000001u)
#define NL_INVALID_ARGS ((int32_t)0x80000003u)
#define NL_NOT_FOUND ((int32_t)0x80000011u)

#define TC_LAST_PACKET 2u
#define PG_IS_THEORIC 1u

/* Setters the shim resolves besides the ABI header's; private names so they never clash with additions there. */
typedef NResult(PDLL_CALL *ShimSetTradeCallbackFn)(TConnectorTradeCallback cb);
typedef NResult(PDLL_CALL *ShimSetDailyCallbackFn)(TNewDailyCallback cb);

extern _Atomic int g_shim_installed;


uint64_t shim_now_ns(void);
void shim_yield(void);
/* `size` bytes of ASCII ('?' for anything else), NUL-padded; always terminated. */
void shim_copy_ascii(char *dst, size_t size, const char16_t *src);
void shim_histogram_add(_Atomic uint64_t *histogram, uint64_t startedNs);

/*
 * Producer locks. The DLL documents a single callback thread, and the ring and tables rely on a single
 * writer; these test-and-set locks (a few ns uncontended) keep them intact should a DLL version call from a
 * second thread (unverified for history, say), and count it (ShimTableStats.ProducerContended) instead of
 * corrupting a record.
 */
extern _Atomic uint64_t g_shim_contended;
static inline void shim_lock(atomic_flag *lock) {
  if (!atomic_flag_test_and_set_explicit(lock, memory_order_acquire)) return;
  atomic_fetch_add_explicit(&g_shim_contended, 1, memory_order_relaxed);
  while (atomic_flag_test_and_set_explicit(lock, memory_order_acquire)) shim_yield();
}
static inline void shim_unlock(atomic_flag *lock) { atomic_flag_clear_explicit(lock, memory_order_release); }

/*
 * A fixed table of one record per asset, written by the producer and read by the consumer without locks.
 *
 * Conflation: a record newer than the one Node has not read yet simply replaces it. Consistency: each slot
 * has a sequence counter that is odd while the producer writes (a seqlock); the consumer copies, then
 * re-reads the counter and copies again if it moved. The record is stored as 64-bit words written and read
 * with relaxed atomics, so the concurrent copy is not a data race in C11 terms and compiles to plain moves.
 * Changed slots are found through a ring of slot indices (each slot at most once in it, guarded by its
 * `queued` flag), so a drain touches only what changed.
 *
 * Every record starts with `uint64_t EnqueuedNs; uint64_t Sequence;`, which the table fills on publish.
 */
#define SHIM_KEY_BYTES (SHIM_TICKER_CHARS + SHIM_EXCHANGE_CHARS)

typedef struct {
  _Atomic uint64_t seq;     /* odd while the producer writes the record */
  _Atomic uint32_t queued;  /* 1 from publish until the consumer takes the slot off the dirty ring */
  uint32_t used;            /* producer: the key is claimed */
  uint64_t updates;         /* producer: Sequence of the latest publish */
  uint64_t lastDrained;     /* consumer: Sequence last handed out, so a re-queued copy is not handed out twice */
  char key[SHIM_KEY_BYTES]; /* producer */
} ShimTableSlot;

typedef struct {
  uint32_t slots; /* power of two */
  uint32_t words; /* record size / 8 */
  ShimTableSlot *slot;
  _Atomic uint64_t *data;   /* slots × words */
  _Atomic uint32_t *dirty;  /* ring of slot indices, `slots` entries */
  _Atomic uint64_t dirtyHead; /* producer */
  _Atomic uint64_t dirtyTail; /* consumer */
  _Atomic uint64_t published, conflated, dropped, drained, retries, assets;
} ShimTable;

int32_t shim_table_init(ShimTable *t, uint32_t slots, size_t recordBytes);
void shim_table_free(ShimTable *t);
/* Producer. Builds the key from UTF-16 ticker/exchange into `key` (SHIM_KEY_BYTES). */
void shim_table_key(char *key, const char16_t *ticker, const char16_t *exchange);
/* Producer. The asset's slot, claimed on first sight; -1 when the table is full. */
int32_t shim_table_find(ShimTable *t, const char *key);
/* Producer. Stamps EnqueuedNs and Sequence into `record` (words × 8 bytes) and publishes it. */
void shim_table_publish(ShimTable *t, int32_t slot, void *record);
/* Consumer. Copies up to `max` changed records into `out`, in the order they first changed since the last drain. */
int32_t shim_table_drain(ShimTable *t, void *out, int32_t max);

/* Book and daily units (shim_book.c, shim_daily.c). `prepare` allocates before the callback is registered. */
int32_t shim_book_prepare(TGetPriceDepthSideCount sideCount, TGetPriceGroup priceGroup);
void shim_book_release(void);
void shim_book_stats(ShimTableStats *out);
void PDLL_CALL shim_on_price_depth(const TConnectorAssetIdentifier *asset, uint8_t side, int32_t position, uint8_t updateType);

int32_t shim_daily_prepare(void);
void shim_daily_release(void);
void shim_daily_stats(ShimTableStats *out);
void PDLL_CALL shim_on_daily(const TAssetIDRec *asset, const char16_t *date, double open, double high, double low,
                             double close, double volume, double settlement, double maxLimit, double minLimit,
                             double buyerVolume, double sellerVolume, int32_t quantity, int32_t trades,
                             int32_t openInterest, int32_t buyerQuantity, int32_t sellerQuantity, int32_t buyerTrades,
                             int32_t sellerTrades);

/* The layout reporters' common tail: copies `n` values when `out` has room for them all, else reports 0. */
static inline int32_t shim_copy_layout(int32_t *out, int32_t max, const int32_t *layout, int32_t n) {
  if (!out || max < n) return 0;
  for (int32_t i = 0; i < n; i++) out[i] = layout[i];
  return n;
}

#endif
