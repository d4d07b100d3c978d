/*
 * Routing (ABI.md §7, §12.6): one broker (SIM_BROKER_ID) with a master account and one sub-account, V2 orders
 * with their lifecycle, positions, order enumeration. Only sessions started with DLLInitializeLogin route; with
 * DLLInitializeMarketLogin every routing export returns NL_MARKET_ONLY.
 *
 * Lifecycle (A = ack delay, F = fill delay, both Sim_SetOrderTiming, default 20 ms; times from the request):
 *   SendOrder: status 10 PendingNew at once (callback at A/4) -> at A: 8 Rejected (armed Sim_RejectNext, routing
 *   not at (1,5), limit/stop outside +-10% of the last price) or 0 New with ClOrderID SIM-<yyyymmdd>-<n>.
 *   Executable orders fill F after they become executable: market at once (sweeping the book's levels, one
 *   PartiallyFilled per level then Filled), marketable limits at min(limit, best ask) / max(limit, best bid),
 *   resting limits when a trade prints at or through the limit (filled at the limit), stop-limits once a trade
 *   touches the stop (then as a limit). A fill plan (Sim_SetFillPlan) replaces the sizes: fill k is
 *   fraction[k] x quantity, F apart; fractions summing to less than 1 leave the rest open.
 *   Cancel: 6 PendingCancel at A/2, 4 Canceled at A; on a terminal order the cancel is refused (status unchanged,
 *   TextMessage set, callback fired). Change: 14 PendingReplace at A/2, then 0 New (1 if partially filled) with
 *   the new price/quantity at A, or back to the previous status with a TextMessage when refused.
 * Every order callback carries a new EventID; each fill also updates the (account, asset) position and fires the
 * asset-position callback with the same EventID.
 */
#define _GNU_SOURCE
#include "sim_internal.h"

#define N_ACCOUNTS 2
#define BROKER_NAME u"SIMULADOR NELOGICA CTVM"
#define CL_CHARS 40
#define MAX_SWEEP 16

typedef struct {
  const char16_t *account;
  const char16_t *sub;
  const char16_t *owner;
  const char16_t *sub_owner;
  uint32_t flags;
  uint8_t type;
} AccountDef;

static const AccountDef ACCOUNTS[N_ACCOUNTS] = {
    {SIM_ACCOUNT_ID, u"", u"Simulador B3", u"", CA_IS_ENABLED, 0},
    {SIM_ACCOUNT_ID, SIM_SUB_ACCOUNT_ID, u"Simulador B3", u"Simulador B3 - Subconta A", CA_IS_ENABLED | CA_IS_SUB_ACCOUNT, 3},
};

enum { OA_PENDING_NEW = 1, OA_ACK, OA_FILL, OA_CANCEL_PENDING, OA_CANCEL_DONE, OA_REPLACE_PENDING, OA_REPLACE_DONE };

enum { ST_NEW = 0, ST_PARTIAL = 1, ST_FILLED = 2, ST_CANCELED = 4, ST_PENDING_CANCEL = 6, ST_REJECTED = 8,
       ST_PENDING_NEW = 10, ST_PENDING_REPLACE = 14 };
enum { TYPE_MARKET = 1, TYPE_LIMIT = 2, TYPE_STOP_LIMIT = 4 };
enum { SIDE_BUY = 1, SIDE_SELL = 2 };

typedef struct {
  int64_t local_id;
  char16_t cl_ord_id[CL_CHARS];
  int account, instrument;
  uint8_t side, type, status, prev_status;
  int64_t qty, traded, leaves;
  double price, stop, avg, notional;
  int64_t date_us, update_us, close_us; /* simulator time (add g_epoch_us for UTC) */
  char16_t text[SIM_MAX_TEXT];
  int64_t event_id;
  int announced;      /* PendingNew callback delivered */
  int triggered;      /* stop-limit: stop touched */
  int working;        /* counted in its instrument's working_orders */
  int fill_scheduled; /* a fill event of generation fill_gen is queued */
  uint32_t fill_gen;
  double exec_price; /* latched limit fill price; NAN for market (book) */
  int reject;        /* Sim_RejectNext armed for this order */
  double plan[SIM_MAX_FILL_PLAN];
  int plan_n, plan_next, plan_done;
  uint32_t cancel_token, replace_token;
} Order;

typedef struct {
  int used;
  int64_t buy_qty, sell_qty, net;
  double buy_notional, sell_notional, open_avg;
  int64_t event_id;
} Position;

static Order *g_orders;
static size_t g_norders, g_orders_cap;
static int64_t g_order_base;
static uint32_t g_cl_seq, g_token_seq;
static int64_t g_event_id;
static Position g_pos[N_ACCOUNTS][N_INSTRUMENTS];

static TConnectorOrderCallback g_order_cb;
static TConnectorAccountCallback g_order_history_cb;
static TConnectorAssetPositionListCallback g_position_cb;
static TConnectorBrokerAccountListCallback g_account_list_cb;
static TConnectorBrokerSubAccountListCallback g_sub_account_list_cb;

void orders_clear_callbacks(void) {
  g_order_cb = NULL;
  g_order_history_cb = NULL;
  g_position_cb = NULL;
  g_account_list_cb = NULL;
  g_sub_account_list_cb = NULL;
}

SIM_CALLBACK_SETTER(SetOrderCallback, TConnectorOrderCallback, g_order_cb)
SIM_CALLBACK_SETTER(SetOrderHistoryCallback, TConnectorAccountCallback, g_order_history_cb)
SIM_CALLBACK_SETTER(SetAssetPositionListCallback, TConnectorAssetPositionListCallback, g_position_cb)
SIM_CALLBACK_SETTER(SetBrokerAccountListChangedCallback, TConnectorBrokerAccountListCallback, g_account_list_cb)
SIM_CALLBACK_SETTER(SetBrokerSubAccountListChangedCallback, TConnectorBrokerSubAccountListCallback, g_sub_account_list_cb)

#define FLAG_SIM_CALLBACK_SETTER(name, field)           \
  PDLL_API NResult name(int32_t enabled) { \
    pthread_mutex_lock(&g_mu);             \
    g_knobs.field = enabled != 0;          \
    pthread_mutex_unlock(&g_mu);           \
    return NL_OK;                          \
  }

FLAG_SIM_CALLBACK_SETTER(SetEnabledHistOrder, hist_order_enabled)
FLAG_SIM_CALLBACK_SETTER(SetDayTrade, day_trade)
FLAG_SIM_CALLBACK_SETTER(SetEnabledLogToDebug, log_to_debug)

