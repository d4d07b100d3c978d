/*
 * History trades (ABI.md §6.4) and the daily aggregate (§6.5).
 *
 * GetHistoryTrades validates synchronously and queues one request; the dispatcher generates its trades lazily,
 * HIST_CHUNK per event (the request re-queues itself behind whatever else is due), so memory stays O(1) per
 * request whatever the window. The walk is deterministic per (seed, ticker, start) and independent of the live
 * walk; it only prints inside B3's session (10:00-18:00 São Paulo, fixed UTC-3, weekdays), trade numbers restart
 * at 1 each day. Delivery: progress 0, trades (flags 0) with progress 1..99 interleaved as the window is covered,
 * progress 100, then the last trade with TC_LAST_PACKET. An empty window yields a single progress 100 and no
 * trade. The window's end is clipped to the simulator's clock (no future trades).
 */
#define _GNU_SOURCE
#include "sim_internal.h"

#define DAY_MS INT64_C(86400000)
#define HIST_CAP 1000000
#define HIST_CHUNK 512
#define HIST_MAX_AGE_MS (30 * DAY_MS)
#define SESSION_OPEN_MS (10 * INT64_C(3600000))
#define SESSION_CLOSE_MS (18 * INT64_C(3600000))

typedef struct {
  int instrument;
  uint64_t rng[4];
  int64_t start_ms, end_ms; /* window, São Paulo local ms since the Unix epoch */
  int64_t day_ms;           /* local midnight of the day being generated */
  int in_segment;
  int64_t seg_start, seg_end;
  double t;
  double mean_ms;
  int64_t ticks;
  uint32_t number;
  int64_t total_ms, done_ms; /* session time in the window; in completed segments */
  int progress;              /* last progress delivered, -1 before the first */
  uint64_t produced;
  int has_next;
  TConnectorTrade next;
} HistReq;

static TConnectorTradeCallback g_hist_trade_cb;
static TProgressCallback g_progress_cb;
static TNewDailyCallback g_daily_cb;
static TTinyBookCallback g_tiny_book_cb;
static TTheoreticalPriceCallback g_theoretical_cb;
static TChangeStateTicker g_change_state_cb;

void hist_clear_callbacks(void) {
  g_hist_trade_cb = NULL;
  g_progress_cb = NULL;
  g_daily_cb = NULL;
  g_tiny_book_cb = NULL;
  g_theoretical_cb = NULL;
  g_change_state_cb = NULL;
}

SIM_CALLBACK_SETTER(SetHistoryTradeCallbackV2, TConnectorTradeCallback, g_hist_trade_cb)
SIM_CALLBACK_SETTER(SetSerieProgressCallback, TProgressCallback, g_progress_cb)
SIM_CALLBACK_SETTER(SetDailyCallback, TNewDailyCallback, g_daily_cb)
/* Stored only: the simulator has no auction phase, no tiny-book or ticker-state feed. */
SIM_CALLBACK_SETTER(SetTinyBookCallback, TTinyBookCallback, g_tiny_book_cb)
SIM_CALLBACK_SETTER(SetTheoreticalPriceCallback, TTheoreticalPriceCallback, g_theoretical_cb)
SIM_CALLBACK_SETTER(SetChangeStateTickerCallback, TChangeStateTicker, g_change_state_cb)

/* ---------------------------------------------------------------- dates */

static int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m) {
  static const int DAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return DAYS[m - 1];
}

/* Reads 1..max digits; returns characters consumed or 0. */
static int digits(const char16_t *s, int min, int max, int *out) {
  int n = 0, v = 0;
  while (n < max && s[n] >= u'0' && s[n] <= u'9') v = v * 10 + (s[n++] - u'0');
  if (n < min) return 0;
  *out = v;
  return n;
}

/* `DD/MM/YYYY`, `DD/MM/YYYY HH:mm:SS` or `DD/MM/YYYY HH:mm:SS.ZZZ` (local time). A date-only end means the
   whole day. */
