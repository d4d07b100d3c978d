import { type AsyncQueue, createAsyncQueue, hasRole, type Price, unauthenticated, type Viewer } from '@b3/kit';
import { instrumentRules } from '../domain/instrument-rules';
import { type BrlAmount, brlAmount, type Multiplier, parseMultiplier } from '../domain/money';
import { type AccountPnl as PnlRollup, accountPnl as rollUp, type Marks, type MarkSource, startSession, type SymbolPnl } from '../domain/pnl';
import { applyFills, emptyPosition, type Position, type PositionSide, positionSide } from '../domain/position';
import type { AccountPnl as RiskPnl } from '../domain/risk';
import { sessionDateOf, sessionStartOf } from '../domain/trading-session';
import { OrderErrors } from '../errors';
import type { PositionStore, StoredFill } from '../store/position.store';
import type { MarkFeed } from './marks.port';
import type { PnlSource } from './risk-inputs.port';

/** How often, at most, a new last trade republishes one position. */
export const MARK_THROTTLE_MS = 1_000;
/** Positions a subscriber may have waiting; conflated per symbol, so this is a count of symbols. */
const POSITION_QUEUE = 10_000;

/** One position as the API shows it. Amounts are exact with their centavo text; prices canonical text. */
export interface PositionView {
  readonly account: string;
  readonly symbol: string;
  /** Signed: long > 0, short < 0. */
  readonly netQuantity: number;
  readonly side: PositionSide;
  /** Null when flat. */
  readonly averagePrice: Price | null;
  /** Realized since the first fill on record, by the average-price method. */
  readonly realizedPnl: BrlAmount;
  /** Realized since the session start. */
  readonly realizedToday: BrlAmount;
  /** Against the average price: (mark − average) × net × multiplier. */
  readonly unrealizedPnl: BrlAmount;
  /** The day's result: realized today plus the change in unrealized since the session-start mark. */
  readonly dailyPnl: BrlAmount;
  readonly mark: Price | null;
  readonly markSource: MarkSource;
  /** The São Paulo trading date the daily figures belong to. */
  readonly sessionDate: string;
}

/** The account roll-up of pnl.ts: realized today, unrealized, its change since the session start, net. */
export type AccountPnlView = PnlRollup;

/**
 * Told the account's P&L after every recompute, in the risk engine's terms (realizedToday plus the
 * unrealized change since the session start: the loss DAILY_LOSS measures). The app points it at the
 * kill switch's daily-loss trip.
 */
export type AccountPnlListener = (account: string, pnl: RiskPnl) => void | Promise<void>;

export interface PositionServiceOptions {
  clock?: () => Date;
  onAccountPnl?: AccountPnlListener;
  /** Defaults to MARK_THROTTLE_MS; tests shorten it. */
  markThrottleMs?: number;
  logger?: { warn(obj: object, msg: string): void };
}

/** One symbol of an account: every fill on record, and the position before and after today's. */
interface SymbolBook {
  readonly symbol: string;
  readonly multiplier: Multiplier;
  readonly fills: readonly StoredFill[];
  /** Every fill before the session start: what the account carried into the day. */
  readonly atStart: Position;
  readonly current: Position;
  readonly tradedToday: boolean;
  /** The read these fills came from; a read that started earlier never replaces one that started later. */
  readonly readSeq: number;
}

interface AccountBook {
  readonly account: string;
  /** Settles once the first full read is applied; rejected reads drop the book so the next call retries. */
  ready: Promise<void>;
  sessionDate: string;
  readonly symbols: Map<string, SymbolBook>;
  /** Numbers every read of this account in the order it started. */
  seq: number;
}

interface Computed {
  readonly rollup: PnlRollup;
  readonly views: ReadonlyMap<string, PositionView>;
}

interface Throttle {
  last: number;
  timer: NodeJS.Timeout | null;
}

const ONE: Multiplier = parseMultiplier('1');