/* ---------------------------------------------------------------- session */

void orders_session_start(void) {
  free(g_orders);
  g_orders = NULL;
  g_norders = g_orders_cap = 0;
  uint64_t x = g_session.seed ^ UINT64_C(0x0dde250dde250dde);
  g_order_base = 100000 + (int64_t)(splitmix64(&x) % 900000) * 10;
  g_cl_seq = 0;
  g_token_seq = 0;
  g_event_id = 0;
  memset(g_pos, 0, sizeof g_pos);
}

void orders_session_end(void) {
  free(g_orders);
  g_orders = NULL;
  g_norders = g_orders_cap = 0;
  memset(g_pos, 0, sizeof g_pos);
}

void orders_reset_knobs(void) {
  Knobs k = DEFAULT_KNOBS;
  g_knobs = k;
}

/* ---------------------------------------------------------------- identifiers */

static NResult routing_ready(void) {
  if (g_phase != PHASE_RUNNING) return NL_NOT_INITIALIZED;
  if (!g_routing) return NL_MARKET_ONLY;
  return NL_OK;
}

static int empty16(const char16_t *s) { return !s || !*s; }

static NResult resolve_account(const TConnectorAccountIdentifier *a, int *out) {
  if (!a || a->Version != 0 || !a->AccountID) return NL_INVALID_ARGS;
  if (a->BrokerID != SIM_BROKER_ID || !u16eq(a->AccountID, SIM_ACCOUNT_ID)) return NL_NOT_FOUND;
  for (int k = 0; k < N_ACCOUNTS; k++) {
    if (empty16(a->SubAccountID) ? ACCOUNTS[k].sub[0] == 0 : u16eq(a->SubAccountID, ACCOUNTS[k].sub)) {
      *out = k;
      return NL_OK;
    }
  }
  return NL_NOT_FOUND;
}

static NResult resolve_asset(const TConnectorAssetIdentifier *a, int *out) {
  if (a->Version != 0 || empty16(a->Ticker) || empty16(a->Exchange)) return NL_INVALID_ARGS;
  int i = find_instrument(a->Ticker, a->Exchange);
  if (i < 0) return NL_INVALID_TICKER;
  *out = i;
  return NL_OK;
}

static void account_identifier(int acc, TConnectorAccountIdentifier *out) {
  memset(out, 0, sizeof *out);
  out->BrokerID = SIM_BROKER_ID;
  out->AccountID = ACCOUNTS[acc].account;
  out->SubAccountID = ACCOUNTS[acc].sub;
  out->Reserved = 0;
}

static void fill_account_out(int acc, TConnectorAccountIdentifierOut *o) {
  memset(o, 0, sizeof *o);
  o->BrokerID = SIM_BROKER_ID;
  u16copy(o->AccountID, 100, ACCOUNTS[acc].account);
  o->AccountIDLength = (int32_t)u16len(o->AccountID);
  u16copy(o->SubAccountID, 100, ACCOUNTS[acc].sub);
  o->SubAccountIDLength = (int32_t)u16len(o->SubAccountID);
}

/* Two-call string out: a NULL buffer only reports the length; otherwise the caller's *len (the length reported
   by the first call) is the capacity minus the terminator. *len always ends as the full length. */
static void string_out(char16_t *buf, int32_t *len, const char16_t *src) {
  int32_t n = (int32_t)u16len(src);
  if (buf) {
    int32_t cap = *len < 0 ? 0 : *len, k = n < cap ? n : cap;
    memcpy(buf, src, (size_t)k * sizeof *buf);
    buf[k] = 0;
  }
  *len = n;
}

static int find_order(const TConnectorOrderIdentifier *id) {
  if (id->LocalOrderID > 0) {
    int64_t k = id->LocalOrderID - g_order_base;
    if (k >= 0 && (size_t)k < g_norders) return (int)k;
  }
  if (!empty16(id->ClOrderID))
    for (size_t k = 0; k < g_norders; k++)
      if (g_orders[k].cl_ord_id[0] && u16eq(g_orders[k].cl_ord_id, id->ClOrderID)) return (int)k;
  return -1;
}

static int terminal(uint8_t s) {
  return s == 2 || s == 3 || s == 4 || s == 8 || s == 12 || s == 15 || s == 17 || s == 18 || s == 204 || s == 205;
}

/* ---------------------------------------------------------------- callbacks (dispatcher, g_mu held) */

static void deliver_order(int idx) {
  Order *o = &g_orders[idx];
  o->event_id = ++g_event_id;
  TConnectorOrderCallback cb = g_order_cb;
  if (!cb) return;
  char16_t cl[CL_CHARS];
  memcpy(cl, o->cl_ord_id, sizeof cl);
  TConnectorOrderIdentifier id = {.Version = 0, .LocalOrderID = o->local_id, .ClOrderID = cl};
  g_stats.order_callbacks++;
  sim_cb_begin();
  cb(&id);
  sim_cb_end();
}

static void deliver_position(int acc, int i, int64_t event_id) {
  TConnectorAssetPositionListCallback cb = g_position_cb;
  if (!cb) return;
  TConnectorAccountIdentifier account;
  account_identifier(acc, &account);
  TConnectorAssetIdentifier asset = g_instr[i].asset;
  sim_cb_begin();
  cb(&account, &asset, event_id);
  sim_cb_end();
}

void orders_deliver_accounts(void) {
  TConnectorBrokerAccountListCallback list = g_account_list_cb;
  if (list) {
    sim_cb_begin();
    list(SIM_BROKER_ID, 1);
    sim_cb_end();
  }
  TConnectorBrokerSubAccountListCallback sub = g_sub_account_list_cb;
  if (sub && g_phase == PHASE_RUNNING) {
    TConnectorAccountIdentifier master;
    account_identifier(0, &master);
    sim_cb_begin();
    sub(&master);
    sim_cb_end();
  }
}

void orders_deliver_order_history(void) {
  for (int acc = 0; acc < N_ACCOUNTS && g_phase == PHASE_RUNNING; acc++) {
    TConnectorAccountCallback cb = g_order_history_cb;
    if (!cb || !g_knobs.hist_order_enabled) return;
    TConnectorAccountIdentifier account;
    account_identifier(acc, &account);
    sim_cb_begin();
    cb(&account);
    sim_cb_end();
  }
}

/* ---------------------------------------------------------------- lifecycle */

static NResult schedule(int idx, int action, int64_t due_us, uint32_t gen, double price, double price2, int64_t qty) {
  Event ev = {.due_us = due_us, .kind = EV_ORDER, .order = idx, .action = action, .gen = gen, .price = price,
              .price2 = price2, .quantity = qty};
  return sim_enqueue(ev);
}

