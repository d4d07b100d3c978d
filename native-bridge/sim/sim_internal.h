/*
 * Shared state of the simulator's translation units (profitdll_sim.c is the core: queue, dispatcher, clock,
 * market-data walk; sim_book.c price depth; sim_history.c history trades and the daily aggregate;
 * sim_orders.c accounts, orders and positions; sim_misc.c stubs, agent names and the layout report).
 *
 * Locking: one mutex, g_mu, guards everything below. Only the dispatcher thread mutates market, book and order
 * state in response to events; request functions validate and enqueue. Client callbacks are always invoked by
 * the dispatcher between sim_cb_begin() (releases g_mu) and sim_cb_end() (re-acquires it).
 */
#ifndef SIM_INTERNAL_H
#define SIM_INTERNAL_H

#include "profitdll_sim.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
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
  double multiplier;     /* financial volume per point and unit */
  int32_t open_interest; /* reported by the daily callback */
} InstrumentSpec;

#define N_INSTRUMENTS 4
extern const InstrumentSpec SPECS[N_INSTRUMENTS];

#define N_AGENTS 12
extern const int32_t AGENTS[N_AGENTS];

typedef struct {
  int has;
  double open, high, low, close, volume, vol_buyer, vol_seller;
  int64_t qty, trades, qty_buyer, qty_seller, neg_buyer, neg_seller;
} Daily;

typedef struct {
  char16_t ticker[16];
  char16_t exchange[4];
  TConnectorAssetIdentifier asset;
  uint64_t rng[4]; /* the walk's stream: never draw from it for anything else (golden stream) */
  int64_t ticks;
  uint32_t trade_number;
  uint32_t gen;         /* bumped when the tick chain stops: queued ticks of an older chain are dropped */
  int subscribed;       /* SubscribeTicker: trade (and daily) callbacks */
  int depth_subscribed; /* SubscribePriceDepth: book notifications; survives market reconnects */
  uint32_t depth_gen;   /* bumped on depth (un)subscribe: an in-flight burst stops */
  int ticking;          /* a tick chain of generation `gen` is pending */
  int64_t next_due_us;
  int32_t working_orders; /* resting orders that a trade may execute */
  Daily daily;
} Instrument;

/* ---------------------------------------------------------------- events */

typedef enum {
  EV_STATE,
  EV_TICK,
  EV_PUSHED_TRADE,
  EV_INVALID_TICKER,
  EV_DEPTH_SNAPSHOT,
  EV_HISTORY,
  EV_ORDER,
  EV_ACCOUNTS,
  EV_ORDER_HISTORY,
} EventKind;