static int parse_date(const char16_t *s, int is_end, int64_t *local_ms) {
  int d, m, y, hh = 0, mi = 0, ss = 0, ms = 0, n;
  if (!s) return 0;
  if (!(n = digits(s, 1, 2, &d)) || s[n] != u'/') return 0;
  s += n + 1;
  if (!(n = digits(s, 1, 2, &m)) || s[n] != u'/') return 0;
  s += n + 1;
  if (!(n = digits(s, 4, 4, &y))) return 0;
  s += n;
  int has_time = 0;
  if (*s == u' ' || *s == u'T') {
    s++;
    if (!(n = digits(s, 1, 2, &hh)) || s[n] != u':') return 0;
    s += n + 1;
    if (!(n = digits(s, 1, 2, &mi)) || s[n] != u':') return 0;
    s += n + 1;
    if (!(n = digits(s, 1, 2, &ss))) return 0;
    s += n;
    if (*s == u'.') {
      s++;
      if (!(n = digits(s, 1, 3, &ms))) return 0;
      s += n;
    }
    has_time = 1;
  }
  if (*s) return 0;
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m) || hh > 23 || mi > 59 || ss > 59) return 0;
  int64_t t = days_from_civil(y, m, d) * DAY_MS + ((int64_t)hh * 3600 + mi * 60 + ss) * 1000 + ms;
  if (!has_time && is_end) t += DAY_MS - 1;
  *local_ms = t;
  return 1;
}

static int weekday(int64_t day_ms) { /* 0 Sunday; 1970-01-01 was a Thursday */
  int64_t days = day_ms / DAY_MS;
  return (int)(((days % 7) + 11) % 7);
}

/* The session part of [start, end] on the day starting at day_ms; 0 when empty. */
static int session_part(int64_t day_ms, int64_t start, int64_t end, int64_t *a, int64_t *b) {
  int wd = weekday(day_ms);
  if (wd == 0 || wd == 6) return 0;
  int64_t lo = day_ms + SESSION_OPEN_MS, hi = day_ms + SESSION_CLOSE_MS;
  if (start > lo) lo = start;
  if (end < hi) hi = end;
  if (hi <= lo) return 0;
  *a = lo, *b = hi;
  return 1;
}

static int64_t floor_day(int64_t ms) { return (ms >= 0 ? ms / DAY_MS : (ms - DAY_MS + 1) / DAY_MS) * DAY_MS; }

static int64_t session_ms_in(int64_t start, int64_t end) {
  int64_t total = 0, a, b;
  for (int64_t day = floor_day(start); day <= end; day += DAY_MS)
    if (session_part(day, start, end, &a, &b)) total += b - a;
  return total;
}

/* ---------------------------------------------------------------- generation */

static int hist_generate(HistReq *h, TConnectorTrade *out) {
  if (h->produced >= HIST_CAP) return 0;
  for (;;) {
    if (!h->in_segment) {
      while (h->day_ms <= h->end_ms && !session_part(h->day_ms, h->start_ms, h->end_ms, &h->seg_start, &h->seg_end))
        h->day_ms += DAY_MS;
      if (h->day_ms > h->end_ms) return 0;
      h->in_segment = 1;
      h->t = (double)h->seg_start;
      h->number = 0;
    }
    h->t += -h->mean_ms * log1p(-next_unit(h->rng));
    if (h->t >= (double)h->seg_end) {
      h->done_ms += h->seg_end - h->seg_start;
      h->in_segment = 0;
      h->day_ms += DAY_MS;
      continue;
    }
    int i = h->instrument;
    double u_move = next_unit(h->rng), u_side = next_unit(h->rng), u_qty = next_unit(h->rng);
    double u_buy = next_unit(h->rng), u_sell = next_unit(h->rng);
    int move = u_move < 0.3 ? -1 : u_move < 0.6 ? 1 : 0;
    if (h->ticks + move < 1) move = 1;
    h->ticks += move;
    int64_t k = 1 + (int64_t)floor(log1p(-u_qty) / log(0.5));
    if (k > 20) k = 20;
    memset(out, 0, sizeof *out);
    sim_local_ms_to_system_time((int64_t)h->t, &out->TradeDate);
    out->TradeNumber = ++h->number;
    out->Price = price_of(i, h->ticks);
    out->Quantity = SPECS[i].lot * k;
    out->Volume = out->Price * (double)out->Quantity * SPECS[i].multiplier;
    out->BuyAgent = AGENTS[(int)(u_buy * N_AGENTS)];
    out->SellAgent = AGENTS[(int)(u_sell * N_AGENTS)];
    out->TradeType = move > 0 ? 2 : move < 0 ? 3 : (u_side < 0.5 ? 2 : 3);
    h->produced++;
    return 1;
  }
}

