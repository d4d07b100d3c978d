/*
 * ProfitDLL simulator core: one dispatcher thread (the DLL's ConnectorThread) drains a time-ordered FIFO and is
 * the only thread that ever invokes a client callback (ABI.md §12.3). Request functions only enqueue. The
 * client's callbacks run with the lock released, so accessors (TranslateTrade, GetPriceGroup, GetOrderDetails)
 * and requests from other threads never wait on a callback in flight.
 */
#define _GNU_SOURCE
#include "sim_internal.h"

/* ---------------------------------------------------------------- instruments */

const InstrumentSpec SPECS[N_INSTRUMENTS] = {
    {"WINZ26", "F", 25000, 5, 1, 1, 0.2, 412873},
    {"WDOZ26", "F", 10000, 5, 10, 1, 10.0, 298114},
    {"PETR4", "B", 3800, 1, 100, 100, 1.0, 0},
    {"VALE3", "B", 6150, 1, 100, 100, 1.0, 0},
};

const int32_t AGENTS[N_AGENTS] = {3, 8, 13, 15, 27, 39, 45, 72, 85, 120, 127, 308};

/* ---------------------------------------------------------------- global state */

#define DEFAULT_SETTINGS {1, 0, 1.0, 200.0, 0, 0} /* seed 1, wall clock at 1x, 200 ms between trades */
#define RECONNECT_GAP_US (20 * 1000)
#define DEFAULT_QUEUE_THRESHOLD 100000

pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static pthread_cond_t g_wake; /* wakes the dispatcher (CLOCK_MONOTONIC) */
static pthread_cond_t g_idle; /* wakes Sim_Advance */
pthread_t g_thread;

Phase g_phase = PHASE_IDLE;
static Settings g_cfg = DEFAULT_SETTINGS;
Settings g_session;
int g_routing;
int32_t g_routing_state;
int g_market_up;
static int32_t g_market_epoch;
static int g_delivering;

static TStateCallback g_state_cb;
static TConnectorTradeCallback g_trade_cb;
static TInvalidTickerCallback g_invalid_ticker_cb;

Instrument g_instr[N_INSTRUMENTS];
TConnectorTrade g_current_trade;
int g_current_trade_valid;

static Event *g_heap;
size_t g_heap_n;
static size_t g_heap_cap;
static uint64_t g_seq;

static int64_t g_mono0_us, g_vnow_us;
int64_t g_epoch_us;
int64_t g_event_us;

Stats g_stats;
Knobs g_knobs = DEFAULT_KNOBS;

/* callback delay (slow ConnectorThread) and back-pressure */
static int64_t g_cb_delay_us, g_cb_jitter_us;
static uint64_t g_jitter_rng[4];
static int64_t g_queue_threshold = DEFAULT_QUEUE_THRESHOLD;
static int g_back_pressure;

/* reentrancy detector (§12.3) and injected failures */
static atomic_int g_cb_depth;
static atomic_ullong g_cb_seq; /* callbacks begun */
static _Thread_local int t_dispatcher; /* set on the dispatcher thread (thread ids are reused after a join) */
static atomic_ullong g_reentrancy;

typedef struct {
  const char *name;
  int32_t code;
  int32_t n;
} FailEntry;

static FailEntry g_fail[] = {
    {"SendOrder", 0, 0},           {"SendChangeOrderV2", 0, 0},     {"SendCancelOrderV2", 0, 0},
    {"SendCancelOrdersV2", 0, 0},  {"SendCancelAllOrdersV2", 0, 0}, {"SendZeroPositionV2", 0, 0},
    {"SubscribeTicker", 0, 0},     {"UnsubscribeTicker", 0, 0},     {"SubscribePriceDepth", 0, 0},
    {"UnsubscribePriceDepth", 0, 0}, {"GetHistoryTrades", 0, 0},    {"GetOrderDetails", 0, 0},
    {"GetPositionV2", 0, 0},       {"GetAccountDetails", 0, 0},     {"GetAccountCount", 0, 0},
    {"GetAccounts", 0, 0},         {"HasOrdersInInterval", 0, 0},   {"EnumerateAllOrders", 0, 0},
    {"EnumerateOrdersByInterval", 0, 0}, {"EnumerateAllPositionAssets", 0, 0}, {"GetPriceGroup", 0, 0},
    {"GetPriceDepthSideCount", 0, 0}, {"GetTheoreticalValues", 0, 0}, {"TranslateTrade", 0, 0},
    {"GetServerClock", 0, 0},      {"DLLInitializeLogin", 0, 0},    {"DLLInitializeMarketLogin", 0, 0},
    {"DLLFinalize", 0, 0},
};
#define N_FAIL ((int)(sizeof g_fail / sizeof g_fail[0]))
static atomic_int g_fail_armed; /* fast path: number of entries with n > 0 */