typedef struct {
  int64_t due_us;
  uint64_t seq;
  EventKind kind;
  int32_t type, result;        /* EV_STATE */
  int32_t raises_market;       /* EV_STATE: market becomes usable when delivered ... */
  int32_t market_epoch;        /* ... unless a later disconnect superseded it */
  int32_t instrument;          /* EV_TICK, EV_PUSHED_TRADE, EV_DEPTH_SNAPSHOT */
  uint32_t gen;                /* EV_TICK, EV_DEPTH_SNAPSHOT (depth_gen), EV_ORDER (fill generation) */
  double price, price2;        /* EV_PUSHED_TRADE; EV_ORDER replace: new price / stop */
  int64_t quantity;            /* EV_PUSHED_TRADE; EV_ORDER replace: new quantity */
  uint32_t flags;              /* EV_PUSHED_TRADE */
  int32_t order, action;       /* EV_ORDER */
  char16_t *ticker, *exchange; /* EV_INVALID_TICKER, owned */
  void *ptr;                   /* EV_HISTORY: owned request */
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

/* Virtual sessions start at 2026-12-01 10:00:00 São Paulo (13:00 UTC) so timestamps are reproducible. */
#define VIRTUAL_EPOCH_US INT64_C(1796130000000000)
/* São Paulo has had no DST since 2019; a fixed offset is enough for a test double. */
#define SAO_PAULO_OFFSET_US (INT64_C(-3) * 3600 * 1000000)

extern pthread_mutex_t g_mu;
extern pthread_t g_thread;
extern Phase g_phase;
extern Settings g_session;
extern int g_routing;       /* session initialised with DLLInitializeLogin */
extern int32_t g_routing_state; /* last delivered (1, r) */
extern int g_market_up;
extern int64_t g_epoch_us;
extern Instrument g_instr[N_INSTRUMENTS];
extern TConnectorTrade g_current_trade; /* what the opaque pointer handed to a trade callback refers to */
extern int g_current_trade_valid;
extern size_t g_heap_n;
extern int64_t g_event_us; /* due time of the event the dispatcher is delivering (deterministic "now") */

typedef struct {
  uint64_t callbacks, trades, high_water, dropped_subscriptions, sessions;
  uint64_t orders_sent, orders_rejected, order_callbacks, book_callbacks, history_trades, history_requests;
  uint64_t daily_callbacks, back_pressure_events;
} Stats;
extern Stats g_stats;

#define SIM_MAX_FILL_PLAN 16
#define SIM_MAX_TEXT 256

/* Runtime knobs (apply immediately, cleared by Sim_Reset). */
typedef struct {
  int64_t ack_delay_us, fill_delay_us;
  double fill_plan[SIM_MAX_FILL_PLAN];
  int32_t fill_plan_n;
  int32_t reject_next;
  char16_t reject_reason[SIM_MAX_TEXT];
  double history_per_minute;
  int hist_order_enabled, day_trade, log_to_debug;
} Knobs;
extern Knobs g_knobs;
#define DEFAULT_KNOBS {.ack_delay_us = 20000, .fill_delay_us = 20000, .history_per_minute = 20.0}

/* ---------------------------------------------------------------- core helpers (profitdll_sim.c) */

int64_t sim_now_us(void);
void sim_to_system_time(int64_t utc_us, TSystemTime *st);
void sim_local_ms_to_system_time(int64_t local_ms, TSystemTime *st);
/* `DD/MM/YYYY HH:mm:SS.ZZZ`; buf holds >= 24 code units. */
void sim_format_system_time(const TSystemTime *st, char16_t *buf);
NResult sim_enqueue(Event ev);
size_t u16len(const char16_t *s);
char16_t *u16dup(const char16_t *s);
int u16eq(const char16_t *a, const char16_t *b);
void u16copy(char16_t *dst, size_t cap, const char16_t *src);
void ascii_to_u16(const char *src, char16_t *dst, size_t cap);
int find_instrument(const char16_t *ticker, const char16_t *exchange);
uint64_t splitmix64(uint64_t *x);
double next_unit(uint64_t s[4]);
uint64_t fnv1a(const char *a, const char *b);
void seed_stream(uint64_t s[4], uint64_t key);
double price_of(int i, int64_t ticks);
int64_t ticks_of(int i, double price);

/* Callback bracket: with g_mu held, cb_begin marks a callback in progress, releases the lock and applies the
   configured callback delay; cb_end re-acquires the lock. */
void sim_cb_begin(void);
void sim_cb_end(void);

/* Reentrancy detector (§12.3) and injected failures, wrapped around every request export by SIM_REQUEST. A
   request counts as reentrant when it is made on the dispatcher thread during a callback, or when it begins and
   ends inside one and the same callback (what a koffi JS callback calling back into the DLL looks like: the
   dispatcher stays parked in the callback until the JS returns). A request from another thread that merely
   overlaps a callback (a worker's async call, the main thread while the dispatcher is in a C shim callback) is
   not counted. */
typedef struct {
  int inside;
  uint64_t seq;
} ReqScope;
int sim_request_begin(const char *fn, NResult *code, ReqScope *scope); /* non-zero: return `code` now */
void sim_request_end(const ReqScope *scope);
#define SIM_REQUEST(T, name, call)                                 \
  do {                                                             \
    ReqScope scope_;                                               \
    NResult code_;                                                 \
    if (sim_request_begin(name, &code_, &scope_)) return (T)code_; \
    T result_ = (call);                                            \
    sim_request_end(&scope_);                                      \
    return result_;                                                \
  } while (0)
/* The same for exports that are not requests (accessors): only injected failures. */
int sim_injected(const char *fn, NResult *code);

/* ---------------------------------------------------------------- modules */

/* sim_book.c */
void book_reset_all(void);
void book_on_trade(int i, int64_t ticks, uint8_t type, int64_t qty);
void book_publish(int i);                   /* dispatcher: deliver the pending changes as a burst */
void book_deliver_snapshot(int i, uint32_t depth_gen);
void book_on_market_up(void);               /* dispatcher: restart depth-only instruments, full books */
int64_t book_best(int i, int side);         /* ticks of the best level, side 0 bid / 1 ask */
/* A market fill walking the opposite side: fills up to `max` (price, qty) pairs for `qty`, consuming levels. */
int book_sweep(int i, int side, int64_t qty, double *prices, int64_t *qtys, int max);
void book_clear_callbacks(void);

/* sim_history.c */
void hist_process(Event *ev);
void hist_free(void *req);
void daily_on_trade(int i, const TConnectorTrade *t, uint32_t flags);
void daily_deliver(int i);
void hist_clear_callbacks(void);

/* sim_orders.c */
void orders_session_start(void);           /* with g_mu held, from initialize() */
void orders_session_end(void);             /* with g_mu held, from DLLFinalize */
void orders_process(Event *ev);
void orders_on_trade(int i);               /* dispatcher: a trade printed on instrument i */
void orders_deliver_accounts(void);
void orders_deliver_order_history(void);
void orders_clear_callbacks(void);
void orders_reset_knobs(void);

/* market data in the core */
void market_clear_callbacks(void);
void sim_restart_depth_chain(int i); /* dispatcher: tick chain for a depth subscription after a reconnect */

/* A Set*Callback export: stores the callback under g_mu (the dispatcher reads it under the same lock). */
#define SIM_CALLBACK_SETTER(name, type, var) \
  PDLL_API NResult name(type cb) {           \
    pthread_mutex_lock(&g_mu);               \
    var = cb;                                \
    pthread_mutex_unlock(&g_mu);             \
    return NL_OK;                            \
  }

/*
 * Room for one more element in a growable array: returns `items` itself, or a copy with double the capacity (64
 * elements first) when it is full, or NULL when out of memory (then `items` is untouched).
 */
void *sim_grow(void *items, size_t *cap, size_t used, size_t elem);

#endif
