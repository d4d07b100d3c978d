/* The per-asset conflated table (see shim_internal.h for the protocol). */
#include "shim_internal.h"

#include <stdlib.h>
#include <string.h>

int32_t shim_table_init(ShimTable *t, uint32_t slots, size_t recordBytes) {
  if (slots == 0 || (slots & (slots - 1)) != 0 || recordBytes == 0 || recordBytes % 8 != 0) return NL_INVALID_ARGS;
  ShimTableSlot *slot = calloc(slots, sizeof *slot);
  _Atomic uint64_t *data = calloc((size_t)slots * (recordBytes / 8), sizeof *data);
  _Atomic uint32_t *dirty = calloc(slots, sizeof *dirty);
  if (!slot || !data || !dirty) {
    free(slot);
    free(data);
    free(dirty);
    return NL_INTERNAL_ERROR;
  }
  /* all-zero bytes are a valid initial state for these lock-free atomics on every target we build */
  t->slots = slots;
  t->words = (uint32_t)(recordBytes / 8);
  t->slot = slot;
  t->data = data;
  t->dirty = dirty;
  atomic_store(&t->dirtyHead, 0);
  atomic_store(&t->dirtyTail, 0);
  atomic_store(&t->published, 0);
  atomic_store(&t->conflated, 0);
  atomic_store(&t->dropped, 0);
  atomic_store(&t->drained, 0);
  atomic_store(&t->retries, 0);
  atomic_store(&t->assets, 0);
  return NL_OK;
}

void shim_table_free(ShimTable *t) {
  free(t->slot);
  free((void *)t->data);
  free((void *)t->dirty);
  t->slot = NULL;
  t->data = NULL;
  t->dirty = NULL;
  t->slots = 0;
}

void shim_table_key(char *key, const char16_t *ticker, const char16_t *exchange) {
  shim_copy_ascii(key, SHIM_TICKER_CHARS, ticker);
  shim_copy_ascii(key + SHIM_TICKER_CHARS, SHIM_EXCHANGE_CHARS, exchange);
}

int32_t shim_table_find(ShimTable *t, const char *key) {
  uint64_t h = UINT64_C(0xcbf29ce484222325); /* FNV-1a */
  for (int i = 0; i < SHIM_KEY_BYTES; i++) h = (h ^ (unsigned char)key[i]) * UINT64_C(0x100000001b3);
  uint32_t mask = t->slots - 1;
  for (uint32_t probe = 0; probe < t->slots; probe++) {
    uint32_t i = (uint32_t)(h + probe) & mask;
    ShimTableSlot *s = &t->slot[i];
    if (!s->used) {
      /* slots are never given back while installed, so the first free one ends the probe */
      s->used = 1;
      memcpy(s->key, key, SHIM_KEY_BYTES);
      atomic_fetch_add_explicit(&t->assets, 1, memory_order_relaxed);
      return (int32_t)i;
    }
    if (memcmp(s->key, key, SHIM_KEY_BYTES) == 0) return (int32_t)i;
  }
  return -1;
}

void shim_table_publish(ShimTable *t, int32_t index, void *record) {
  ShimTableSlot *s = &t->slot[index];
  uint64_t *words = record;
  words[0] = shim_now_ns();
  words[1] = ++s->updates;
  _Atomic uint64_t *dst = &t->data[(size_t)index * t->words];
  uint64_t seq = atomic_load_explicit(&s->seq, memory_order_relaxed);
  atomic_store_explicit(&s->seq, seq + 1, memory_order_relaxed);
  atomic_thread_fence(memory_order_release); /* the odd count is visible before any word of the new record */
  for (uint32_t w = 0; w < t->words; w++) atomic_store_explicit(&dst[w], words[w], memory_order_relaxed);
  atomic_store_explicit(&s->seq, seq + 2, memory_order_release);
  atomic_fetch_add_explicit(&t->published, 1, memory_order_relaxed);
  if (atomic_exchange_explicit(&s->queued, 1, memory_order_acq_rel)) {
    atomic_fetch_add_explicit(&t->conflated, 1, memory_order_relaxed);
    return;
  }
  /* Cannot overflow: an index is in the ring only while its `queued` is 1, and the consumer frees the ring
     entry before clearing `queued`, so the ring never holds more than `slots` entries. */
  uint64_t head = atomic_load_explicit(&t->dirtyHead, memory_order_relaxed);
  atomic_store_explicit(&t->dirty[head & (t->slots - 1)], (uint32_t)index, memory_order_relaxed);
  atomic_store_explicit(&t->dirtyHead, head + 1, memory_order_release);
}

int32_t shim_table_drain(ShimTable *t, void *out, int32_t max) {
  uint64_t *dst = out;
  int32_t n = 0;
  while (n < max) {
    uint64_t tail = atomic_load_explicit(&t->dirtyTail, memory_order_relaxed);
    if (tail == atomic_load_explicit(&t->dirtyHead, memory_order_acquire)) break;
    uint32_t index = atomic_load_explicit(&t->dirty[tail & (t->slots - 1)], memory_order_relaxed);
    atomic_store_explicit(&t->dirtyTail, tail + 1, memory_order_release);
    ShimTableSlot *s = &t->slot[index];
    /* From here a new publish re-queues the slot; taking the flag with acquire also makes the publish that
       set it visible, so the copy below is at least that recent. */
    atomic_exchange_explicit(&s->queued, 0, memory_order_acq_rel);
    const _Atomic uint64_t *src = &t->data[(size_t)index * t->words];
    uint64_t *rec = dst + (size_t)n * t->words;
    for (uint32_t spins = 1;; spins++) {
      uint64_t before = atomic_load_explicit(&s->seq, memory_order_acquire);
      if ((before & 1) == 0) {
        for (uint32_t w = 0; w < t->words; w++) rec[w] = atomic_load_explicit(&src[w], memory_order_relaxed);
        atomic_thread_fence(memory_order_acquire); /* the words are read before the count is checked again */
        if (atomic_load_explicit(&s->seq, memory_order_relaxed) == before) break;
      }
      atomic_fetch_add_explicit(&t->retries, 1, memory_order_relaxed);
      if (spins % 64 == 0) shim_yield(); /* the writer was preempted mid-record: let it finish */
    }
    /* A publish between taking the slot and copying it re-queued the slot with what was already handed out.
       That publish found the flag clear, so the one it replaced went uncounted: count it here, which keeps
       published == conflated + drained + (records waiting) exact. */
    if (rec[1] == s->lastDrained) {
      atomic_fetch_add_explicit(&t->conflated, 1, memory_order_relaxed);
      continue;
    }
    s->lastDrained = rec[1];
    n++;
  }
  atomic_fetch_add_explicit(&t->drained, (uint64_t)n, memory_order_relaxed);
  return n;
}