/**
 * BRL per point from the instrument rules. DI1 has no linear multiplier and a symbol the rules do not
 * know cannot have fills (orders are validated first); both count 1 BRL per point, like the risk check's
 * notional, so such a position still shows a result instead of failing the whole account.
 */
function multiplierOf(symbol: string): Multiplier {
  const lookup = instrumentRules(symbol);
  return lookup.ok && lookup.instrument.multiplier ? parseMultiplier(lookup.instrument.multiplier) : ONE;
}

const normalize = (symbol: string): string => symbol.trim().toUpperCase();

/**
 * Positions and P&L per account, from the fills in `order_fills` and the market's marks.
 *
 * - Positions use the average-price method (domain/position.ts), rebuilt from every fill on record.
 * - Daily P&L is mark-to-market from the session start (domain/pnl.ts). The session is the São Paulo
 *   trading date and starts at 00:00 São Paulo time (domain/trading-session.ts); it rolls over by itself
 *   at the first computation after midnight.
 * - A position carried into the day is valued at the session start at the previous close (for futures,
 *   the previous settlement) the feed reported today; until it has, at the last trade of an earlier
 *   session, and failing that at the position's own last fill. Once the previous close arrives, the
 *   baseline uses it (it is recomputed every time, so nothing is frozen at a guess).
 * - The current mark is today's last trade; before one, pnl.ts falls back to the session-start mark, then
 *   the last fill, and the view says which in markSource.
 *
 * An account is read from the store once, on first use, and then kept in memory; `refresh` re-reads one
 * symbol after the order service persists new fills, so memory never drifts from the table.
 */
export class PositionService implements PnlSource {
  private readonly books = new Map<string, AccountBook>();
  /** Accounts with an open position per symbol: who a new last trade concerns. */
  private readonly holders = new Map<string, Set<string>>();
  private readonly watchers = new Map<string, Set<(view: PositionView) => void>>();
  private readonly throttles = new Map<string, Throttle>();
  private readonly queues = new Set<AsyncQueue<PositionView>>();
  private readonly clock: () => Date;
  private readonly throttleMs: number;
  private readonly stopMarks: () => void;
  private closed = false;

  constructor(
    private readonly store: PositionStore,
    private readonly marks: MarkFeed,
    private readonly options: PositionServiceOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.throttleMs = options.markThrottleMs ?? MARK_THROTTLE_MS;
    this.stopMarks = marks.onTradeMark((symbol) => this.markMoved(symbol));
  }

  // ---- PnlSource (the risk engine) ----

  /** realizedToday, and as `unrealized` the change since the session start: what DAILY_LOSS measures. */
  async accountPnl(account: string): Promise<RiskPnl> {
    return toRiskPnl(this.compute(await this.loaded(account)).rollup);
  }

  async position(account: string, symbol: string): Promise<number> {
    const book = await this.loaded(account);
    return book.symbols.get(normalize(symbol))?.current.netQuantity ?? 0;
  }

  // ---- Reads by account (callers have decided the account is theirs to see) ----

  /** Open positions and those traded today (flat or not), by symbol. */
  async positions(account: string): Promise<PositionView[]> {
    const book = await this.loaded(account);
    const { views } = this.compute(book);
    return [...views.values()].filter((view) => view.netQuantity !== 0 || book.symbols.get(view.symbol)?.tradedToday);
  }

  /** Null when the account never traded the symbol; a flat view when it did. */
  async positionView(account: string, symbol: string): Promise<PositionView | null> {
    return (await this.positionViews(account, [symbol]))[0];
  }

  /** One computation for many symbols, in the order asked (a DataLoader batch). */
  async positionViews(account: string, symbols: readonly string[]): Promise<Array<PositionView | null>> {
    const { views } = this.compute(await this.loaded(account));
    return symbols.map((symbol) => views.get(normalize(symbol)) ?? null);
  }

  async pnl(account: string): Promise<AccountPnlView> {
    return this.compute(await this.loaded(account)).rollup;
  }