/* ---------------------------------------------------------------- helpers */

static int64_t clock_us(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t sim_now_us(void) {
  if (g_session.virtual_clock) return g_vnow_us;
  return (int64_t)((double)(clock_us(CLOCK_MONOTONIC) - g_mono0_us) * g_session.speed);
}

void sim_local_ms_to_system_time(int64_t local_ms, TSystemTime *st) {
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

void sim_to_system_time(int64_t utc_us, TSystemTime *st) {
  sim_local_ms_to_system_time((utc_us + SAO_PAULO_OFFSET_US) / 1000, st);
}

void sim_format_system_time(const TSystemTime *st, char16_t *buf) {
  char tmp[48];
  snprintf(tmp, sizeof tmp, "%02u/%02u/%04u %02u:%02u:%02u.%03u", st->wDay, st->wMonth, st->wYear, st->wHour,
           st->wMinute, st->wSecond, st->wMilliseconds);
  ascii_to_u16(tmp, buf, 24);
}

size_t u16len(const char16_t *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}

char16_t *u16dup(const char16_t *s) {
  size_t n = u16len(s) + 1;
  char16_t *d = malloc(n * sizeof *d);
  if (d) memcpy(d, s, n * sizeof *d);
  return d;
}

int u16eq(const char16_t *a, const char16_t *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

void u16copy(char16_t *dst, size_t cap, const char16_t *src) {
  size_t i = 0;
  if (src)
    for (; src[i] && i + 1 < cap; i++) dst[i] = src[i];
  dst[i] = 0;
}

void ascii_to_u16(const char *src, char16_t *dst, size_t cap) {
  size_t i = 0;
  for (; src[i] && i + 1 < cap; i++) dst[i] = (char16_t)(unsigned char)src[i];
  dst[i] = 0;
}

int find_instrument(const char16_t *ticker, const char16_t *exchange) {
  if (!ticker || !exchange) return -1;
  for (int i = 0; i < N_INSTRUMENTS; i++)
    if (u16eq(g_instr[i].ticker, ticker) && u16eq(g_instr[i].exchange, exchange)) return i;
  return -1;
}

/* SplitMix64 seeds a xoshiro256** stream per purpose, keyed by (seed, ticker/exchange[, purpose]), so adding an
   instrument or a feature never perturbs another stream. */
uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

void seed_stream(uint64_t s[4], uint64_t key) {
  for (int k = 0; k < 4; k++) s[k] = splitmix64(&key);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

double next_unit(uint64_t s[4]) {
  uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return (double)(result >> 11) * 0x1.0p-53;
}

uint64_t fnv1a(const char *a, const char *b) {
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  for (const char *p = a; *p; p++) h = (h ^ (unsigned char)*p) * UINT64_C(0x100000001b3);
  h = (h ^ '/') * UINT64_C(0x100000001b3);
  for (const char *p = b; *p; p++) h = (h ^ (unsigned char)*p) * UINT64_C(0x100000001b3);
  return h;
}

static int64_t exp_delay_us(uint64_t rng[4]) {
  return (int64_t)(-g_session.mean_ms * 1000.0 * log1p(-next_unit(rng)));
}

double price_of(int i, int64_t ticks) {
  return (double)(ticks * SPECS[i].tick_units) / (double)SPECS[i].scale;
}

int64_t ticks_of(int i, double price) {
  return llround(price * SPECS[i].scale / SPECS[i].tick_units);
}

/* ---------------------------------------------------------------- queue (binary heap on due time, then FIFO) */

static int before(const Event *a, const Event *b) {
  return a->due_us < b->due_us || (a->due_us == b->due_us && a->seq < b->seq);
}

void *sim_grow(void *items, size_t *cap, size_t used, size_t elem) {
  if (used < *cap) return items;
  size_t next = *cap ? *cap * 2 : 64;
  void *grown = realloc(items, next * elem);
  if (grown) *cap = next;
  return grown;
}

NResult sim_enqueue(Event ev) {
  Event *heap = sim_grow(g_heap, &g_heap_cap, g_heap_n, sizeof *g_heap);
  if (!heap) return NL_INTERNAL_ERROR;
  g_heap = heap;
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
  if (ev->kind == EV_HISTORY && ev->ptr) hist_free(ev->ptr);
  ev->ticker = ev->exchange = NULL;
  ev->ptr = NULL;
}

static NResult enqueue_state(int64_t due_us, int32_t type, int32_t result, int raises_market) {
  Event ev = {.due_us = due_us, .kind = EV_STATE, .type = type, .result = result,
              .raises_market = raises_market, .market_epoch = g_market_epoch};
  return sim_enqueue(ev);
}

static NResult schedule_tick(int i, int64_t due_us) {
  Event ev = {.due_us = due_us, .kind = EV_TICK, .instrument = i, .gen = g_instr[i].gen};
  g_instr[i].next_due_us = due_us;
  return sim_enqueue(ev);
}

/* Starts the instrument's tick chain if neither subscription had it running. For a ticker-only client this is
   exactly the original draw sequence (golden stream). */
static NResult instrument_activate(int i) {
  Instrument *in = &g_instr[i];
  if (in->ticking) return NL_OK;
  in->gen++;
  in->ticking = 1;
  return schedule_tick(i, sim_now_us() + exp_delay_us(in->rng));
}

static void instrument_maybe_stop(int i) {
  Instrument *in = &g_instr[i];
  if (in->subscribed || in->depth_subscribed) return;
  in->gen++;
  in->ticking = 0;
}

/* Ticker subscriptions die with the market link; depth subscriptions survive it (a full book follows the
   reconnect), but their tick chain stops too. */
static void drop_subscriptions(void) {
  for (int i = 0; i < N_INSTRUMENTS; i++) {
    g_instr[i].subscribed = 0;
    g_instr[i].gen++;
    g_instr[i].ticking = 0;
  }
}

/* ---------------------------------------------------------------- callbacks, reentrancy, injected failures */

void sim_cb_begin(void) {
  int64_t sleep_us = g_cb_delay_us;
  if (g_cb_jitter_us > 0) sleep_us += (int64_t)(next_unit(g_jitter_rng) * (double)(g_cb_jitter_us + 1));
  g_delivering = 1;
  atomic_fetch_add(&g_cb_seq, 1);
  atomic_fetch_add(&g_cb_depth, 1);
  pthread_mutex_unlock(&g_mu);
  if (sleep_us > 0) {
    struct timespec ts = {.tv_sec = sleep_us / 1000000, .tv_nsec = (long)(sleep_us % 1000000) * 1000};
    while (nanosleep(&ts, &ts) != 0) {
    }
  }
}

void sim_cb_end(void) {
  pthread_mutex_lock(&g_mu);
  atomic_fetch_sub(&g_cb_depth, 1);
  g_delivering = 0;
  g_stats.callbacks++;
}

int sim_injected(const char *fn, NResult *code) {
  if (atomic_load_explicit(&g_fail_armed, memory_order_relaxed) == 0) return 0;
  int hit = 0;
  pthread_mutex_lock(&g_mu);
  for (int k = 0; k < N_FAIL; k++) {
    if (g_fail[k].n > 0 && strcmp(g_fail[k].name, fn) == 0) {
      *code = g_fail[k].code;
      if (--g_fail[k].n == 0) atomic_fetch_sub(&g_fail_armed, 1);
      hit = 1;
      break;
    }
  }
  pthread_mutex_unlock(&g_mu);
  return hit;
}

int sim_request_begin(const char *fn, NResult *code, ReqScope *scope) {
  uint64_t seq = atomic_load(&g_cb_seq);
  int depth = atomic_load(&g_cb_depth);
  scope->seq = seq;
  scope->inside = 0;
  if (depth > 0 && t_dispatcher) atomic_fetch_add(&g_reentrancy, 1); /* from the callback's own thread */
  else if (depth > 0 && atomic_load(&g_cb_seq) == seq) scope->inside = 1;
  return sim_injected(fn, code);
}

void sim_request_end(const ReqScope *scope) {
  /* still inside the callback it began in: nested in it, as a koffi reentrant call is */
  if (scope->inside && atomic_load(&g_cb_depth) > 0 && atomic_load(&g_cb_seq) == scope->seq) atomic_fetch_add(&g_reentrancy, 1);
}

/* ---------------------------------------------------------------- dispatcher */

static void deliver_state_now(int32_t type, int32_t result) {
  TStateCallback cb = g_state_cb;
  if (!cb) return;
  sim_cb_begin();
  cb(type, result);
  sim_cb_end();
}

/* Called with g_mu held; releases it around the client's callback. */
static TNewTradeCallback g_trade_v1_cb;

SIM_CALLBACK_SETTER(SetTradeCallback, TNewTradeCallback, g_trade_v1_cb)

static void deliver_trade(Instrument *in, uint32_t flags) {
  TConnectorTradeCallback cb = g_trade_cb;
  TNewTradeCallback v1 = g_trade_v1_cb;
  if (!cb && !v1) return;
  if (cb) {
    g_current_trade_valid = 1;
    sim_cb_begin();
    cb(&in->asset, &g_current_trade, flags);
    sim_cb_end();
    g_current_trade_valid = 0;
  }
  if (v1) {
    const TConnectorTrade *t = &g_current_trade;
    TAssetIDRec rec = {.pwcTicker = in->ticker, .pwcBolsa = in->exchange, .nFeed = 0};
    char16_t date[24];
    sim_format_system_time(&t->TradeDate, date);
    sim_cb_begin();
    v1(&rec, date, t->TradeNumber, t->Price, t->Volume, (int32_t)t->Quantity, t->BuyAgent, t->SellAgent, t->TradeType,
       (uint16_t)((flags & TC_IS_EDIT) ? 1 : 0));
    sim_cb_end();
  }
  g_stats.trades++;
}

static void fill_trade(int i, int64_t due_us, uint32_t number, double price, int64_t qty, int32_t buy_agent,
                       int32_t sell_agent, uint8_t type) {
  TConnectorTrade *t = &g_current_trade;
  memset(t, 0, sizeof *t);
  sim_to_system_time(g_epoch_us + due_us, &t->TradeDate);
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

/* Everything that follows a printed trade: the trade and daily callbacks (ticker subscription), the book and
   its depth burst, resting orders the price crossed. */
static void after_trade(int i, uint32_t flags) {
  Instrument *in = &g_instr[i];
  int64_t qty = g_current_trade.Quantity;
  uint8_t type = g_current_trade.TradeType;
  daily_on_trade(i, &g_current_trade, flags);
  if (in->subscribed) {
    deliver_trade(in, flags);
    if (g_phase == PHASE_RUNNING && in->subscribed) daily_deliver(i);
  }
  if (flags & TC_IS_EDIT) return;
  book_on_trade(i, in->ticks, type, qty);
  book_publish(i);
  if (in->working_orders > 0) orders_on_trade(i);
}

static void deliver(Event *ev) {
  switch (ev->kind) {
    case EV_STATE: {
      if (ev->raises_market) {
        if (ev->market_epoch != g_market_epoch) return;
        g_market_up = 1;
      }
      if (ev->type == 1) g_routing_state = ev->result;
      deliver_state_now(ev->type, ev->result);
      if (ev->raises_market && g_market_up && ev->market_epoch == g_market_epoch) book_on_market_up();
      return;
    }
    case EV_TICK: {
      Instrument *in = &g_instr[ev->instrument];
      if (in->gen != ev->gen) return;
      if (!(in->subscribed || in->depth_subscribed) || !g_market_up) {
        in->ticking = 0;
        return;
      }
      walk_step(ev->instrument, ev->due_us);
      after_trade(ev->instrument, 0);
      return;
    }
    case EV_PUSHED_TRADE: {
      int i = ev->instrument;
      Instrument *in = &g_instr[i];
      if (!g_market_up) return;
      int64_t ticks = ticks_of(i, ev->price);
      uint8_t type = ticks > in->ticks ? 2 : ticks < in->ticks ? 3 : 32;
      in->ticks = ticks > 0 ? ticks : 1;
      /* An edit corrects the latest trade, so it keeps that trade's number. */
      if (!(ev->flags & TC_IS_EDIT) || in->trade_number == 0) in->trade_number++;
      fill_trade(i, ev->due_us, in->trade_number, ev->price, ev->quantity, 0, 0, type);
      after_trade(i, ev->flags);
      return;
    }
    case EV_INVALID_TICKER: {
      TInvalidTickerCallback cb = g_invalid_ticker_cb;
      if (!cb) return;
      TConnectorAssetIdentifier asset = {.Version = 0, .Ticker = ev->ticker, .Exchange = ev->exchange};
      sim_cb_begin();
      cb(&asset);
      sim_cb_end();
      return;
    }
    case EV_DEPTH_SNAPSHOT:
      book_deliver_snapshot(ev->instrument, ev->gen);
      return;
    case EV_HISTORY:
      hist_process(ev);
      return;
    case EV_ORDER:
      orders_process(ev);
      return;
    case EV_ACCOUNTS:
      orders_deliver_accounts();
      return;
    case EV_ORDER_HISTORY:
      orders_deliver_order_history();
      return;
  }
}

/* Pending work: queued events plus the trades the walk owes but has not printed yet (a tick chain is one
   queued event however far behind it runs). Wall clock only. */
static int64_t pending_estimate(int64_t now) {
  int64_t n = (int64_t)g_heap_n;
  double mean_us = g_session.mean_ms * 1000.0;
  for (int i = 0; i < N_INSTRUMENTS; i++) {
    const Instrument *in = &g_instr[i];
    if (in->ticking && now > in->next_due_us) n += (int64_t)((double)(now - in->next_due_us) / mean_us);
  }
  return n;
}

static void check_back_pressure(int64_t now) {
  if (g_session.virtual_clock || !g_market_up) return;
  int64_t pending = pending_estimate(now);
  if (!g_back_pressure && pending > g_queue_threshold) {
    g_back_pressure = 1;
    g_stats.back_pressure_events++;
    deliver_state_now(2, 6);
  } else if (g_back_pressure && pending < g_queue_threshold / 2) {
    g_back_pressure = 0;
    deliver_state_now(2, 4);
  }
}

static void *dispatcher_main(void *arg) {
  (void)arg;
  t_dispatcher = 1;
  pthread_mutex_lock(&g_mu);
  while (g_phase == PHASE_RUNNING) {
    if (!g_session.virtual_clock) {
      check_back_pressure(sim_now_us());
      if (g_phase != PHASE_RUNNING) break;
    }
    if (g_heap_n == 0) {
      pthread_cond_broadcast(&g_idle);
      pthread_cond_wait(&g_wake, &g_mu);
      continue;
    }
    int64_t now = sim_now_us();
    int64_t wait_us = g_heap[0].due_us - now;
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
    g_event_us = ev.due_us;
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

/*
 * The exchange numbers trades per instrument and day, not per DLL session: on the wall clock a new session of
 * the same process (a re-login after an outage) continues the walk and the numbering. The virtual clock starts
 * every session afresh so a seed replays byte for byte.
 */
static void reset_instruments(void);
static int g_instr_kept;
static uint64_t g_instr_seed;

static void start_instruments(void) {
  if (g_instr_kept && !g_session.virtual_clock && g_instr_seed == g_session.seed) {
    drop_subscriptions();
    return;
  }
  reset_instruments();
  g_instr_kept = !g_session.virtual_clock;
  g_instr_seed = g_session.seed;
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
  free(g_heap);
  g_heap = NULL;
  g_heap_cap = 0;
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
  if (r == NL_OK && g_routing) {
    Event accounts = {.due_us = 200 * scale, .kind = EV_ACCOUNTS};
    Event history = {.due_us = 220 * scale, .kind = EV_ORDER_HISTORY};
    r = sim_enqueue(accounts);
    if (r == NL_OK) r = sim_enqueue(history);
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
  g_routing_state = 0;
  g_market_up = 0;
  g_market_epoch = 0;
  g_back_pressure = 0;
  g_vnow_us = 0;
  g_mono0_us = clock_us(CLOCK_MONOTONIC);
  g_epoch_us = g_session.virtual_clock ? VIRTUAL_EPOCH_US : clock_us(CLOCK_REALTIME);
  g_state_cb = state;
  seed_stream(g_jitter_rng, g_session.seed ^ UINT64_C(0x6a177e5a11ce0001));
  start_instruments();
  book_reset_all();
  orders_session_start();
  NResult r = schedule_startup();
  g_phase = PHASE_RUNNING;
  if (r == NL_OK && pthread_create(&g_thread, NULL, dispatcher_main, NULL) != 0) r = NL_INTERNAL_ERROR;
  if (r != NL_OK) {
    clear_queue();
    orders_session_end();
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
  SIM_REQUEST(NResult, "DLLInitializeLogin", initialize(key, user, password, state, 1));
}

PDLL_API NResult DLLInitializeMarketLogin(const char16_t *key, const char16_t *user, const char16_t *password,
                                          TStateCallback state, TUnusedCallback newTrade, TUnusedCallback newDaily,
                                          TUnusedCallback priceBook, TUnusedCallback offerBook,
                                          TUnusedCallback historyTrade, TUnusedCallback progress,
                                          TUnusedCallback tinyBook) {
  (void)newTrade, (void)newDaily, (void)priceBook, (void)offerBook, (void)historyTrade, (void)progress;
  (void)tinyBook;
  SIM_REQUEST(NResult, "DLLInitializeMarketLogin", initialize(key, user, password, state, 0));
}

static void clear_all_callbacks(void) {
  g_state_cb = NULL;
  market_clear_callbacks();
  book_clear_callbacks();
  hist_clear_callbacks();
  orders_clear_callbacks();
}

PDLL_API NResult DLLFinalize(void) {
  NResult code;
  /* A finalize from another thread (koffi's async worker) while a callback runs is the recommended shutdown,
     not a reentrant call: only the dispatcher's own thread counts. */
  if (t_dispatcher) atomic_fetch_add(&g_reentrancy, 1);
  if (sim_injected("DLLFinalize", &code)) return code;
  pthread_mutex_lock(&g_mu);
  if (g_phase != PHASE_RUNNING) {
    pthread_mutex_unlock(&g_mu);
    return NL_NOT_INITIALIZED;
  }
  if (t_dispatcher) { /* from inside a callback: joining ourselves would hang */
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
  for (int i = 0; i < N_INSTRUMENTS; i++) g_instr[i].depth_subscribed = 0;
  orders_session_end();
  g_market_up = 0;
  g_routing_state = 0;
  g_back_pressure = 0;
  clear_all_callbacks();
  g_phase = PHASE_IDLE;
  pthread_mutex_unlock(&g_mu);
  return NL_OK;
}

/* ---------------------------------------------------------------- callback registry and requests */

void market_clear_callbacks(void) {
  g_trade_cb = NULL;
  g_trade_v1_cb = NULL;
  g_invalid_ticker_cb = NULL;
}

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
  NResult code;
  if (sim_injected("TranslateTrade", &code)) return code;
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

/* Shared by SubscribeTicker and SubscribePriceDepth, with g_mu held: the instrument index, or -1 after queueing
   the invalid-ticker callback (r set to the result to return). */
static int resolve_subscription(const char16_t *ticker, const char16_t *exchange, NResult *r) {
  int i = find_instrument(ticker, exchange);
  if (i >= 0) return i;
  Event ev = {.due_us = sim_now_us(), .kind = EV_INVALID_TICKER, .ticker = u16dup(ticker), .exchange = u16dup(exchange)};
  *r = ev.ticker && ev.exchange ? sim_enqueue(ev) : NL_INTERNAL_ERROR;
  if (*r != NL_OK) free_event(&ev);
  return -1;
}

static NResult request_SubscribeTicker(const char16_t *ticker, const char16_t *exchange);

PDLL_API NResult SubscribeTicker(const char16_t *ticker, const char16_t *exchange) {
  SIM_REQUEST(NResult, "SubscribeTicker", request_SubscribeTicker(ticker, exchange));
}

static NResult request_SubscribeTicker(const char16_t *ticker, const char16_t *exchange) {
  if (!ticker || !exchange || !*ticker || !*exchange) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  NResult r = NL_OK;
  int i = -1;
  if (g_phase != PHASE_RUNNING) {
    r = NL_NOT_INITIALIZED;
  } else if ((i = resolve_subscription(ticker, exchange, &r)) < 0) {
    /* r: NL_OK, the invalid-ticker callback follows */
  } else if (!g_market_up) {
    /* Accepted but lost, like a subscription issued before the feed is up: the client must re-issue. */
    g_stats.dropped_subscriptions++;
  } else if (!g_instr[i].subscribed) {
    g_instr[i].subscribed = 1;
    r = instrument_activate(i);
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

static NResult request_UnsubscribeTicker(const char16_t *ticker, const char16_t *exchange);

PDLL_API NResult UnsubscribeTicker(const char16_t *ticker, const char16_t *exchange) {
  SIM_REQUEST(NResult, "UnsubscribeTicker", request_UnsubscribeTicker(ticker, exchange));
}

static NResult request_UnsubscribeTicker(const char16_t *ticker, const char16_t *exchange) {
  if (!ticker || !exchange || !*ticker || !*exchange) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  NResult r = NL_OK;
  int i;
  if (g_phase != PHASE_RUNNING) {
    r = NL_NOT_INITIALIZED;
  } else if ((i = find_instrument(ticker, exchange)) >= 0) {
    g_instr[i].subscribed = 0;
    instrument_maybe_stop(i);
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

static NResult request_SubscribePriceDepth(const TConnectorAssetIdentifier *a);

PDLL_API NResult SubscribePriceDepth(const TConnectorAssetIdentifier *a) {
  SIM_REQUEST(NResult, "SubscribePriceDepth", request_SubscribePriceDepth(a));
}

static NResult request_SubscribePriceDepth(const TConnectorAssetIdentifier *a) {
  if (!a || !a->Ticker || !a->Exchange || !*a->Ticker || !*a->Exchange) return NL_INVALID_ARGS;
  if (a->Version != 0) return NL_VERSION_NOT_SUPPORTED;
  pthread_mutex_lock(&g_mu);
  NResult r = NL_OK;
  int i = -1;
  if (g_phase != PHASE_RUNNING) {
    r = NL_NOT_INITIALIZED;
  } else if ((i = resolve_subscription(a->Ticker, a->Exchange, &r)) < 0) {
  } else if (!g_market_up) {
    g_stats.dropped_subscriptions++;
  } else {
    Instrument *in = &g_instr[i];
    /* A repeated subscribe answers with a fresh full book. */
    in->depth_subscribed = 1;
    in->depth_gen++;
    r = instrument_activate(i);
    Event ev = {.due_us = sim_now_us(), .kind = EV_DEPTH_SNAPSHOT, .instrument = i, .gen = in->depth_gen};
    if (r == NL_OK) r = sim_enqueue(ev);
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

static NResult request_UnsubscribePriceDepth(const TConnectorAssetIdentifier *a);

PDLL_API NResult UnsubscribePriceDepth(const TConnectorAssetIdentifier *a) {
  SIM_REQUEST(NResult, "UnsubscribePriceDepth", request_UnsubscribePriceDepth(a));
}

static NResult request_UnsubscribePriceDepth(const TConnectorAssetIdentifier *a) {
  if (!a || !a->Ticker || !a->Exchange || !*a->Ticker || !*a->Exchange) return NL_INVALID_ARGS;
  if (a->Version != 0) return NL_VERSION_NOT_SUPPORTED;
  pthread_mutex_lock(&g_mu);
  NResult r = NL_OK;
  int i;
  if (g_phase != PHASE_RUNNING) {
    r = NL_NOT_INITIALIZED;
  } else if ((i = find_instrument(a->Ticker, a->Exchange)) >= 0) {
    g_instr[i].depth_subscribed = 0;
    g_instr[i].depth_gen++;
    instrument_maybe_stop(i);
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

/* Restarts the tick chain of an instrument whose depth subscription survived a reconnect (dispatcher). */
void sim_restart_depth_chain(int i) { (void)instrument_activate(i); }

PDLL_API NResult GetTheoreticalValues(const TConnectorAssetIdentifier *a, double *price, int64_t *qty) {
  NResult code;
  if (sim_injected("GetTheoreticalValues", &code)) return code;
  if (!a || !price || !qty || !a->Ticker || !a->Exchange) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  NResult r = NL_OK;
  int i;
  if (g_phase != PHASE_RUNNING) {
    r = NL_NOT_INITIALIZED;
  } else if ((i = find_instrument(a->Ticker, a->Exchange)) < 0) {
    r = NL_INVALID_TICKER;
  } else if (!g_instr[i].subscribed && !g_instr[i].depth_subscribed) {
    r = NL_ASSET_NO_DATA;
  } else {
    /* No auction phase in the simulator: the theoretical price is the last price, with no quantity. */
    *price = price_of(i, g_instr[i].ticks);
    *qty = 0;
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

PDLL_API NResult GetServerClock(double *dtDate, int32_t *nYear, int32_t *nMonth, int32_t *nDay, int32_t *nHour,
                                int32_t *nMin, int32_t *nSec, int32_t *nMilisec) {
  NResult code;
  if (sim_injected("GetServerClock", &code)) return code;
  if (!dtDate || !nYear || !nMonth || !nDay || !nHour || !nMin || !nSec || !nMilisec) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  if (g_phase != PHASE_RUNNING) {
    pthread_mutex_unlock(&g_mu);
    return NL_NOT_INITIALIZED;
  }
  int64_t utc_us = g_epoch_us + sim_now_us();
  pthread_mutex_unlock(&g_mu);
  TSystemTime st;
  sim_to_system_time(utc_us, &st);
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
  } else if (!g_session.virtual_clock || t_dispatcher) {
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
    Event ev = {.due_us = sim_now_us(), .kind = EV_PUSHED_TRADE, .instrument = i, .price = price,
                .quantity = quantity, .flags = (uint32_t)flags};
    r = sim_enqueue(ev);
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

PDLL_API NResult Sim_InjectState(int32_t type, int32_t result) {
  pthread_mutex_lock(&g_mu);
  NResult r = g_phase == PHASE_RUNNING ? enqueue_state(sim_now_us(), type, result, 0) : NL_NOT_INITIALIZED;
  pthread_mutex_unlock(&g_mu);
  return r;
}

/* Drops a channel now and brings it back after downMs (-1 = stays down); ticker subscriptions die with the
   market link, depth subscriptions get a full book after the reconnect. */
PDLL_API NResult Sim_Disconnect(int32_t channel, int64_t downMs) {
  if ((channel != 1 && channel != 2) || downMs < -1) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  NResult r = NL_OK;
  int64_t now = g_phase == PHASE_RUNNING ? sim_now_us() : 0, back = now + downMs * 1000;
  int64_t gap = g_session.virtual_clock ? 0 : RECONNECT_GAP_US;
  if (g_phase != PHASE_RUNNING) {
    r = NL_NOT_INITIALIZED;
  } else if (channel == 2) {
    g_market_up = 0;
    g_market_epoch++;
    g_back_pressure = 0;
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

PDLL_API NResult Sim_SetCallbackDelay(int64_t delayUs, int64_t jitterUs) {
  if (delayUs < 0 || jitterUs < 0 || delayUs > INT64_C(10000000) || jitterUs > INT64_C(10000000)) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  g_cb_delay_us = delayUs;
  g_cb_jitter_us = jitterUs;
  pthread_mutex_unlock(&g_mu);
  return NL_OK;
}

PDLL_API NResult Sim_SetQueueThreshold(int64_t pending) {
  if (pending < 2) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  g_queue_threshold = pending;
  pthread_mutex_unlock(&g_mu);
  return NL_OK;
}

PDLL_API NResult Sim_FailNext(const char *fn, int32_t code, int32_t n) {
  if (!fn || n < 0) return NL_INVALID_ARGS;
  NResult r = NL_NOT_FOUND;
  pthread_mutex_lock(&g_mu);
  for (int k = 0; k < N_FAIL; k++) {
    if (strcmp(g_fail[k].name, fn) != 0) continue;
    if (g_fail[k].n > 0) atomic_fetch_sub(&g_fail_armed, 1);
    g_fail[k].code = code;
    g_fail[k].n = n;
    if (n > 0) atomic_fetch_add(&g_fail_armed, 1);
    r = NL_OK;
    break;
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

PDLL_API int32_t Sim_GetStats(char *buf, int32_t len) {
  if (!buf || len <= 0) return NL_INVALID_ARGS;
  static const char *const PHASES[] = {"idle", "running", "stopping"};
  pthread_mutex_lock(&g_mu);
  int n = snprintf(
      buf, (size_t)len,
      "{\"phase\":\"%s\",\"sessions\":%llu,\"callbacks\":%llu,\"trades\":%llu,\"queueDepth\":%llu,"
      "\"queueHighWater\":%llu,\"droppedSubscriptions\":%llu,\"virtualNowMs\":%lld,\"ordersSent\":%llu,"
      "\"ordersRejected\":%llu,\"orderCallbacks\":%llu,\"bookCallbacks\":%llu,\"historyTrades\":%llu,"
      "\"historyRequests\":%llu,\"dailyCallbacks\":%llu,\"reentrancyViolations\":%llu,\"callbackDelayUs\":%lld,"
      "\"callbackJitterUs\":%lld,\"backPressure\":%d,\"backPressureEvents\":%llu}",
      PHASES[g_phase], (unsigned long long)g_stats.sessions, (unsigned long long)g_stats.callbacks,
      (unsigned long long)g_stats.trades, (unsigned long long)g_heap_n, (unsigned long long)g_stats.high_water,
      (unsigned long long)g_stats.dropped_subscriptions, (long long)(g_vnow_us / 1000),
      (unsigned long long)g_stats.orders_sent, (unsigned long long)g_stats.orders_rejected,
      (unsigned long long)g_stats.order_callbacks, (unsigned long long)g_stats.book_callbacks,
      (unsigned long long)g_stats.history_trades, (unsigned long long)g_stats.history_requests,
      (unsigned long long)g_stats.daily_callbacks, (unsigned long long)atomic_load(&g_reentrancy),
      (long long)g_cb_delay_us, (long long)g_cb_jitter_us, g_back_pressure,
      (unsigned long long)g_stats.back_pressure_events);
  pthread_mutex_unlock(&g_mu);
  return n < len ? n : NL_OUT_OF_RANGE;
}

PDLL_API NResult Sim_Reset(void) {
  pthread_mutex_lock(&g_mu);
  NResult r = NL_INVALID_ARGS; /* only between sessions */
  if (g_phase == PHASE_IDLE) {
    g_cfg = (Settings)DEFAULT_SETTINGS;
    memset(&g_stats, 0, sizeof g_stats);
    atomic_store(&g_reentrancy, 0);
    g_cb_delay_us = g_cb_jitter_us = 0;
    g_queue_threshold = DEFAULT_QUEUE_THRESHOLD;
    for (int k = 0; k < N_FAIL; k++) g_fail[k].n = 0;
    atomic_store(&g_fail_armed, 0);
    orders_reset_knobs();
    clear_all_callbacks();
    g_instr_kept = 0;
    r = NL_OK;
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}