static void set_working(Order *o, int on) {
  if (o->working == on) return;
  o->working = on;
  g_instr[o->instrument].working_orders += on ? 1 : -1;
}

static void set_text(Order *o, const char16_t *text) { u16copy(o->text, SIM_MAX_TEXT, text); }

static int outside_tunnel(int i, double px) {
  double last = price_of(i, g_instr[i].ticks);
  return fabs(px - last) > 0.10 * last + 1e-9;
}

static void schedule_fill(int idx, int64_t t, double exec_price) {
  Order *o = &g_orders[idx];
  set_working(o, 0);
  o->fill_scheduled = 1;
  o->exec_price = exec_price;
  if (schedule(idx, OA_FILL, t + g_knobs.fill_delay_us, o->fill_gen, 0, 0, 0) != NL_OK) o->fill_scheduled = 0;
}

/* Whether the order can execute at the current price; schedules its fill, or leaves it resting. `fresh`: it
   has just been accepted (or triggered, or replaced) rather than crossed by a trade. */
static void evaluate(int idx, int64_t t, int fresh) {
  Order *o = &g_orders[idx];
  if (terminal(o->status) || o->status == ST_PENDING_CANCEL || o->status == ST_PENDING_REPLACE ||
      o->status == ST_PENDING_NEW || o->fill_scheduled || o->plan_done || o->leaves <= 0)
    return;
  int i = o->instrument, buy = o->side == SIDE_BUY;
  double last = price_of(i, g_instr[i].ticks), eps = 1e-9;
  if (o->type == TYPE_MARKET) {
    schedule_fill(idx, t, NAN);
    return;
  }
  if (o->type == TYPE_STOP_LIMIT && !o->triggered) {
    if (!(buy ? last >= o->stop - eps : last <= o->stop + eps)) {
      set_working(o, 1);
      return;
    }
    o->triggered = 1;
    fresh = 1;
  }
  if (buy ? last <= o->price + eps : last >= o->price - eps) {
    double px = o->price;
    if (fresh) {
      double best = price_of(i, book_best(i, buy ? 1 : 0));
      px = buy ? fmin(o->price, best) : fmax(o->price, best);
    }
    schedule_fill(idx, t, px);
  } else {
    set_working(o, 1);
  }
}

static void apply_fill(int idx, int64_t qty, double price, int64_t t) {
  Order *o = &g_orders[idx];
  o->traded += qty;
  o->leaves -= qty;
  o->notional += (double)qty * price;
  o->avg = o->notional / (double)o->traded;
  o->status = o->leaves == 0 ? ST_FILLED : ST_PARTIAL;
  o->update_us = t;
  if (o->leaves == 0) o->close_us = t, set_working(o, 0);
  int acc = o->account, i = o->instrument;
  Position *p = &g_pos[acc][i];
  int64_t signed_qty = o->side == SIDE_BUY ? qty : -qty;
  p->used = 1;
  if (signed_qty > 0) p->buy_qty += qty, p->buy_notional += (double)qty * price;
  else p->sell_qty += qty, p->sell_notional += (double)qty * price;
  int64_t open = p->net > 0 ? p->net : -p->net;
  if (p->net == 0 || (p->net > 0) == (signed_qty > 0)) {
    p->open_avg = (p->open_avg * (double)open + price * (double)qty) / (double)(open + qty);
  } else if (qty > open) {
    p->open_avg = price; /* the position flipped */
  }
  p->net += signed_qty;
  if (p->net == 0) p->open_avg = 0;
  deliver_order(idx);
  int64_t event_id = g_orders[idx].event_id;
  p->event_id = event_id;
  if (g_phase == PHASE_RUNNING) deliver_position(acc, i, event_id);
}

static void do_fill(int idx, const Event *ev) {
  Order *o = &g_orders[idx];
  if (ev->gen != o->fill_gen || !o->fill_scheduled) return;
  o->fill_scheduled = 0;
  if (terminal(o->status) || o->status == ST_PENDING_CANCEL || o->status == ST_PENDING_REPLACE) return;
  int i = o->instrument, side = o->side == SIDE_BUY ? 1 : 0;
  int64_t t = ev->due_us;
  if (o->plan_n > 0) {
    double frac = o->plan[o->plan_next], cum = 0;
    for (int k = 0; k <= o->plan_next; k++) cum += o->plan[k];
    int64_t q = llround(frac * (double)o->qty);
    if (q < 1) q = 1;
    if (q > o->leaves || (o->plan_next == o->plan_n - 1 && cum >= 0.999999)) q = o->leaves;
    o->plan_next++;
    double px = o->exec_price;
    if (isnan(px)) {
      int64_t got = 0;
      book_sweep(i, side, q, &px, &got, 1);
    }
    uint32_t gen = o->fill_gen;
    apply_fill(idx, q, px, t);
    if (isnan(g_orders[idx].exec_price)) book_publish(i);
    o = &g_orders[idx];
    if (g_phase != PHASE_RUNNING || terminal(o->status) || o->fill_gen != gen) return;
    if (o->plan_next < o->plan_n) {
      o->fill_scheduled = 1;
      if (schedule(idx, OA_FILL, t + g_knobs.fill_delay_us, gen, 0, 0, 0) != NL_OK) o->fill_scheduled = 0;
    } else {
      o->plan_done = 1; /* the plan did not cover the quantity: the rest stays open */
    }
    return;
  }
  if (isnan(o->exec_price)) {
    double prices[MAX_SWEEP];
    int64_t qtys[MAX_SWEEP];
    int n = book_sweep(i, side, o->leaves, prices, qtys, MAX_SWEEP);
    for (int k = 0; k < n && g_phase == PHASE_RUNNING; k++) apply_fill(idx, qtys[k], prices[k], t);
    book_publish(i);
  } else {
    apply_fill(idx, o->leaves, o->exec_price, t);
  }
}

static void assign_cl_ord_id(Order *o, int64_t t) {
  if (o->cl_ord_id[0]) return;
  TSystemTime st;
  sim_to_system_time(g_epoch_us + t, &st);
  char tmp[CL_CHARS];
  snprintf(tmp, sizeof tmp, "SIM-%04u%02u%02u-%u", st.wYear, st.wMonth, st.wDay, ++g_cl_seq);
  ascii_to_u16(tmp, o->cl_ord_id, CL_CHARS);
}