void hist_free(void *req) { free(req); }

static int running(void) { return g_phase == PHASE_RUNNING; }

static void progress(HistReq *h, int pct) {
  h->progress = pct;
  TProgressCallback cb = g_progress_cb;
  if (!cb) return;
  Instrument *in = &g_instr[h->instrument];
  TAssetIDRec rec = {.pwcTicker = in->ticker, .pwcBolsa = in->exchange, .nFeed = 0};
  sim_cb_begin();
  cb(&rec, pct);
  sim_cb_end();
}

static void deliver_history_trade(HistReq *h, const TConnectorTrade *t, uint32_t flags) {
  TConnectorTradeCallback cb = g_hist_trade_cb;
  g_stats.history_trades++;
  if (!cb) return;
  g_current_trade = *t;
  g_current_trade_valid = 1;
  sim_cb_begin();
  cb(&g_instr[h->instrument].asset, &g_current_trade, flags);
  sim_cb_end();
  g_current_trade_valid = 0;
}

static int covered_pct(const HistReq *h) {
  if (h->total_ms <= 0) return 99;
  int64_t done = h->done_ms + (h->in_segment ? (int64_t)h->t - h->seg_start : 0);
  int pct = (int)(done * 100 / h->total_ms);
  return pct > 99 ? 99 : pct < 0 ? 0 : pct;
}

void hist_process(Event *ev) {
  HistReq *h = ev->ptr;
  if (h->progress < 0) {
    h->has_next = hist_generate(h, &h->next);
    if (!h->has_next) {
      progress(h, 100);
      return; /* ev->ptr is freed by the dispatcher */
    }
    progress(h, 0);
    if (!running()) return;
  }
  for (int k = 0; k < HIST_CHUNK; k++) {
    TConnectorTrade cur = h->next;
    h->has_next = hist_generate(h, &h->next);
    if (!h->has_next) {
      if (h->progress < 100) progress(h, 100);
      if (running()) deliver_history_trade(h, &cur, TC_LAST_PACKET);
      return;
    }
    deliver_history_trade(h, &cur, 0);
    if (!running()) return;
    int pct = covered_pct(h);
    if (pct > h->progress) {
      progress(h, pct);
      if (!running()) return;
    }
  }
  Event next = *ev;
  next.due_us = sim_now_us();
  ev->ptr = NULL; /* ownership moves to the re-queued event */
  if (sim_enqueue(next) != NL_OK) free(h);
}

static NResult request_GetHistoryTrades(const char16_t *ticker, const char16_t *exchange, const char16_t *start,
                                  const char16_t *end);

PDLL_API NResult GetHistoryTrades(const char16_t *ticker, const char16_t *exchange, const char16_t *start,
                                  const char16_t *end) {
  SIM_REQUEST(NResult, "GetHistoryTrades", request_GetHistoryTrades(ticker, exchange, start, end));
}

