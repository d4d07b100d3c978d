/*
 * ProfitDLL simulator: one dispatcher thread (the DLL's ConnectorThread) drains a time-ordered FIFO and is the
 * only thread that ever invokes a client callback (ABI.md §12.3). Request functions only enqueue. The client's
 * callbacks run with the lock released, so accessors (TranslateTrade) and requests from other threads never
 * wait on a callback in flight.
 */
#define _GNU_SOURCE
#include "profitdll_sim.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---------------------------------------------------------------- instruments */

typedef struct {
  const char *ticker;
  const char *exchange;
  int64_t start_ticks; /* price = ticks * tick_units / scale, so every price is exactly on the tick grid */
  int32_t tick_units;
  int32_t scale;
  int64_t lot;
  double multiplier; /* financial volume per point and unit */
} InstrumentSpec;

static const InstrumentSpec SPECS[] = {
    {"WINZ26", "F", 25000, 5, 1, 1, 0.2},
    {"WDOZ26", "F", 10000, 5, 10, 1, 10.0},
    {"PETR4", "B", 3800, 1, 100, 100, 1.0},
    {"VALE3", "B", 6150, 1, 100, 100, 1.0},
};
#define N_INSTRUMENTS ((int)(sizeof SPECS / sizeof SPECS[0]))

static const int32_t AGENTS[] = {3, 8, 13, 15, 27, 39, 45, 72, 85, 120, 127, 308};
#define N_AGENTS ((int)(sizeof AGENTS / sizeof AGENTS[0]))

typedef struct {
  char16_t ticker[16];
  char16_t exchange[4];
  TConnectorAssetIdentifier asset;
  uint64_t rng[4];
  int64_t ticks;
  uint32_t trade_number;
  uint32_t gen; /* bumped on (un)subscribe and disconnect: queued ticks of an older subscription are dropped */
  int subscribed;
} Instrument;

/* ---------------------------------------------------------------- events */

typedef enum { EV_STATE, EV_TICK, EV_PUSHED_TRADE, EV_INVALID_TICKER } EventKind;

typedef struct {
  int64_t due_us;
  uint64_t seq;
  EventKind kind;
  int32_t type, result;         /* EV_STATE */
  int raises_market;            /* EV_STATE: market becomes usable when delivered ... */
  int32_t market_epoch;         /* ... unless a later disconnect superseded it */
  int32_t instrument;           /* EV_TICK, EV_PUSHED_TRADE */
  uint32_t gen;                 /* EV_TICK */
  double price;                 /* EV_PUSHED_TRADE */
  int64_t quantity;             /* EV_PUSHED_TRADE */
  uint32_t flags;               /* EV_PUSHED_TRADE */
  char16_t *ticker, *exchange;  /* EV_INVALID_TICKER, owned */
} Event;

/* ---------------------------------------------------------------- global state */

typedef enum { PHASE_IDLE, PHASE_RUNNING, PHASE_STOPPING } Phase;

typedef struct {
  uint64_t seed;
  int virtual_clock;
  double speed;
  double mean_ms;
  int32_t login_result;
  int32_t activation_result;
} Settings;

#define DEFAULT_SETTINGS {1, 0, 1.0, 200.0, 0, 0} /* seed 1, wall clock at 1x, 200 ms between trades */

/* Virtual sessions start at 2026-12-01 10:00:00 São Paulo (13:00 UTC) so timestamps are reproducible. */
#define VIRTUAL_EPOCH_US INT64_C(1796130000000000)
/* São Paulo has had no DST since 2019; a fixed offset is enough for a test double. */
#define SAO_PAULO_OFFSET_US (INT64_C(-3) * 3600 * 1000000)
#define RECONNECT_GAP_US (20 * 1000)

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static pthread_cond_t g_wake; /* wakes the dispatcher (CLOCK_MONOTONIC) */
static pthread_cond_t g_idle; /* wakes Sim_Advance */
static pthread_t g_thread;

static Phase g_phase = PHASE_IDLE;
static Settings g_cfg = DEFAULT_SETTINGS;
static Settings g_session;
static int g_routing;
static int g_market_up;
static int32_t g_market_epoch;
static int g_delivering;