static void do_ack(int idx, int64_t t) {
  Order *o = &g_orders[idx];
  if (terminal(o->status)) return;
  if (o->status == ST_PENDING_CANCEL || o->status == ST_PENDING_REPLACE) {
    assign_cl_ord_id(o, t); /* acknowledged silently; the pending request decides what follows */
    return;
  }
  const char16_t *reason = NULL;
  int i = o->instrument;
  if (o->reject) reason = o->text[0] ? o->text : u"Ordem rejeitada pelo simulador";
  else if (g_routing_state != 5) reason = u"Roteamento desconectado";
  else if (o->type != TYPE_MARKET && (outside_tunnel(i, o->price) || (o->type == TYPE_STOP_LIMIT && outside_tunnel(i, o->stop))))
    reason = u"Preço fora do túnel";
  if (reason) {
    char16_t copy[SIM_MAX_TEXT];
    u16copy(copy, SIM_MAX_TEXT, reason);
    set_text(o, copy);
    o->status = ST_REJECTED;
    o->leaves = 0;
    o->update_us = o->close_us = t;
    g_stats.orders_rejected++;
    deliver_order(idx);
    return;
  }
  o->status = ST_NEW;
  o->update_us = t;
  assign_cl_ord_id(o, t);
  deliver_order(idx);
  if (g_phase == PHASE_RUNNING) evaluate(idx, t, 1);
}

static void refuse(int idx, int64_t t, const char16_t *text) {
  Order *o = &g_orders[idx];
  set_text(o, text);
  o->update_us = t;
  deliver_order(idx);
}

static void stop_fills(Order *o) {
  o->fill_gen++;
  o->fill_scheduled = 0;
  set_working(o, 0);
}

void orders_process(Event *ev) {
  int idx = ev->order;
  if (idx < 0 || (size_t)idx >= g_norders) return;
  Order *o = &g_orders[idx];
  int64_t t = ev->due_us;
  switch (ev->action) {
    case OA_PENDING_NEW:
      if (o->status == ST_PENDING_NEW && !o->announced) {
        o->announced = 1;
        deliver_order(idx);
      }
      return;
    case OA_ACK:
      do_ack(idx, t);
      return;
    case OA_FILL:
      do_fill(idx, ev);
      return;
    case OA_CANCEL_PENDING:
      if (terminal(o->status)) {
        refuse(idx, t, u"Cancelamento rejeitado: a ordem não está aberta");
        return;
      }
      if (o->status == ST_PENDING_CANCEL) return; /* one cancel at a time */
      o->prev_status = o->status == ST_PENDING_REPLACE ? o->prev_status : o->status;
      o->status = ST_PENDING_CANCEL;
      o->cancel_token = ev->gen;
      o->update_us = t;
      stop_fills(o);
      deliver_order(idx);
      return;
    case OA_CANCEL_DONE:
      if (o->status != ST_PENDING_CANCEL || o->cancel_token != ev->gen) return;
      o->status = ST_CANCELED;
      o->leaves = 0;
      o->update_us = o->close_us = t;
      deliver_order(idx);
      return;
    case OA_REPLACE_PENDING:
      if (terminal(o->status) || o->status == ST_PENDING_CANCEL) {
        refuse(idx, t, u"Alteração rejeitada: a ordem não está aberta");
        return;
      }
      if (o->status != ST_PENDING_REPLACE) o->prev_status = o->status;
      o->status = ST_PENDING_REPLACE;
      o->replace_token = ev->gen;
      o->update_us = t;
      stop_fills(o);
      deliver_order(idx);
      return;
    case OA_REPLACE_DONE: {
      if (o->status != ST_PENDING_REPLACE || o->replace_token != ev->gen) return;
      const char16_t *reason = NULL;
      int i = o->instrument;
      if (ev->quantity <= o->traded) reason = u"Alteração rejeitada: quantidade menor que a executada";
      else if (o->type != TYPE_MARKET && (outside_tunnel(i, ev->price) || (o->type == TYPE_STOP_LIMIT && outside_tunnel(i, ev->price2))))
        reason = u"Preço fora do túnel";
      if (reason) {
        o->status = o->prev_status == ST_PENDING_NEW ? ST_NEW : o->prev_status;
        refuse(idx, t, reason);
      } else {
        if (o->type != TYPE_MARKET) o->price = ev->price;
        if (o->type == TYPE_STOP_LIMIT && ev->price2 != o->stop) o->stop = ev->price2, o->triggered = 0;
        o->qty = ev->quantity;
        o->leaves = o->qty - o->traded;
        o->status = o->traded > 0 ? ST_PARTIAL : ST_NEW;
        o->plan_n = o->plan_next = o->plan_done = 0; /* a replaced order fills by the price rules */
        o->text[0] = 0;
        o->update_us = t;
        deliver_order(idx);
      }
      if (g_phase == PHASE_RUNNING) evaluate(idx, t, 1);
      return;
    }
  }
}

void orders_on_trade(int i) {
  for (size_t k = 0; k < g_norders && g_phase == PHASE_RUNNING; k++)
    if (g_orders[k].working && g_orders[k].instrument == i) evaluate((int)k, g_event_us, 0);
}

/* ---------------------------------------------------------------- requests */

static int64_t create_order(int acc, int i, uint8_t side, uint8_t type, double price, double stop, int64_t qty) {
  Order *orders = sim_grow(g_orders, &g_orders_cap, g_norders, sizeof *g_orders);
  if (!orders) return NL_INTERNAL_ERROR;
  g_orders = orders;
  int idx = (int)g_norders;
  Order *o = &g_orders[idx];
  memset(o, 0, sizeof *o);
  int64_t now = sim_now_us();
  o->local_id = g_order_base + idx;
  o->account = acc;
  o->instrument = i;
  o->side = side;
  o->type = type;
  o->status = ST_PENDING_NEW;
  o->qty = o->leaves = qty;
  o->price = type == TYPE_MARKET ? -1 : price;
  o->stop = type == TYPE_STOP_LIMIT ? stop : -1;
  o->date_us = o->update_us = now;
  o->exec_price = NAN;
  o->plan_n = g_knobs.fill_plan_n;
  memcpy(o->plan, g_knobs.fill_plan, sizeof o->plan);
  if (g_knobs.reject_next > 0) {
    g_knobs.reject_next--;
    o->reject = 1;
    set_text(o, g_knobs.reject_reason);
  }
  NResult r = schedule(idx, OA_PENDING_NEW, now + g_knobs.ack_delay_us / 4, 0, 0, 0, 0);
  if (r == NL_OK) r = schedule(idx, OA_ACK, now + g_knobs.ack_delay_us, 0, 0, 0, 0);
  if (r != NL_OK) return r;
  g_norders++;
  g_stats.orders_sent++;
  return o->local_id;
}

