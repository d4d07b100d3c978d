/*
 * Aggregated price book (ABI.md §6.6): BOOK_LEVELS levels per side on the tick grid around the last trade.
 *
 * Two copies per instrument: `side` is the authoritative book (moved by every trade of the walk, consumed by
 * market fills), `view` is what GetPriceGroup/GetPriceDepthSideCount serve. A burst turns view into side one
 * notification at a time, so the accessors called inside the callback see exactly the state that notification
 * describes: prepare (5), then per-level add (0, append at `position`), edit (1), delete (2), insert (3) or
 * delete-from (8), then flush (6) -- or prepare, full book (4), flush when more than BOOK_LEVELS changes are
 * due. Subscribing (and every market reconnect for a surviving subscription) sends a lone full book
 * (side 254, position 0, update 4). Prepare and flush carry side 254, position 0.
 *
 * Quantities come from a per-instrument stream of their own (seed, ticker, "book"), never from the walk's.
 */
#define _GNU_SOURCE
#include "sim_internal.h"

#define BOOK_LEVELS 10
#define VIEW_CAP (2 * BOOK_LEVELS + 2)
#define MAX_OPS (2 * (2 * BOOK_LEVELS + 2))

enum { UP_ADD = 0, UP_EDIT = 1, UP_DELETE = 2, UP_INSERT = 3, UP_FULL = 4, UP_PREPARE = 5, UP_FLUSH = 6, UP_DELETE_FROM = 8 };
#define SIDE_BOTH 254

typedef struct {
  int64_t ticks;
  int64_t qty;
  uint32_t count;
} Level;

typedef struct {
  Level side[2][BOOK_LEVELS];
  int n[2];
  Level view[2][VIEW_CAP];
  int vn[2];
  uint64_t rng[4];
} Book;

typedef struct {
  uint8_t side, type;
  int32_t pos;
  Level lv;
} Op;

static Book g_book[N_INSTRUMENTS];
static TConnectorPriceDepthCallback g_depth_cb;

void book_clear_callbacks(void) { g_depth_cb = NULL; }

PDLL_API NResult SetPriceDepthCallback(TConnectorPriceDepthCallback cb) {
  pthread_mutex_lock(&g_mu);
  g_depth_cb = cb;
  pthread_mutex_unlock(&g_mu);
  return NL_OK;
}

/* ---------------------------------------------------------------- building the authoritative book */

static Level random_level(int i, int depth, int64_t ticks) {
  Book *b = &g_book[i];
  double u_qty = next_unit(b->rng), u_count = next_unit(b->rng);
  int64_t lots = 1 + (int64_t)(u_qty * (double)(5 + 3 * depth));
  int64_t max_count = lots < 8 ? lots : 8;
  Level lv = {.ticks = ticks, .qty = lots * SPECS[i].lot, .count = (uint32_t)(1 + (int64_t)(u_count * (double)max_count))};
  return lv;
}

/* Rebuilds both sides from the best bid/ask, keeping quantities of the prices that stay in the book (sides are
   contiguous on the tick grid, so an old level is found by its distance from the old best). */
static void rebuild(int i, int64_t bid, int64_t ask) {
  Book *b = &g_book[i];
  Level old[2][BOOK_LEVELS];
  int old_n[2] = {b->n[0], b->n[1]};
  memcpy(old, b->side, sizeof old);
  for (int s = 0; s < 2; s++) {
    int64_t best = s == 0 ? bid : ask;
    int n = 0;
    for (int k = 0; k < BOOK_LEVELS; k++) {
      int64_t t = s == 0 ? best - k : best + k;
      if (t < 1) break;
      Level lv;
      int64_t idx = old_n[s] > 0 ? (s == 0 ? old[s][0].ticks - t : t - old[s][0].ticks) : -1;
      if (idx >= 0 && idx < old_n[s] && old[s][idx].ticks == t) lv = old[s][idx];
      else lv = random_level(i, k, t);
      b->side[s][n++] = lv;
    }
    b->n[s] = n;
  }
}

static void copy_to_view(int i) {
  Book *b = &g_book[i];
  for (int s = 0; s < 2; s++) {
    memcpy(b->view[s], b->side[s], (size_t)b->n[s] * sizeof(Level));
    b->vn[s] = b->n[s];
  }
}

void book_reset_all(void) {
  for (int i = 0; i < N_INSTRUMENTS; i++) {
    Book *b = &g_book[i];
    memset(b, 0, sizeof *b);
    seed_stream(b->rng, g_session.seed ^ fnv1a(SPECS[i].ticker, SPECS[i].exchange) ^ UINT64_C(0xb00cb00cb00cb00c));
    int64_t t = SPECS[i].start_ticks;
    rebuild(i, t - 1, t);
    copy_to_view(i);
  }
}

static void refill(int i, int s, int k) {
  g_book[i].side[s][k] = random_level(i, k, g_book[i].side[s][k].ticks);
}

/* Takes `qty` from a level: what stays is rounded down to whole lots; an emptied level is replenished at the
   same price (hidden size), so both sides keep their BOOK_LEVELS levels. */