  /**
   * The order service calls this after it persisted new fills of (account, symbol): re-reads that
   * symbol's fills, recomputes, publishes the position and reports the account's P&L. Resolves after
   * the report, so a daily-loss trip has happened by then. Rejects when the store cannot be read, leaving
   * what is in memory as it was (the caller retries, or the next refresh of the symbol catches up).
   */
  async refresh(account: string, symbol: string): Promise<void> {
    const target = normalize(symbol);
    const created = !this.books.has(account);
    const book = this.book(account);
    await book.ready;
    // A book this call created was read after the fills were persisted: reading the symbol again would
    // return the same rows. Any other book may predate them.
    if (!created) {
      const seq = ++book.seq;
      const fills = await this.store.fills({ account, symbol: target });
      if (this.books.get(account) === book) this.applyRead(book, target, fills, seq);
    }
    const computed = this.compute(book);
    const view = computed.views.get(target);
    if (view) this.publish(view);
    await this.report(account, computed.rollup);
  }

  /** Every position's changes; conflated per symbol, so a slow reader gets each symbol's latest state. */
  subscribe(account: string): AsyncIterableIterator<PositionView> {
    const notify = (view: PositionView): void => queue.push(view);
    const queue = createAsyncQueue<PositionView>({
      limit: POSITION_QUEUE,
      conflateBy: (view) => view.symbol,
      onClose: () => {
        this.queues.delete(queue);
        const set = this.watchers.get(account);
        set?.delete(notify);
        if (set?.size === 0) this.watchers.delete(account);
      },
    });
    if (this.closed) {
      queue.end();
      return queue;
    }
    this.queues.add(queue);
    const set = this.watchers.get(account) ?? new Set();
    set.add(notify);
    this.watchers.set(account, set);
    // Registered first, so a change while the snapshot loads is not lost: conflation keeps the newest.
    this.positions(account).then(
      (views) => views.forEach(notify),
      (error: unknown) => queue.end(error instanceof Error ? error : new Error(String(error))),
    );
    return queue;
  }

  // ---- Reads for a viewer: the account is the viewer's own unless an admin names another ----

  async positionsFor(viewer: Viewer | null, account?: string | null): Promise<PositionView[]> {
    return this.positions(accountFor(viewer, account));
  }

  async pnlFor(viewer: Viewer | null, account?: string | null): Promise<AccountPnlView> {
    return this.pnl(accountFor(viewer, account));
  }

  positionUpdates(viewer: Viewer | null, account?: string | null): AsyncIterableIterator<PositionView> {
    return this.subscribe(accountFor(viewer, account));
  }

  /** The viewer's own position per symbol (Ticker.position); all null for an anonymous caller. */
  async ownPositions(viewer: Viewer | null, symbols: readonly string[]): Promise<Array<PositionView | null>> {
    if (!viewer) return symbols.map(() => null);
    return this.positionViews(viewer.id, symbols);
  }

  // ---- Lifecycle ----

  /** Loads every account with fills, so the daily-loss trip watches accounts that have not traded since a restart. */
  async warmUp(): Promise<number> {
    const accounts = await this.store.accountsWithFills();
    for (const account of accounts) await this.loaded(account);
    return accounts.length;
  }