static NResult request_GetHistoryTrades(const char16_t *ticker, const char16_t *exchange, const char16_t *start,
                                  const char16_t *end) {
  int64_t start_ms, end_ms;
  if (!ticker || !exchange || !*ticker || !*exchange) return NL_INVALID_ARGS;
  if (!parse_date(start, 0, &start_ms) || !parse_date(end, 1, &end_ms)) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  NResult r = NL_OK;
  int i = -1;
  int64_t now_ms = 0;
  if (g_phase != PHASE_RUNNING) {
    r = NL_NOT_INITIALIZED;
  } else if ((i = find_instrument(ticker, exchange)) < 0) {
    r = NL_INVALID_TICKER;
  } else if (end_ms < start_ms) {
    r = NL_INVALID_ARGS;
  } else if (start_ms < (now_ms = (g_epoch_us + sim_now_us() + SAO_PAULO_OFFSET_US) / 1000) - HIST_MAX_AGE_MS) {
    r = NL_HISTORY_PERIOD_LIMIT;
  }
  if (r == NL_OK) {
    if (end_ms > now_ms) end_ms = now_ms;
    int64_t total = end_ms >= start_ms ? session_ms_in(start_ms, end_ms) : 0;
    double expected = (double)total / 60000.0 * g_knobs.history_per_minute;
    HistReq *h = NULL;
    if (expected > HIST_CAP) {
      r = NL_OUT_OF_RANGE;
    } else if (!(h = calloc(1, sizeof *h))) {
      r = NL_INTERNAL_ERROR;
    } else {
      h->instrument = i;
      seed_stream(h->rng, g_session.seed ^ fnv1a(SPECS[i].ticker, SPECS[i].exchange) ^
                              ((uint64_t)start_ms * UINT64_C(0x9E3779B97F4A7C15)) ^ UINT64_C(0x4157041570415704));
      h->start_ms = start_ms;
      h->end_ms = end_ms;
      h->day_ms = floor_day(start_ms);
      h->mean_ms = 60000.0 / g_knobs.history_per_minute;
      h->ticks = SPECS[i].start_ticks;
      h->total_ms = total;
      h->progress = -1;
      Event ev = {.due_us = sim_now_us(), .kind = EV_HISTORY, .ptr = h};
      r = sim_enqueue(ev);
      if (r != NL_OK) free(h);
      else g_stats.history_requests++;
    }
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

PDLL_API NResult Sim_SetHistoryDensity(double tradesPerMinute) {
  if (!(tradesPerMinute > 0 && tradesPerMinute <= 600000.0)) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  g_knobs.history_per_minute = tradesPerMinute;
  pthread_mutex_unlock(&g_mu);
  return NL_OK;
}

/* ---------------------------------------------------------------- daily aggregate */

void daily_on_trade(int i, const TConnectorTrade *t, uint32_t flags) {
  if (flags & TC_IS_EDIT) return;
  Daily *d = &g_instr[i].daily;
  if (!d->has) {
    d->has = 1;
    d->open = d->high = d->low = t->Price;
  }
  if (t->Price > d->high) d->high = t->Price;
  if (t->Price < d->low) d->low = t->Price;
  d->close = t->Price;
  d->volume += t->Volume;
  d->qty += t->Quantity;
  d->trades++;
  if (t->TradeType == 2) d->vol_buyer += t->Volume, d->qty_buyer += t->Quantity, d->neg_buyer++;
  else if (t->TradeType == 3) d->vol_seller += t->Volume, d->qty_seller += t->Quantity, d->neg_seller++;
}

static int32_t clamp32(int64_t v) { return v > INT32_MAX ? INT32_MAX : (int32_t)v; }

void daily_deliver(int i) {
  TNewDailyCallback cb = g_daily_cb;
  Instrument *in = &g_instr[i];
  const Daily *d = &in->daily;
  if (!cb || !d->has) return;
  char16_t date[24];
  sim_format_system_time(&g_current_trade.TradeDate, date);
  double settlement = price_of(i, SPECS[i].start_ticks); /* the previous session's close */
  double max_limit = price_of(i, ticks_of(i, settlement * 1.1)), min_limit = price_of(i, ticks_of(i, settlement * 0.9));
  TAssetIDRec rec = {.pwcTicker = in->ticker, .pwcBolsa = in->exchange, .nFeed = 0};
  Daily c = *d;
  g_stats.daily_callbacks++;
  sim_cb_begin();
  cb(&rec, date, c.open, c.high, c.low, c.close, c.volume, settlement, max_limit, min_limit, c.vol_buyer, c.vol_seller,
     clamp32(c.qty), clamp32(c.trades), SPECS[i].open_interest, clamp32(c.qty_buyer), clamp32(c.qty_seller),
     clamp32(c.neg_buyer), clamp32(c.neg_seller));
  sim_cb_end();
}