static void consume(int i, int s, int k, int64_t qty) {
  Level *lv = &g_book[i].side[s][k];
  int64_t lots = (lv->qty - qty) / SPECS[i].lot;
  if (lots < 1) {
    refill(i, s, k);
    return;
  }
  lv->qty = lots * SPECS[i].lot;
  if (lv->count > 1) lv->count--;
  if ((int64_t)lv->count > lots) lv->count = (uint32_t)lots;
}

void book_on_trade(int i, int64_t ticks, uint8_t type, int64_t qty) {
  Book *b = &g_book[i];
  int64_t bid = b->n[0] ? b->side[0][0].ticks : ticks - 1, ask = b->n[1] ? b->side[1][0].ticks : ticks + 1;
  if (type == 2) { /* aggressor buy: printed at the ask */
    ask = ticks, bid = ticks - 1;
  } else if (type == 3) { /* aggressor sell: printed at the bid */
    bid = ticks, ask = ticks + 1;
  } else if (ticks != bid && ticks != ask) {
    bid = ticks, ask = ticks + 1;
  }
  rebuild(i, bid, ask);
  /* the aggressor took liquidity at the traded level; an emptied level is replenished (hidden size) */
  int s = type == 2 ? 1 : type == 3 ? 0 : -1;
  if (s >= 0 && b->n[s] > 0 && b->side[s][0].ticks == ticks) consume(i, s, 0, qty);
  /* and some other participant changed an order somewhere */
  double u_edit = next_unit(b->rng), u_side = next_unit(b->rng), u_level = next_unit(b->rng);
  if (u_edit < 0.5) {
    int es = u_side < 0.5 ? 0 : 1;
    if (b->n[es] > 0) refill(i, es, (int)(u_level * b->n[es]));
  }
}

int64_t book_best(int i, int side) {
  const Book *b = &g_book[i];
  if (b->n[side] > 0) return b->side[side][0].ticks;
  return side == 0 ? g_instr[i].ticks - 1 : g_instr[i].ticks + 1;
}

int book_sweep(int i, int side, int64_t qty, double *prices, int64_t *qtys, int max) {
  Book *b = &g_book[i];
  int fills = 0;
  if (max <= 0 || qty <= 0) return 0;
  if (b->n[side] == 0) {
    prices[0] = price_of(i, book_best(i, side));
    qtys[0] = qty;
    return 1;
  }
  for (int k = 0; k < b->n[side] && qty > 0; k++) {
    Level *lv = &b->side[side][k];
    int last = k == b->n[side] - 1;
    int64_t take = last || qty < lv->qty ? qty : lv->qty;
    if (fills < max) {
      prices[fills] = price_of(i, lv->ticks);
      qtys[fills] = take;
      fills++;
    } else {
      qtys[fills - 1] += take; /* more levels than the caller can list: the rest at the last listed price */
    }
    qty -= take;
    consume(i, side, k, take);
  }
  return fills;
}

/* ---------------------------------------------------------------- notifications (dispatcher, g_mu held) */

/* Delivers one notification; 0 when the burst must stop (unsubscribed, finalizing). */
static int notify(int i, uint8_t side, int32_t pos, uint8_t type, uint32_t depth_gen) {
  Instrument *in = &g_instr[i];
  TConnectorPriceDepthCallback cb = g_depth_cb;
  if (cb) {
    sim_cb_begin();
    cb(&in->asset, side, pos, type);
    sim_cb_end();
    g_stats.book_callbacks++;
  }
  return g_phase == PHASE_RUNNING && in->depth_subscribed && in->depth_gen == depth_gen && g_market_up;
}

static void apply_op(Book *b, const Op *op) {
  Level *v = b->view[op->side];
  int *n = &b->vn[op->side];
  switch (op->type) {
    case UP_ADD:
      if (*n < VIEW_CAP) v[(*n)++] = op->lv;
      break;
    case UP_EDIT:
      v[op->pos] = op->lv;
      break;
    case UP_DELETE:
      memmove(&v[op->pos], &v[op->pos + 1], (size_t)(*n - op->pos - 1) * sizeof *v);
      (*n)--;
      break;
    case UP_INSERT:
      if (*n >= VIEW_CAP) break;
      memmove(&v[op->pos + 1], &v[op->pos], (size_t)(*n - op->pos) * sizeof *v);
      v[op->pos] = op->lv;
      (*n)++;
      break;
    case UP_DELETE_FROM:
      *n = op->pos;
      break;
  }
}

static int better(int side, int64_t a, int64_t b) { return side == 0 ? a > b : a < b; }