  /** Stops listening to marks, cancels pending republishes and ends every subscription. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopMarks();
    for (const throttle of this.throttles.values()) if (throttle.timer) clearTimeout(throttle.timer);
    this.throttles.clear();
    // each queue's onClose unregisters it, so end a copy
    for (const queue of [...this.queues]) queue.end();
  }

  // ---- Internals ----

  private book(account: string): AccountBook {
    const existing = this.books.get(account);
    if (existing) return existing;
    const book: AccountBook = { account, ready: Promise.resolve(), sessionDate: this.sessionDate(), symbols: new Map(), seq: 0 };
    const seq = ++book.seq;
    book.ready = this.store.fills({ account }).then(
      (fills) => {
        const bySymbol = new Map<string, StoredFill[]>();
        for (const fill of fills) {
          const list = bySymbol.get(fill.symbol);
          if (list) list.push(fill);
          else bySymbol.set(fill.symbol, [fill]);
        }
        for (const [symbol, list] of bySymbol) this.applyRead(book, symbol, list, seq);
      },
      (error: unknown) => {
        // not cached: the next call reads again instead of repeating a failure forever
        if (this.books.get(account) === book) this.books.delete(account);
        throw error;
      },
    );
    this.books.set(account, book);
    return book;
  }

  /** The account's book, read on first use; the first reader also reports its P&L (the trip may be due). */
  private async loaded(account: string): Promise<AccountBook> {
    const created = !this.books.has(account);
    const book = this.book(account);
    await book.ready;
    // Reported outside `ready`, so a trip that cancels orders (and so refreshes positions) cannot wait on itself.
    if (created) await this.report(account, this.compute(book).rollup);
    return book;
  }

  private applyRead(book: AccountBook, symbol: string, fills: readonly StoredFill[], seq: number): void {
    const existing = book.symbols.get(symbol);
    if (existing && existing.readSeq > seq) return;
    if (!existing && fills.length === 0) return;
    const entry = buildSymbol(book.account, symbol, existing?.multiplier ?? multiplierOf(symbol), fills, sessionStartOf(book.sessionDate), seq);
    book.symbols.set(symbol, entry);
    this.trackHolder(book.account, entry);
  }

  private trackHolder(account: string, entry: SymbolBook): void {
    const set = this.holders.get(entry.symbol) ?? new Set<string>();
    if (entry.current.netQuantity !== 0) set.add(account);
    else set.delete(account);
    if (set.size > 0) this.holders.set(entry.symbol, set);
    else this.holders.delete(entry.symbol);
  }

  private sessionDate(): string {
    return sessionDateOf(this.clock());
  }

  /** Splits every symbol's fills again at the new session start once the São Paulo date has changed. */
  private rollOver(book: AccountBook): void {
    const today = this.sessionDate();
    if (today === book.sessionDate) return;
    book.sessionDate = today;
    const start = sessionStartOf(today);
    for (const [symbol, entry] of book.symbols) {
      const next = buildSymbol(book.account, symbol, entry.multiplier, entry.fills, start, entry.readSeq);
      book.symbols.set(symbol, next);
      this.trackHolder(book.account, next);
    }
  }

  private compute(book: AccountBook): Computed {
    this.rollOver(book);
    const date = book.sessionDate;
    const entries = [...book.symbols.values()];
    const startMarks = new Map<string, string>();
    const currentMarks = new Map<string, string>();
    for (const entry of entries) {
      if (entry.atStart.netQuantity !== 0) startMarks.set(entry.symbol, this.startMark(entry, date));
      const trade = this.marks.tradeMark(entry.symbol);
      // a last trade from an earlier session is no mark for today; pnl.ts then falls back to the start mark
      if (trade && sessionDateOf(trade.time) >= date) currentMarks.set(entry.symbol, trade.price);
    }
    const session = startSession({ account: book.account, date, marks: startMarks, positions: entries.map((entry) => entry.atStart) });
    // every carried symbol got a start mark above, so this cannot happen short of a bug
    if (!session.ok) throw new Error(`No session-start mark for ${session.missingMarks.join(', ')}`);
    const rollup = rollUp(session.daily, entries.map((entry) => entry.current), currentMarks as Marks);
    const views = new Map<string, PositionView>();
    for (const row of rollup.symbols) {
      const entry = book.symbols.get(row.symbol)!;
      views.set(row.symbol, toView(book.account, date, entry.current, row));
    }
    return { rollup, views };
  }

  /** Previous close reported today; else the last trade of an earlier session; else the last fill. */
  private startMark(entry: SymbolBook, date: string): string {
    const close = this.marks.closeMark(entry.symbol);
    if (close && sessionDateOf(close.receivedAt) === date) return close.price;
    const trade = this.marks.tradeMark(entry.symbol);
    if (trade && sessionDateOf(trade.time) < date) return trade.price;
    // a carried position has at least one fill, so it has a last fill price
    return entry.atStart.lastFillPrice!;
  }