static int64_t request_SendOrder(const TConnectorSendOrder *s);

PDLL_API int64_t SendOrder(const TConnectorSendOrder *s) {
  SIM_REQUEST(int64_t, "SendOrder", request_SendOrder(s));
}

static int64_t request_SendOrder(const TConnectorSendOrder *s) {
  pthread_mutex_lock(&g_mu);
  int64_t r = routing_ready();
  int acc = -1, i = -1;
  uint8_t type = 0, side = 0;
  if (r != NL_OK) goto out;
  r = NL_INVALID_ARGS;
  if (!s) goto out;
  if (s->Version > 2) {
    r = NL_VERSION_NOT_SUPPORTED;
    goto out;
  }
  if (s->AccountID.Version != 0 || s->AssetID.Version != 0 || empty16(s->AssetID.Ticker) || empty16(s->AssetID.Exchange) ||
      !s->AccountID.AccountID || s->Quantity <= 0)
    goto out;
  if (s->Version == 0) { /* V0 codes: type 0 limit / 1 stop / 2 market, side 0 buy / 1 sell */
    static const uint8_t TYPES_V0[] = {TYPE_LIMIT, TYPE_STOP_LIMIT, TYPE_MARKET};
    if (s->OrderType > 2 || s->OrderSide > 1) goto out;
    type = TYPES_V0[s->OrderType];
    side = s->OrderSide == 0 ? SIDE_BUY : SIDE_SELL;
  } else {
    if ((s->OrderType != TYPE_MARKET && s->OrderType != TYPE_LIMIT && s->OrderType != TYPE_STOP_LIMIT) ||
        (s->OrderSide != SIDE_BUY && s->OrderSide != SIDE_SELL))
      goto out;
    type = s->OrderType;
    side = s->OrderSide;
  }
  if (type != TYPE_MARKET && !(s->Price > 0 && isfinite(s->Price))) goto out;
  if (type == TYPE_STOP_LIMIT && !(s->StopPrice > 0 && isfinite(s->StopPrice))) goto out;
  if ((r = resolve_account(&s->AccountID, &acc)) != NL_OK) goto out;
  if ((r = resolve_asset(&s->AssetID, &i)) != NL_OK) goto out;
  r = create_order(acc, i, side, type, s->Price, s->StopPrice, s->Quantity);
out:
  pthread_mutex_unlock(&g_mu);
  return r;
}

/* Validates an order reference of `account`; the order's index or a negative NResult. */
static NResult own_order(const TConnectorAccountIdentifier *account, const TConnectorOrderIdentifier *id) {
  int acc;
  NResult r = resolve_account(account, &acc);
  if (r != NL_OK) return r;
  if (id->Version != 0) return NL_INVALID_ARGS;
  int idx = find_order(id);
  if (idx < 0 || g_orders[idx].account != acc) return NL_NOT_FOUND;
  return idx;
}

static NResult request_cancel(int idx) {
  int64_t now = sim_now_us();
  uint32_t token = ++g_token_seq;
  NResult r = schedule(idx, OA_CANCEL_PENDING, now + g_knobs.ack_delay_us / 2, token, 0, 0, 0);
  return r == NL_OK ? schedule(idx, OA_CANCEL_DONE, now + g_knobs.ack_delay_us, token, 0, 0, 0) : r;
}

static NResult request_SendChangeOrderV2(const TConnectorChangeOrder *c);

PDLL_API NResult SendChangeOrderV2(const TConnectorChangeOrder *c) {
  SIM_REQUEST(NResult, "SendChangeOrderV2", request_SendChangeOrderV2(c));
}

static NResult request_SendChangeOrderV2(const TConnectorChangeOrder *c) {
  pthread_mutex_lock(&g_mu);
  NResult r = routing_ready();
  if (r != NL_OK) goto out;
  r = NL_INVALID_ARGS;
  if (!c) goto out;
  if (c->Version > 1) {
    r = NL_VERSION_NOT_SUPPORTED;
    goto out;
  }
  if (c->Quantity <= 0) goto out;
  if ((r = own_order(&c->AccountID, &c->OrderID)) < 0) goto out;
  int idx = r;
  const Order *o = &g_orders[idx];
  r = NL_INVALID_ARGS;
  if (o->type == TYPE_MARKET) goto out;
  if (!(c->Price > 0 && isfinite(c->Price))) goto out;
  double stop = o->stop;
  if (o->type == TYPE_STOP_LIMIT) {
    if (!(c->StopPrice > 0 && isfinite(c->StopPrice))) goto out;
    stop = c->StopPrice;
  }
  int64_t now = sim_now_us();
  uint32_t token = ++g_token_seq;
  r = schedule(idx, OA_REPLACE_PENDING, now + g_knobs.ack_delay_us / 2, token, c->Price, stop, c->Quantity);
  if (r == NL_OK) r = schedule(idx, OA_REPLACE_DONE, now + g_knobs.ack_delay_us, token, c->Price, stop, c->Quantity);
out:
  pthread_mutex_unlock(&g_mu);
  return r;
}

static NResult request_SendCancelOrderV2(const TConnectorCancelOrder *c);

PDLL_API NResult SendCancelOrderV2(const TConnectorCancelOrder *c) {
  SIM_REQUEST(NResult, "SendCancelOrderV2", request_SendCancelOrderV2(c));
}

static NResult request_SendCancelOrderV2(const TConnectorCancelOrder *c) {
  pthread_mutex_lock(&g_mu);
  NResult r = routing_ready();
  if (r == NL_OK && !c) r = NL_INVALID_ARGS;
  if (r == NL_OK && c->Version > 1) r = NL_VERSION_NOT_SUPPORTED;
  if (r == NL_OK && (r = own_order(&c->AccountID, &c->OrderID)) >= 0) r = request_cancel(r);
  pthread_mutex_unlock(&g_mu);
  return r;
}

/* Cancels every open order of the account (and instrument, when i >= 0). */
static NResult cancel_matching(int acc, int i) {
  NResult r = NL_OK;
  for (size_t k = 0; k < g_norders && r == NL_OK; k++) {
    const Order *o = &g_orders[k];
    if (o->account != acc || (i >= 0 && o->instrument != i) || terminal(o->status) || o->status == ST_PENDING_CANCEL) continue;
    r = request_cancel((int)k);
  }
  return r;
}

static NResult request_SendCancelOrdersV2(const TConnectorCancelOrders *c);