static TStateCallback g_state_cb;
static TConnectorTradeCallback g_trade_cb;
static TInvalidTickerCallback g_invalid_ticker_cb;

static Instrument g_instr[N_INSTRUMENTS];
static TConnectorTrade g_current_trade; /* what the opaque pointer handed to the trade callback refers to */
static int g_current_trade_valid;

static Event *g_heap;
static size_t g_heap_n, g_heap_cap;
static uint64_t g_seq;

static int64_t g_mono0_us, g_vnow_us, g_epoch_us;

static struct {
  uint64_t callbacks, trades, high_water, dropped_subscriptions, sessions;
} g_stats;

/* ---------------------------------------------------------------- helpers */

static int64_t clock_us(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int64_t now_us(void) {
  if (g_session.virtual_clock) return g_vnow_us;
  return (int64_t)((double)(clock_us(CLOCK_MONOTONIC) - g_mono0_us) * g_session.speed);
}

static void to_system_time(int64_t utc_us, TSystemTime *st) {
  int64_t local_ms = (utc_us + SAO_PAULO_OFFSET_US) / 1000;
  time_t secs = (time_t)(local_ms / 1000);
  struct tm tm;
  gmtime_r(&secs, &tm);
  st->wYear = (uint16_t)(tm.tm_year + 1900);
  st->wMonth = (uint16_t)(tm.tm_mon + 1);
  st->wDayOfWeek = (uint16_t)tm.tm_wday;
  st->wDay = (uint16_t)tm.tm_mday;
  st->wHour = (uint16_t)tm.tm_hour;
  st->wMinute = (uint16_t)tm.tm_min;
  st->wSecond = (uint16_t)tm.tm_sec;
  st->wMilliseconds = (uint16_t)(local_ms % 1000);
}

static size_t u16len(const char16_t *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}

static char16_t *u16dup(const char16_t *s) {
  size_t n = u16len(s) + 1;
  char16_t *d = malloc(n * sizeof *d);
  if (d) memcpy(d, s, n * sizeof *d);
  return d;
}

static int u16eq(const char16_t *a, const char16_t *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

static void ascii_to_u16(const char *src, char16_t *dst, size_t cap) {
  size_t i = 0;
  for (; src[i] && i + 1 < cap; i++) dst[i] = (char16_t)(unsigned char)src[i];
  dst[i] = 0;
}

static int find_instrument(const char16_t *ticker, const char16_t *exchange) {
  for (int i = 0; i < N_INSTRUMENTS; i++)
    if (u16eq(g_instr[i].ticker, ticker) && u16eq(g_instr[i].exchange, exchange)) return i;
  return -1;
}

/* SplitMix64 seeds a xoshiro256** stream per instrument, keyed by (seed, ticker/exchange), so adding an
   instrument never perturbs another one's stream. */
static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static double next_unit(uint64_t s[4]) {
  uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return (double)(result >> 11) * 0x1.0p-53;
}

static uint64_t fnv1a(const char *a, const char *b) {
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  for (const char *p = a; *p; p++) h = (h ^ (unsigned char)*p) * UINT64_C(0x100000001b3);
  h = (h ^ '/') * UINT64_C(0x100000001b3);
  for (const char *p = b; *p; p++) h = (h ^ (unsigned char)*p) * UINT64_C(0x100000001b3);
  return h;
}

static int64_t exp_delay_us(uint64_t rng[4]) {
  return (int64_t)(-g_session.mean_ms * 1000.0 * log1p(-next_unit(rng)));
}

static double price_of(int i, int64_t ticks) {
  return (double)(ticks * SPECS[i].tick_units) / (double)SPECS[i].scale;
}

/* ---------------------------------------------------------------- queue (binary heap on due time, then FIFO) */

static int before(const Event *a, const Event *b) {
  return a->due_us < b->due_us || (a->due_us == b->due_us && a->seq < b->seq);
}

static NResult enqueue(Event ev) {
  if (g_heap_n == g_heap_cap) {
    size_t cap = g_heap_cap ? g_heap_cap * 2 : 64;
    Event *h = realloc(g_heap, cap * sizeof *h);
    if (!h) return NL_INTERNAL_ERROR;
    g_heap = h;
    g_heap_cap = cap;
  }
  ev.seq = g_seq++;
  size_t i = g_heap_n++;
  while (i > 0 && before(&ev, &g_heap[(i - 1) / 2])) {
    g_heap[i] = g_heap[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  g_heap[i] = ev;
  if (g_heap_n > g_stats.high_water) g_stats.high_water = g_heap_n;
  pthread_cond_signal(&g_wake);
  return NL_OK;
}

static Event dequeue(void) {
  Event top = g_heap[0], last = g_heap[--g_heap_n];
  size_t i = 0;
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= g_heap_n) break;
    if (c + 1 < g_heap_n && before(&g_heap[c + 1], &g_heap[c])) c++;
    if (!before(&g_heap[c], &last)) break;
    g_heap[i] = g_heap[c];
    i = c;
  }
  if (g_heap_n) g_heap[i] = last;
  return top;
}

static void free_event(Event *ev) {
  free(ev->ticker);
  free(ev->exchange);
}

static NResult enqueue_state(int64_t due_us, int32_t type, int32_t result, int raises_market) {
  Event ev = {.due_us = due_us, .kind = EV_STATE, .type = type, .result = result,
              .raises_market = raises_market, .market_epoch = g_market_epoch};
  return enqueue(ev);
}

static NResult schedule_tick(int i, int64_t due_us) {
  Event ev = {.due_us = due_us, .kind = EV_TICK, .instrument = i, .gen = g_instr[i].gen};
  return enqueue(ev);
}

static void drop_subscriptions(void) {
  for (int i = 0; i < N_INSTRUMENTS; i++) {
    g_instr[i].subscribed = 0;
    g_instr[i].gen++;
  }
}

/* ---------------------------------------------------------------- dispatcher */

/* Called with g_mu held; releases it around the client's callback. */
static void deliver_trade(Instrument *in, uint32_t flags) {
  TConnectorTradeCallback cb = g_trade_cb;
  if (!cb) return;
  g_current_trade_valid = 1;
  g_delivering = 1;
  pthread_mutex_unlock(&g_mu);
  cb(&in->asset, &g_current_trade, flags);
  pthread_mutex_lock(&g_mu);
  g_delivering = 0;
  g_current_trade_valid = 0;
  g_stats.callbacks++;
  g_stats.trades++;
}

static void fill_trade(int i, int64_t due_us, uint32_t number, double price, int64_t qty, int32_t buy_agent,
                       int32_t sell_agent, uint8_t type) {
  TConnectorTrade *t = &g_current_trade;
  memset(t, 0, sizeof *t);
  to_system_time(g_epoch_us + due_us, &t->TradeDate);
  t->TradeNumber = number;
  t->Price = price;
  t->Quantity = qty;
  t->Volume = price * (double)qty * SPECS[i].multiplier;
  t->BuyAgent = buy_agent;
  t->SellAgent = sell_agent;
  t->TradeType = type;
}

static void walk_step(int i, int64_t due_us) {
  Instrument *in = &g_instr[i];
  /* Fixed number of draws per step keeps the stream aligned whatever the outcome. */
  double u_move = next_unit(in->rng), u_side = next_unit(in->rng), u_qty = next_unit(in->rng);
  double u_buy = next_unit(in->rng), u_sell = next_unit(in->rng);
  int move = u_move < 0.3 ? -1 : u_move < 0.6 ? 1 : 0;
  if (in->ticks + move < 1) move = 1;
  in->ticks += move;
  uint8_t type = move > 0 ? 2 : move < 0 ? 3 : (u_side < 0.5 ? 2 : 3);
  int64_t k = 1 + (int64_t)floor(log1p(-u_qty) / log(0.5));
  if (k > 20) k = 20;
  in->trade_number++;
  fill_trade(i, due_us, in->trade_number, price_of(i, in->ticks), SPECS[i].lot * k, AGENTS[(int)(u_buy * N_AGENTS)],
             AGENTS[(int)(u_sell * N_AGENTS)], type);
  schedule_tick(i, due_us + exp_delay_us(in->rng));
}

static void deliver(Event *ev) {
  switch (ev->kind) {
    case EV_STATE: {
      if (ev->raises_market) {
        if (ev->market_epoch != g_market_epoch) return;
        g_market_up = 1;
      }
      TStateCallback cb = g_state_cb;
      if (!cb) return;
      g_delivering = 1;
      pthread_mutex_unlock(&g_mu);
      cb(ev->type, ev->result);
      pthread_mutex_lock(&g_mu);
      g_delivering = 0;
      g_stats.callbacks++;
      return;
    }
    case EV_TICK: {
      Instrument *in = &g_instr[ev->instrument];
      if (!in->subscribed || in->gen != ev->gen || !g_market_up) return;
      walk_step(ev->instrument, ev->due_us);
      deliver_trade(in, 0);
      return;
    }
    case EV_PUSHED_TRADE: {
      int i = ev->instrument;
      Instrument *in = &g_instr[i];
      if (!in->subscribed || !g_market_up) return;
      int64_t ticks = llround(ev->price * SPECS[i].scale / SPECS[i].tick_units);
      uint8_t type = ticks > in->ticks ? 2 : ticks < in->ticks ? 3 : 32;
      in->ticks = ticks > 0 ? ticks : 1;
      /* An edit corrects the latest trade, so it keeps that trade's number. */
      if (!(ev->flags & TC_IS_EDIT) || in->trade_number == 0) in->trade_number++;
      fill_trade(i, ev->due_us, in->trade_number, ev->price, ev->quantity, 0, 0, type);
      deliver_trade(in, ev->flags);
      return;
    }
    case EV_INVALID_TICKER: {
      TInvalidTickerCallback cb = g_invalid_ticker_cb;
      if (!cb) return;
      TConnectorAssetIdentifier asset = {.Version = 0, .Ticker = ev->ticker, .Exchange = ev->exchange};
      g_delivering = 1;
      pthread_mutex_unlock(&g_mu);
      cb(&asset);
      pthread_mutex_lock(&g_mu);
      g_delivering = 0;
      g_stats.callbacks++;
      return;
    }
  }
}

static void *dispatcher_main(void *arg) {
  (void)arg;
  pthread_mutex_lock(&g_mu);
  while (g_phase == PHASE_RUNNING) {
    if (g_heap_n == 0) {
      pthread_cond_broadcast(&g_idle);
      pthread_cond_wait(&g_wake, &g_mu);
      continue;
    }
    int64_t wait_us = g_heap[0].due_us - now_us();
    if (wait_us > 0) {
      pthread_cond_broadcast(&g_idle);
      if (g_session.virtual_clock) {
        pthread_cond_wait(&g_wake, &g_mu);
      } else {
        int64_t deadline = clock_us(CLOCK_MONOTONIC) + (int64_t)((double)wait_us / g_session.speed) + 1;
        struct timespec ts = {.tv_sec = deadline / 1000000, .tv_nsec = (deadline % 1000000) * 1000};
        pthread_cond_timedwait(&g_wake, &g_mu, &ts);
      }
      continue;
    }
    Event ev = dequeue();
    deliver(&ev);
    free_event(&ev);
    pthread_cond_broadcast(&g_idle);
  }
  pthread_cond_broadcast(&g_idle);
  pthread_mutex_unlock(&g_mu);
  return NULL;
}

/* ---------------------------------------------------------------- init / finalize */

static void init_conds(void) {
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&g_wake, &attr);
  pthread_condattr_destroy(&attr);
  pthread_cond_init(&g_idle, NULL);
}

static void reset_instruments(void) {
  for (int i = 0; i < N_INSTRUMENTS; i++) {
    Instrument *in = &g_instr[i];
    memset(in, 0, sizeof *in);
    ascii_to_u16(SPECS[i].ticker, in->ticker, sizeof in->ticker / sizeof in->ticker[0]);
    ascii_to_u16(SPECS[i].exchange, in->exchange, sizeof in->exchange / sizeof in->exchange[0]);
    in->asset.Version = 0;
    in->asset.Ticker = in->ticker;
    in->asset.Exchange = in->exchange;
    uint64_t x = g_session.seed ^ fnv1a(SPECS[i].ticker, SPECS[i].exchange);
    for (int k = 0; k < 4; k++) in->rng[k] = splitmix64(&x);
    in->ticks = SPECS[i].start_ticks;
  }
}

static void clear_queue(void) {
  for (size_t i = 0; i < g_heap_n; i++) free_event(&g_heap[i]);
  g_heap_n = 0;
}

/* §12.4 timeline; all delays collapse to zero on the virtual clock so start-up needs no Sim_Advance. */
static const struct {
  int32_t delay_ms, type, result;
  int routing_only, raises_market;
} STARTUP[] = {
    {20, 0, 0, 0, 0},  {40, 3, 0, 0, 0},  {60, 2, 1, 0, 0},  {60, 1, 1, 1, 0},  {80, 2, 2, 0, 0},
    {100, 1, 2, 1, 0}, {120, 2, 4, 0, 1}, {140, 1, 4, 1, 0}, {180, 1, 5, 1, 0},
};

static NResult schedule_startup(void) {
  int64_t scale = g_session.virtual_clock ? 0 : 1000;
  NResult r = NL_OK;
  if (g_session.login_result != 0) return enqueue_state(20 * scale, 0, g_session.login_result, 0);
  if (g_session.activation_result != 0) {
    r = enqueue_state(20 * scale, 0, 0, 0);
    return r < 0 ? r : enqueue_state(40 * scale, 3, g_session.activation_result, 0);
  }
  for (size_t i = 0; i < sizeof STARTUP / sizeof STARTUP[0] && r == NL_OK; i++) {
    if (STARTUP[i].routing_only && !g_routing) continue;
    r = enqueue_state(STARTUP[i].delay_ms * scale, STARTUP[i].type, STARTUP[i].result, STARTUP[i].raises_market);
  }
  return r;
}

static NResult initialize(const char16_t *key, const char16_t *user, const char16_t *password, TStateCallback state,
                          int routing) {
  if (!key || !*key) return NL_INVALID_ARGS;
  if (!user || !*user) return NL_NO_USER;
  if (!password || !*password) return NL_NO_PASSWORD;
  if (!state) return NL_INVALID_ARGS;
  pthread_once(&g_once, init_conds);
  pthread_mutex_lock(&g_mu);
  if (g_phase != PHASE_IDLE) {
    pthread_mutex_unlock(&g_mu);
    return NL_DUPLICATE_RESOURCE;
  }
  g_session = g_cfg;
  g_cfg.login_result = 0; /* start-up outcomes are one-shot */
  g_cfg.activation_result = 0;
  g_routing = routing;
  g_market_up = 0;
  g_market_epoch = 0;
  g_vnow_us = 0;
  g_mono0_us = clock_us(CLOCK_MONOTONIC);
  g_epoch_us = g_session.virtual_clock ? VIRTUAL_EPOCH_US : clock_us(CLOCK_REALTIME);
  g_state_cb = state;
  reset_instruments();
  NResult r = schedule_startup();
  g_phase = PHASE_RUNNING;
  if (r == NL_OK && pthread_create(&g_thread, NULL, dispatcher_main, NULL) != 0) r = NL_INTERNAL_ERROR;
  if (r != NL_OK) {
    clear_queue();
    g_state_cb = NULL;
    g_phase = PHASE_IDLE;
  } else {
    g_stats.sessions++;
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

PDLL_API NResult DLLInitializeLogin(const char16_t *key, const char16_t *user, const char16_t *password,
                                    TStateCallback state, TUnusedCallback history, TUnusedCallback orderChange,
                                    TUnusedCallback account, TUnusedCallback newTrade, TUnusedCallback newDaily,
                                    TUnusedCallback priceBook, TUnusedCallback offerBook, TUnusedCallback historyTrade,
                                    TUnusedCallback progress, TUnusedCallback tinyBook) {
  (void)history, (void)orderChange, (void)account, (void)newTrade, (void)newDaily, (void)priceBook;
  (void)offerBook, (void)historyTrade, (void)progress, (void)tinyBook;
  return initialize(key, user, password, state, 1);
}

PDLL_API NResult DLLInitializeMarketLogin(const char16_t *key, const char16_t *user, const char16_t *password,
                                          TStateCallback state, TUnusedCallback newTrade, TUnusedCallback newDaily,
                                          TUnusedCallback priceBook, TUnusedCallback offerBook,
                                          TUnusedCallback historyTrade, TUnusedCallback progress,
                                          TUnusedCallback tinyBook) {
  (void)newTrade, (void)newDaily, (void)priceBook, (void)offerBook, (void)historyTrade, (void)progress;
  (void)tinyBook;
  return initialize(key, user, password, state, 0);
}

PDLL_API NResult DLLFinalize(void) {
  pthread_mutex_lock(&g_mu);
  if (g_phase != PHASE_RUNNING) {
    pthread_mutex_unlock(&g_mu);
    return NL_NOT_INITIALIZED;
  }
  if (pthread_equal(pthread_self(), g_thread)) { /* from inside a callback: joining ourselves would hang */
    pthread_mutex_unlock(&g_mu);
    return NL_INTERNAL_ERROR;
  }
  g_phase = PHASE_STOPPING;
  pthread_cond_broadcast(&g_wake);
  pthread_cond_broadcast(&g_idle);
  pthread_mutex_unlock(&g_mu);

  pthread_join(g_thread, NULL); /* after this no callback can fire */

  pthread_mutex_lock(&g_mu);
  clear_queue();
  drop_subscriptions();
  g_market_up = 0;
  g_state_cb = NULL;
  g_trade_cb = NULL;
  g_invalid_ticker_cb = NULL;
  g_phase = PHASE_IDLE;
  pthread_mutex_unlock(&g_mu);
  return NL_OK;
}

/* ---------------------------------------------------------------- callback registry and requests */

PDLL_API NResult SetStateCallback(TStateCallback cb) {
  pthread_mutex_lock(&g_mu);
  g_state_cb = cb;
  pthread_mutex_unlock(&g_mu);
  return NL_OK;
}

PDLL_API NResult SetTradeCallbackV2(TConnectorTradeCallback cb) {
  pthread_mutex_lock(&g_mu);
  g_trade_cb = cb;
  pthread_mutex_unlock(&g_mu);
  return NL_OK;
}

PDLL_API NResult SetInvalidTickerCallback(TInvalidTickerCallback cb) {
  pthread_mutex_lock(&g_mu);
  g_invalid_ticker_cb = cb;
  pthread_mutex_unlock(&g_mu);
  return NL_OK;
}

PDLL_API NResult TranslateTrade(const void *a_pTrade, TConnectorTrade *a_Trade) {
  if (!a_pTrade || !a_Trade) return NL_INVALID_ARGS;
  if (a_Trade->Version != 0) return NL_VERSION_NOT_SUPPORTED;
  pthread_mutex_lock(&g_mu);
  NResult r = NL_INVALID_ARGS; /* the pointer is only valid while its callback runs */
  if (g_current_trade_valid && a_pTrade == (const void *)&g_current_trade) {
    *a_Trade = g_current_trade;
    r = NL_OK;
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

PDLL_API NResult SubscribeTicker(const char16_t *ticker, const char16_t *exchange) {
  if (!ticker || !exchange || !*ticker || !*exchange) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  NResult r = NL_OK;
  int i = -1;
  if (g_phase != PHASE_RUNNING) {
    r = NL_NOT_INITIALIZED;
  } else if ((i = find_instrument(ticker, exchange)) < 0) {
    Event ev = {.due_us = now_us(), .kind = EV_INVALID_TICKER, .ticker = u16dup(ticker), .exchange = u16dup(exchange)};
    r = ev.ticker && ev.exchange ? enqueue(ev) : NL_INTERNAL_ERROR;
    if (r != NL_OK) free_event(&ev);
  } else if (!g_market_up) {
    /* Accepted but lost, like a subscription issued before the feed is up: the client must re-issue. */
    g_stats.dropped_subscriptions++;
  } else if (!g_instr[i].subscribed) {
    g_instr[i].subscribed = 1;
    g_instr[i].gen++;
    r = schedule_tick(i, now_us() + exp_delay_us(g_instr[i].rng));
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

PDLL_API NResult UnsubscribeTicker(const char16_t *ticker, const char16_t *exchange) {
  if (!ticker || !exchange || !*ticker || !*exchange) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  NResult r = NL_OK;
  int i;
  if (g_phase != PHASE_RUNNING) {
    r = NL_NOT_INITIALIZED;
  } else if ((i = find_instrument(ticker, exchange)) >= 0) {
    g_instr[i].subscribed = 0;
    g_instr[i].gen++;
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

PDLL_API NResult GetServerClock(double *dtDate, int32_t *nYear, int32_t *nMonth, int32_t *nDay, int32_t *nHour,
                                int32_t *nMin, int32_t *nSec, int32_t *nMilisec) {
  if (!dtDate || !nYear || !nMonth || !nDay || !nHour || !nMin || !nSec || !nMilisec) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  if (g_phase != PHASE_RUNNING) {
    pthread_mutex_unlock(&g_mu);
    return NL_NOT_INITIALIZED;
  }
  int64_t utc_us = g_epoch_us + now_us();
  pthread_mutex_unlock(&g_mu);
  TSystemTime st;
  to_system_time(utc_us, &st);
  /* TDateTime: days since 1899-12-30 (25569 days before the Unix epoch), in local time. */
  *dtDate = (double)((utc_us + SAO_PAULO_OFFSET_US) / 1000) / 86400000.0 + 25569.0;
  *nYear = st.wYear, *nMonth = st.wMonth, *nDay = st.wDay;
  *nHour = st.wHour, *nMin = st.wMinute, *nSec = st.wSecond, *nMilisec = st.wMilliseconds;
  return NL_OK;
}

/* ---------------------------------------------------------------- simulator controls */

PDLL_API NResult Sim_SetSeed(uint64_t seed) {
  pthread_mutex_lock(&g_mu);
  g_cfg.seed = seed;
  pthread_mutex_unlock(&g_mu);
  return NL_OK;
}

PDLL_API NResult Sim_SetClockMode(int32_t mode, double speed) {
  if (mode != 0 && mode != 1) return NL_INVALID_ARGS;
  if (mode == 0 && !(speed > 0 && isfinite(speed))) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  g_cfg.virtual_clock = mode;
  g_cfg.speed = mode == 0 ? speed : 1.0;
  pthread_mutex_unlock(&g_mu);
  return NL_OK;
}

PDLL_API NResult Sim_SetMeanInterArrival(double ms) {
  if (!(ms > 0 && isfinite(ms))) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  g_cfg.mean_ms = ms;
  pthread_mutex_unlock(&g_mu);
  return NL_OK;
}

PDLL_API NResult Sim_SetNextStartup(int32_t loginResult, int32_t activationResult) {
  if (loginResult < 0 || activationResult < 0) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  g_cfg.login_result = loginResult;
  g_cfg.activation_result = activationResult;
  pthread_mutex_unlock(&g_mu);
  return NL_OK;
}

PDLL_API NResult Sim_Advance(int64_t ms) {
  if (ms < 0) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  NResult r = NL_OK;
  if (g_phase != PHASE_RUNNING) {
    r = NL_NOT_INITIALIZED;
  } else if (!g_session.virtual_clock || pthread_equal(pthread_self(), g_thread)) {
    r = NL_INVALID_ARGS;
  } else {
    g_vnow_us += ms * 1000;
    pthread_cond_broadcast(&g_wake);
    while (g_phase == PHASE_RUNNING && (g_delivering || (g_heap_n > 0 && g_heap[0].due_us <= g_vnow_us)))
      pthread_cond_wait(&g_idle, &g_mu);
    if (g_phase != PHASE_RUNNING) r = NL_NOT_INITIALIZED;
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

PDLL_API NResult Sim_PushTrade(const char16_t *ticker, const char16_t *exchange, double price, int64_t quantity,
                               int32_t flags) {
  if (!ticker || !exchange || !(price > 0 && isfinite(price)) || quantity <= 0 || flags < 0) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  NResult r;
  int i;
  if (g_phase != PHASE_RUNNING) {
    r = NL_NOT_INITIALIZED;
  } else if ((i = find_instrument(ticker, exchange)) < 0) {
    r = NL_INVALID_TICKER;
  } else {
    Event ev = {.due_us = now_us(), .kind = EV_PUSHED_TRADE, .instrument = i, .price = price,
                .quantity = quantity, .flags = (uint32_t)flags};
    r = enqueue(ev);
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

PDLL_API NResult Sim_InjectState(int32_t type, int32_t result) {
  pthread_mutex_lock(&g_mu);
  NResult r = g_phase == PHASE_RUNNING ? enqueue_state(now_us(), type, result, 0) : NL_NOT_INITIALIZED;
  pthread_mutex_unlock(&g_mu);
  return r;
}

/* Drops a channel now and brings it back after downMs (-1 = stays down); market subscriptions die with the link. */
PDLL_API NResult Sim_Disconnect(int32_t channel, int64_t downMs) {
  if ((channel != 1 && channel != 2) || downMs < -1) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  NResult r = NL_OK;
  int64_t now = g_phase == PHASE_RUNNING ? now_us() : 0, back = now + downMs * 1000;
  int64_t gap = g_session.virtual_clock ? 0 : RECONNECT_GAP_US;
  if (g_phase != PHASE_RUNNING) {
    r = NL_NOT_INITIALIZED;
  } else if (channel == 2) {
    g_market_up = 0;
    g_market_epoch++;
    drop_subscriptions();
    r = enqueue_state(now, 2, 0, 0);
    if (r == NL_OK && downMs >= 0) r = enqueue_state(back, 2, 1, 0);
    if (r == NL_OK && downMs >= 0) r = enqueue_state(back + gap, 2, 4, 1);
  } else if (!g_routing) {
    r = NL_MARKET_ONLY;
  } else {
    r = enqueue_state(now, 1, 3, 0);
    if (r == NL_OK && downMs >= 0) r = enqueue_state(back, 1, 4, 0);
    if (r == NL_OK && downMs >= 0) r = enqueue_state(back + gap, 1, 5, 0);
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

PDLL_API int32_t Sim_GetStats(char *buf, int32_t len) {
  if (!buf || len <= 0) return NL_INVALID_ARGS;
  static const char *const PHASES[] = {"idle", "running", "stopping"};
  pthread_mutex_lock(&g_mu);
  int n = snprintf(buf, (size_t)len,
                   "{\"phase\":\"%s\",\"sessions\":%llu,\"callbacks\":%llu,\"trades\":%llu,\"queueDepth\":%llu,"
                   "\"queueHighWater\":%llu,\"droppedSubscriptions\":%llu,\"virtualNowMs\":%lld}",
                   PHASES[g_phase], (unsigned long long)g_stats.sessions, (unsigned long long)g_stats.callbacks,
                   (unsigned long long)g_stats.trades, (unsigned long long)g_heap_n,
                   (unsigned long long)g_stats.high_water, (unsigned long long)g_stats.dropped_subscriptions,
                   (long long)(g_vnow_us / 1000));
  pthread_mutex_unlock(&g_mu);
  return n < len ? n : NL_OUT_OF_RANGE;
}

PDLL_API NResult Sim_Reset(void) {
  pthread_mutex_lock(&g_mu);
  NResult r = NL_INVALID_ARGS; /* only between sessions */
  if (g_phase == PHASE_IDLE) {
    g_cfg = (Settings)DEFAULT_SETTINGS;
    memset(&g_stats, 0, sizeof g_stats);
    g_state_cb = NULL;
    g_trade_cb = NULL;
    g_invalid_ticker_cb = NULL;
    r = NL_OK;
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}