  private publish(view: PositionView): void {
    this.throttleOf(view.account, view.symbol).last = Date.now();
    this.watchers.get(view.account)?.forEach((notify) => notify(view));
  }

  private async report(account: string, rollup: PnlRollup): Promise<void> {
    if (!this.options.onAccountPnl) return;
    try {
      await this.options.onAccountPnl(account, toRiskPnl(rollup));
    } catch (error) {
      // the positions are right whatever the listener did; its failure is for the log, not the caller
      this.options.logger?.warn({ err: error, account }, 'the account P&L listener failed');
    }
  }

  private throttleOf(account: string, symbol: string): Throttle {
    const key = `${account}\u0000${symbol}`;
    let throttle = this.throttles.get(key);
    if (!throttle) {
      throttle = { last: Number.NEGATIVE_INFINITY, timer: null };
      this.throttles.set(key, throttle);
    }
    return throttle;
  }

  /** A new last trade: revalue every open position in the symbol, each at most once per throttle window. */
  private markMoved(symbol: string): void {
    if (this.closed) return;
    for (const account of this.holders.get(symbol) ?? []) {
      const throttle = this.throttleOf(account, symbol);
      if (throttle.timer) continue; // already due: it will read the newest mark when it runs
      const wait = throttle.last + this.throttleMs - Date.now();
      if (wait <= 0) {
        void this.revalue(account, symbol);
        continue;
      }
      throttle.timer = setTimeout(() => {
        throttle.timer = null;
        void this.revalue(account, symbol);
      }, wait);
      // a pending republish must never keep the process (or a test run) alive
      throttle.timer.unref();
    }
  }

  private async revalue(account: string, symbol: string): Promise<void> {
    const book = this.books.get(account);
    if (this.closed || !book) return;
    try {
      await book.ready;
      const computed = this.compute(book);
      const view = computed.views.get(symbol);
      if (view) this.publish(view);
      await this.report(account, computed.rollup);
    } catch (error) {
      this.options.logger?.warn({ err: error, account, symbol }, 'could not revalue a position at a new mark');
    }
  }
}

function buildSymbol(account: string, symbol: string, multiplier: Multiplier, fills: readonly StoredFill[], start: Date, readSeq: number): SymbolBook {
  // fills come in time order, so the ones before the session start are a prefix
  let split = fills.findIndex((fill) => fill.time.getTime() >= start.getTime());
  if (split < 0) split = fills.length;
  const atStart = applyFills(emptyPosition(account, symbol, multiplier), fills.slice(0, split));
  const current = applyFills(atStart, fills.slice(split));
  return { symbol, multiplier, fills, atStart, current, tradedToday: split < fills.length, readSeq };
}

function toView(account: string, sessionDate: string, position: Position, row: SymbolPnl): PositionView {
  return {
    account,
    symbol: row.symbol,
    netQuantity: position.netQuantity,
    side: positionSide(position),
    averagePrice: position.averagePrice,
    realizedPnl: brlAmount(position.realizedPnl),
    realizedToday: row.realizedToday,
    unrealizedPnl: row.unrealized,
    dailyPnl: row.net,
    mark: row.mark,
    markSource: row.markSource,
    sessionDate,
  };
}

function toRiskPnl(rollup: PnlRollup): RiskPnl {
  return { realizedToday: rollup.realizedToday.text, unrealized: rollup.unrealizedChange.text };
}

/** The same rule as orders: the viewer's own account unless an admin names another. */
function accountFor(viewer: Viewer | null, requested: string | null | undefined): string {
  if (!viewer) throw unauthenticated();
  const account = requested?.trim();
  if (!account || account === viewer.id) return viewer.id;
  if (!hasRole(viewer, 'admin')) throw OrderErrors.otherAccount();
  return account;
}