PDLL_API NResult SendCancelOrdersV2(const TConnectorCancelOrders *c) {
  SIM_REQUEST(NResult, "SendCancelOrdersV2", request_SendCancelOrdersV2(c));
}

static NResult request_SendCancelOrdersV2(const TConnectorCancelOrders *c) {
  pthread_mutex_lock(&g_mu);
  int acc = -1, i = -1;
  NResult r = routing_ready();
  if (r == NL_OK && !c) r = NL_INVALID_ARGS;
  if (r == NL_OK && c->Version != 0) r = NL_VERSION_NOT_SUPPORTED;
  if (r == NL_OK) r = resolve_account(&c->AccountID, &acc);
  if (r == NL_OK) r = resolve_asset(&c->AssetID, &i);
  if (r == NL_OK) r = cancel_matching(acc, i);
  pthread_mutex_unlock(&g_mu);
  return r;
}

static NResult request_SendCancelAllOrdersV2(const TConnectorCancelAllOrders *c);

PDLL_API NResult SendCancelAllOrdersV2(const TConnectorCancelAllOrders *c) {
  SIM_REQUEST(NResult, "SendCancelAllOrdersV2", request_SendCancelAllOrdersV2(c));
}

static NResult request_SendCancelAllOrdersV2(const TConnectorCancelAllOrders *c) {
  pthread_mutex_lock(&g_mu);
  int acc = -1;
  NResult r = routing_ready();
  if (r == NL_OK && !c) r = NL_INVALID_ARGS;
  if (r == NL_OK && c->Version != 0) r = NL_VERSION_NOT_SUPPORTED;
  if (r == NL_OK) r = resolve_account(&c->AccountID, &acc);
  if (r == NL_OK) r = cancel_matching(acc, -1);
  pthread_mutex_unlock(&g_mu);
  return r;
}

static int64_t request_SendZeroPositionV2(const TConnectorZeroPosition *z);

PDLL_API int64_t SendZeroPositionV2(const TConnectorZeroPosition *z) {
  SIM_REQUEST(int64_t, "SendZeroPositionV2", request_SendZeroPositionV2(z));
}