/* Operations turning the view's side into the book's side, in application order. */
static int diff_side(const Book *b, int s, Op *ops, int nops) {
  Level w[VIEW_CAP];
  int wn = b->vn[s];
  memcpy(w, b->view[s], (size_t)wn * sizeof *w);
  const Level *target = b->side[s];
  int tn = b->n[s], pos = 0;
  while (pos < tn && nops < MAX_OPS) {
    Op op = {.side = (uint8_t)s, .pos = pos, .lv = target[pos]};
    if (pos >= wn) {
      op.type = UP_ADD;
      w[wn++] = target[pos];
      pos++;
    } else if (w[pos].ticks == target[pos].ticks) {
      if (w[pos].qty == target[pos].qty && w[pos].count == target[pos].count) {
        pos++;
        continue;
      }
      op.type = UP_EDIT;
      w[pos] = target[pos];
      pos++;
    } else if (better(s, w[pos].ticks, target[pos].ticks)) {
      op.type = UP_DELETE;
      op.lv = w[pos];
      memmove(&w[pos], &w[pos + 1], (size_t)(wn - pos - 1) * sizeof *w);
      wn--;
    } else {
      if (wn >= VIEW_CAP) break;
      op.type = UP_INSERT;
      memmove(&w[pos + 1], &w[pos], (size_t)(wn - pos) * sizeof *w);
      w[pos] = target[pos];
      wn++;
      pos++;
    }
    ops[nops++] = op;
  }
  if (wn > tn && nops < MAX_OPS) {
    Op op = {.side = (uint8_t)s, .type = UP_DELETE_FROM, .pos = tn};
    ops[nops++] = op;
  }
  return nops;
}

void book_publish(int i) {
  Instrument *in = &g_instr[i];
  Book *b = &g_book[i];
  if (!in->depth_subscribed || !g_market_up || !g_depth_cb) {
    copy_to_view(i);
    return;
  }
  /* the side that moves away from the other goes first, so the book is never crossed mid-burst */
  int up = b->n[0] > 0 && b->vn[0] > 0 && b->side[0][0].ticks > b->view[0][0].ticks;
  Op ops[MAX_OPS];
  int n = diff_side(b, up ? 1 : 0, ops, 0);
  n = diff_side(b, up ? 0 : 1, ops, n);
  if (n == 0) return;
  uint32_t gen = in->depth_gen;
  if (!notify(i, SIDE_BOTH, 0, UP_PREPARE, gen)) goto stop;
  if (n > BOOK_LEVELS) {
    copy_to_view(i);
    if (!notify(i, SIDE_BOTH, 0, UP_FULL, gen)) goto stop;
  } else {
    for (int k = 0; k < n; k++) {
      apply_op(b, &ops[k]);
      if (!notify(i, ops[k].side, ops[k].pos, ops[k].type, gen)) goto stop;
    }
  }
  notify(i, SIDE_BOTH, 0, UP_FLUSH, gen);
stop:
  copy_to_view(i);
}

void book_deliver_snapshot(int i, uint32_t depth_gen) {
  Instrument *in = &g_instr[i];
  if (!in->depth_subscribed || in->depth_gen != depth_gen || !g_market_up) return;
  copy_to_view(i);
  notify(i, SIDE_BOTH, 0, UP_FULL, depth_gen);
}

void book_on_market_up(void) {
  for (int i = 0; i < N_INSTRUMENTS; i++) {
    Instrument *in = &g_instr[i];
    if (!in->depth_subscribed) continue;
    sim_restart_depth_chain(i);
    Event ev = {.due_us = sim_now_us(), .kind = EV_DEPTH_SNAPSHOT, .instrument = i, .gen = in->depth_gen};
    (void)sim_enqueue(ev);
  }
}

/* ---------------------------------------------------------------- accessors (allowed inside the callback) */

static NResult lookup(const TConnectorAssetIdentifier *a, uint8_t side, int *out) {
  if (!a || !a->Ticker || !a->Exchange) return NL_INVALID_ARGS;
  if (side > 1) return NL_INVALID_ARGS;
  if (g_phase != PHASE_RUNNING) return NL_NOT_INITIALIZED;
  int i = find_instrument(a->Ticker, a->Exchange);
  if (i < 0) return NL_INVALID_TICKER;
  if (!g_instr[i].depth_subscribed) return NL_ASSET_NO_DATA;
  *out = i;
  return NL_OK;
}

PDLL_API NResult GetPriceDepthSideCount(const TConnectorAssetIdentifier *a, uint8_t side) {
  NResult code;
  if (sim_injected("GetPriceDepthSideCount", &code)) return code;
  pthread_mutex_lock(&g_mu);
  int i = -1;
  NResult r = lookup(a, side, &i);
  if (r == NL_OK) r = g_book[i].vn[side];
  pthread_mutex_unlock(&g_mu);
  return r;
}

PDLL_API NResult GetPriceGroup(const TConnectorAssetIdentifier *a, uint8_t side, int32_t position, TConnectorPriceGroup *out) {
  NResult code;
  if (sim_injected("GetPriceGroup", &code)) return code;
  if (!out) return NL_INVALID_ARGS;
  if (out->Version != 0) return NL_VERSION_NOT_SUPPORTED;
  pthread_mutex_lock(&g_mu);
  int i = -1;
  NResult r = lookup(a, side, &i);
  if (r == NL_OK) {
    const Book *b = &g_book[i];
    if (position < 0 || position >= b->vn[side]) {
      r = NL_OUT_OF_RANGE;
    } else {
      const Level *lv = &b->view[side][position];
      out->Price = price_of(i, lv->ticks);
      out->Count = lv->count;
      out->Quantity = lv->qty;
      out->PriceGroupFlags = 0;
    }
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}