static int64_t request_SendZeroPositionV2(const TConnectorZeroPosition *z) {
  pthread_mutex_lock(&g_mu);
  int acc = -1, i = -1;
  int64_t r = routing_ready();
  if (r == NL_OK && !z) r = NL_INVALID_ARGS;
  if (r == NL_OK && z->Version > 2) r = NL_VERSION_NOT_SUPPORTED;
  if (r == NL_OK && z->Version >= 1 && z->PositionType != 1 && z->PositionType != 2) r = NL_INVALID_ARGS;
  if (r == NL_OK) r = resolve_account(&z->AccountID, &acc);
  if (r == NL_OK) r = resolve_asset(&z->AssetID, &i);
  if (r == NL_OK) {
    const Position *p = &g_pos[acc][i];
    if (!p->used || p->net == 0) {
      r = NL_NO_POSITION;
    } else {
      int at_market = !(z->Price > 0 && isfinite(z->Price));
      r = create_order(acc, i, p->net > 0 ? SIDE_SELL : SIDE_BUY, at_market ? TYPE_MARKET : TYPE_LIMIT, z->Price, -1,
                       p->net > 0 ? p->net : -p->net);
    }
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

/* ---------------------------------------------------------------- read-back */

static void time_or_zero(int64_t us, TSystemTime *st) {
  if (us > 0) sim_to_system_time(g_epoch_us + us, st);
  else memset(st, 0, sizeof *st);
}

PDLL_API NResult GetOrderDetails(TConnectorOrderOut *out) {
  NResult code;
  if (sim_injected("GetOrderDetails", &code)) return code;
  if (!out) return NL_INVALID_ARGS;
  if (out->Version > 1) return NL_VERSION_NOT_SUPPORTED;
  pthread_mutex_lock(&g_mu);
  NResult r = routing_ready();
  int idx = -1;
  if (r == NL_OK && out->OrderID.Version != 0) r = NL_INVALID_ARGS;
  if (r == NL_OK && (idx = find_order(&out->OrderID)) < 0) r = NL_NOT_FOUND;
  if (r == NL_OK) {
    const Order *o = &g_orders[idx];
    int i = o->instrument;
    out->OrderID.LocalOrderID = o->local_id;
    fill_account_out(o->account, &out->AccountID);
    out->AssetID.Version = 0;
    out->AssetID.FeedType = 0;
    string_out(out->AssetID.Ticker, &out->AssetID.TickerLength, g_instr[i].ticker);
    string_out(out->AssetID.Exchange, &out->AssetID.ExchangeLength, g_instr[i].exchange);
    out->Quantity = o->qty;
    out->TradedQuantity = o->traded;
    out->LeavesQuantity = o->leaves;
    out->Price = o->price;
    out->StopPrice = o->stop;
    out->AveragePrice = o->traded > 0 ? o->avg : 0;
    out->OrderSide = o->side;
    out->OrderType = o->type;
    out->OrderStatus = o->status;
    out->ValidityType = 0; /* day */
    time_or_zero(o->date_us, &out->Date);
    time_or_zero(o->update_us, &out->LastUpdate);
    time_or_zero(terminal(o->status) ? o->close_us : 0, &out->CloseDate);
    memset(&out->ValidityDate, 0, sizeof out->ValidityDate);
    string_out(out->TextMessage, &out->TextMessageLength, o->text);
    if (out->Version >= 1) out->EventID = o->event_id;
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

/* A TConnectorOrder with its strings, valid while the enumeration proc runs. */
typedef struct {
  TConnectorOrder order;
  char16_t cl[CL_CHARS], account[32], sub[32], ticker[16], exchange[4], text[SIM_MAX_TEXT];
} OrderCopy;

static void copy_order(int idx, uint8_t version, OrderCopy *c) {
  const Order *o = &g_orders[idx];
  TConnectorOrder *d = &c->order;
  memset(d, 0, sizeof *d);
  memcpy(c->cl, o->cl_ord_id, sizeof c->cl);
  u16copy(c->account, 32, ACCOUNTS[o->account].account);
  u16copy(c->sub, 32, ACCOUNTS[o->account].sub);
  u16copy(c->ticker, 16, g_instr[o->instrument].ticker);
  u16copy(c->exchange, 4, g_instr[o->instrument].exchange);
  u16copy(c->text, SIM_MAX_TEXT, o->text);
  d->Version = version;
  d->OrderID.LocalOrderID = o->local_id;
  d->OrderID.ClOrderID = c->cl;
  d->AccountID.BrokerID = SIM_BROKER_ID;
  d->AccountID.AccountID = c->account;
  d->AccountID.SubAccountID = c->sub;
  d->AssetID.Ticker = c->ticker;
  d->AssetID.Exchange = c->exchange;
  d->Quantity = o->qty;
  d->TradedQuantity = o->traded;
  d->LeavesQuantity = o->leaves;
  d->Price = o->price;
  d->StopPrice = o->stop;
  d->AveragePrice = o->traded > 0 ? o->avg : 0;
  d->OrderSide = o->side;
  d->OrderType = o->type;
  d->OrderStatus = o->status;
  d->ValidityType = 0;
  time_or_zero(o->date_us, &d->Date);
  time_or_zero(o->update_us, &d->LastUpdate);
  time_or_zero(terminal(o->status) ? o->close_us : 0, &d->CloseDate);
  d->TextMessage = c->text;
  if (version >= 1) d->EventID = o->event_id;
}

static int day_key(const TSystemTime *st) { return st->wYear * 10000 + st->wMonth * 100 + st->wDay; }

/* Synchronous on the caller's thread; the lock is released around each proc call. */
static NResult enumerate(const char *fn, const TConnectorAccountIdentifier *account, uint8_t version, int by_day, int from,
                         int to, intptr_t param, TConnectorEnumerateOrdersProc proc) {
  NResult code;
  if (sim_injected(fn, &code)) return code;
  if (!proc) return NL_INVALID_ARGS;
  if (version > 1) return NL_VERSION_NOT_SUPPORTED;
  OrderCopy *copy = malloc(sizeof *copy);
  if (!copy) return NL_INTERNAL_ERROR;
  pthread_mutex_lock(&g_mu);
  int acc = -1;
  NResult r = routing_ready();
  if (r == NL_OK) r = resolve_account(account, &acc);
  for (size_t k = 0; r == NL_OK && k < g_norders && g_phase == PHASE_RUNNING; k++) {
    if (g_orders[k].account != acc) continue;
    if (by_day) {
      TSystemTime st;
      sim_to_system_time(g_epoch_us + g_orders[k].date_us, &st);
      int key = day_key(&st);
      if (key < from || key > to) continue;
    }
    copy_order((int)k, version, copy);
    pthread_mutex_unlock(&g_mu);
    int more = proc(&copy->order, param);
    pthread_mutex_lock(&g_mu);
    if (!more) break;
  }
  pthread_mutex_unlock(&g_mu);
  free(copy);
  return r;
}

PDLL_API NResult EnumerateAllOrders(const TConnectorAccountIdentifier *account, uint8_t version, intptr_t param,
                                    TConnectorEnumerateOrdersProc proc) {
  return enumerate("EnumerateAllOrders", account, version, 0, 0, 0, param, proc);
}

PDLL_API NResult EnumerateOrdersByInterval(const TConnectorAccountIdentifier *account, uint8_t version, TSystemTime start,
                                           TSystemTime end, intptr_t param, TConnectorEnumerateOrdersProc proc) {
  if (day_key(&end) < day_key(&start)) return NL_INVALID_ARGS;
  return enumerate("EnumerateOrdersByInterval", account, version, 1, day_key(&start), day_key(&end), param, proc);
}

PDLL_API NResult HasOrdersInInterval(const TConnectorAccountIdentifier *account, TSystemTime start, TSystemTime end) {
  NResult code;
  if (sim_injected("HasOrdersInInterval", &code)) return code;
  if (day_key(&end) < day_key(&start)) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  int acc;
  NResult r = routing_ready();
  if (r == NL_OK) r = resolve_account(account, &acc); /* the session's orders are always loaded */
  pthread_mutex_unlock(&g_mu);
  return r;
}

PDLL_API NResult GetPositionV2(TConnectorTradingAccountPosition *p) {
  NResult code;
  if (sim_injected("GetPositionV2", &code)) return code;
  if (!p) return NL_INVALID_ARGS;
  if (p->Version < 1 || p->Version > 2) return NL_VERSION_NOT_SUPPORTED;
  pthread_mutex_lock(&g_mu);
  int acc = -1, i = -1;
  NResult r = routing_ready();
  if (r == NL_OK) r = resolve_account(&p->AccountID, &acc);
  if (r == NL_OK) r = resolve_asset(&p->AssetID, &i);
  if (r == NL_OK && p->PositionType != 1 && p->PositionType != 2) r = NL_INVALID_ARGS;
  if (r == NL_OK && !g_pos[acc][i].used) r = NL_NO_POSITION;
  if (r == NL_OK) {
    /* day-trade and consolidated agree: the simulator has no custody from earlier sessions */
    const Position *q = &g_pos[acc][i];
    p->OpenQuantity = q->net > 0 ? q->net : -q->net;
    p->OpenAveragePrice = q->open_avg;
    p->OpenSide = q->net > 0 ? 1 : q->net < 0 ? 2 : 0;
    p->DailyAverageSellPrice = q->sell_qty > 0 ? q->sell_notional / (double)q->sell_qty : 0;
    p->DailySellQuantity = q->sell_qty;
    p->DailyAverageBuyPrice = q->buy_qty > 0 ? q->buy_notional / (double)q->buy_qty : 0;
    p->DailyBuyQuantity = q->buy_qty;
    p->DailyQuantityD1 = p->DailyQuantityD2 = p->DailyQuantityD3 = 0;
    p->DailyQuantityBlocked = p->DailyQuantityPending = p->DailyQuantityAlloc = p->DailyQuantityProvision = 0;
    p->DailyQuantity = q->net;
    p->DailyQuantityAvailable = q->net;
    if (p->Version >= 2) p->EventID = q->event_id;
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

PDLL_API NResult EnumerateAllPositionAssets(const TConnectorAccountIdentifier *account, uint8_t version, intptr_t param,
                                            TConnectorEnumerateAssetProc proc) {
  NResult code;
  if (sim_injected("EnumerateAllPositionAssets", &code)) return code;
  if (!proc) return NL_INVALID_ARGS;
  if (version != 0) return NL_VERSION_NOT_SUPPORTED;
  pthread_mutex_lock(&g_mu);
  int acc = -1;
  NResult r = routing_ready();
  if (r == NL_OK) r = resolve_account(account, &acc);
  for (int i = 0; r == NL_OK && i < N_INSTRUMENTS; i++) {
    if (!g_pos[acc][i].used) continue;
    char16_t ticker[16], exchange[4];
    memcpy(ticker, g_instr[i].ticker, sizeof ticker);
    memcpy(exchange, g_instr[i].exchange, sizeof exchange);
    TConnectorAssetIdentifier asset = {.Version = 0, .Ticker = ticker, .Exchange = exchange};
    pthread_mutex_unlock(&g_mu);
    int more = proc(&asset, param);
    pthread_mutex_lock(&g_mu);
    if (!more) break;
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

/* ---------------------------------------------------------------- accounts */

/* Copies accounts[from .. from+count) of a list into out[dest ..]; the number written. */
static NResult copy_accounts(const int *list, int n, int32_t from, int32_t dest, int32_t count,
                             TConnectorAccountIdentifierOut *out) {
  if (from < 0 || dest < 0 || count < 0 || (!out && count > 0)) return NL_INVALID_ARGS;
  int written = 0;
  for (int32_t k = 0; k < count && from + k < n; k++) {
    fill_account_out(list[from + k], &out[dest + k]);
    written++;
  }
  return written;
}

static const int MASTERS[] = {0};
static const int SUBS_OF_MASTER[] = {1};

PDLL_API NResult GetAccountCount(void) {
  NResult code;
  if (sim_injected("GetAccountCount", &code)) return code;
  pthread_mutex_lock(&g_mu);
  NResult r = routing_ready();
  pthread_mutex_unlock(&g_mu);
  return r == NL_OK ? 1 : r;
}

PDLL_API NResult GetAccounts(int32_t from, int32_t dest, int32_t count, TConnectorAccountIdentifierOut *out) {
  NResult code;
  if (sim_injected("GetAccounts", &code)) return code;
  pthread_mutex_lock(&g_mu);
  NResult r = routing_ready();
  pthread_mutex_unlock(&g_mu);
  return r == NL_OK ? copy_accounts(MASTERS, 1, from, dest, count, out) : r;
}

PDLL_API NResult GetAccountCountByBroker(int32_t broker) {
  pthread_mutex_lock(&g_mu);
  NResult r = routing_ready();
  pthread_mutex_unlock(&g_mu);
  if (r != NL_OK) return r;
  return broker == SIM_BROKER_ID ? 1 : NL_NOT_FOUND;
}

PDLL_API NResult GetAccountsByBroker(int32_t broker, int32_t from, int32_t dest, int32_t count,
                                     TConnectorAccountIdentifierOut *out) {
  pthread_mutex_lock(&g_mu);
  NResult r = routing_ready();
  pthread_mutex_unlock(&g_mu);
  if (r != NL_OK) return r;
  if (broker != SIM_BROKER_ID) return NL_NOT_FOUND;
  return copy_accounts(MASTERS, 1, from, dest, count, out);
}

static NResult master_of(const TConnectorAccountIdentifier *master) {
  int acc = -1;
  NResult r = routing_ready();
  if (r == NL_OK) r = resolve_account(master, &acc);
  if (r == NL_OK && ACCOUNTS[acc].sub[0]) r = NL_NOT_MASTER_ACCOUNT;
  return r;
}

PDLL_API NResult GetSubAccountCount(const TConnectorAccountIdentifier *master) {
  pthread_mutex_lock(&g_mu);
  NResult r = master_of(master);
  pthread_mutex_unlock(&g_mu);
  return r == NL_OK ? 1 : r;
}

PDLL_API NResult GetSubAccounts(const TConnectorAccountIdentifier *master, int32_t from, int32_t dest, int32_t count,
                                TConnectorAccountIdentifierOut *out) {
  pthread_mutex_lock(&g_mu);
  NResult r = master_of(master);
  pthread_mutex_unlock(&g_mu);
  return r == NL_OK ? copy_accounts(SUBS_OF_MASTER, 1, from, dest, count, out) : r;
}

PDLL_API NResult GetAccountDetails(TConnectorTradingAccountOut *a) {
  NResult code;
  if (sim_injected("GetAccountDetails", &code)) return code;
  if (!a) return NL_INVALID_ARGS;
  if (a->Version > 1) return NL_VERSION_NOT_SUPPORTED;
  pthread_mutex_lock(&g_mu);
  int acc = -1;
  NResult r = routing_ready();
  if (r == NL_OK) r = resolve_account(&a->AccountID, &acc);
  if (r == NL_OK) {
    string_out(a->BrokerName, &a->BrokerNameLength, BROKER_NAME);
    string_out(a->OwnerName, &a->OwnerNameLength, ACCOUNTS[acc].owner);
    string_out(a->SubOwnerName, &a->SubOwnerNameLength, ACCOUNTS[acc].sub_owner);
    a->AccountFlags = ACCOUNTS[acc].flags;
    if (a->Version >= 1) a->AccountType = ACCOUNTS[acc].type;
  }
  pthread_mutex_unlock(&g_mu);
  return r;
}

/* ---------------------------------------------------------------- simulator controls */

PDLL_API NResult Sim_SetOrderTiming(int64_t ackDelayMs, int64_t fillDelayMs) {
  if (ackDelayMs < 0 || fillDelayMs < 0 || ackDelayMs > 3600000 || fillDelayMs > 3600000) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  g_knobs.ack_delay_us = ackDelayMs * 1000;
  g_knobs.fill_delay_us = fillDelayMs * 1000;
  pthread_mutex_unlock(&g_mu);
  return NL_OK;
}

PDLL_API NResult Sim_SetFillPlan(const double *fractions, int32_t n) {
  if (n < 0 || n > SIM_MAX_FILL_PLAN || (n > 0 && !fractions)) return NL_INVALID_ARGS;
  double sum = 0;
  for (int32_t k = 0; k < n; k++) {
    if (!(fractions[k] > 0 && fractions[k] <= 1)) return NL_INVALID_ARGS;
    sum += fractions[k];
  }
  if (sum > 1.000001) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  memset(g_knobs.fill_plan, 0, sizeof g_knobs.fill_plan);
  for (int32_t k = 0; k < n; k++) g_knobs.fill_plan[k] = fractions[k];
  g_knobs.fill_plan_n = n;
  pthread_mutex_unlock(&g_mu);
  return NL_OK;
}

PDLL_API NResult Sim_RejectNext(int32_t n, const char16_t *reason) {
  if (n < 0) return NL_INVALID_ARGS;
  pthread_mutex_lock(&g_mu);
  g_knobs.reject_next = n;
  u16copy(g_knobs.reject_reason, SIM_MAX_TEXT, reason ? reason : u"Ordem rejeitada pelo simulador");
  pthread_mutex_unlock(&g_mu);
  return NL_OK;
}
