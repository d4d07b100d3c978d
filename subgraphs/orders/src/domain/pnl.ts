import type { Price } from '@b3/kit';
import { addBrl, type BrlAmount, brlAmount, type ExactBrl, formatPriceUnits, parsePriceUnits, subtractBrl, ZERO_BRL } from './money';
import { type Position, unrealizedPnl } from './position';

/**
 * Daily P&L and the account roll-up.
 *
 * Convention: the day's result is mark-to-market from the session start.
 *
 *   daily = realized since the session start + (unrealized now − unrealized at the session-start mark)
 *
 * A position carried overnight is valued at the session start at the previous close (or, for futures,
 * the previous settlement price), given as input. Realized P&L on the average-price method still measures
 * a sale against the average, which may include yesterday's gains; the unrealized change takes those back
 * out, so the day's result is exactly
 *
 *   Σ today's fill cash flows × multiplier + (net now × mark now − net at start × start mark) × multiplier
 *
 * which is what B3's daily settlement (ajuste diário) pays on futures, and what a daily loss limit has to
 * measure: a trader who carried a winning position does not start the day with yesterday's gain as
 * headroom. (`unrealized` on its own is still against the average, as a trader expects to see it.)
 *
 * The session is a value: startSession takes a snapshot of every position of the account, and the daily
 * numbers are differences from it, so nothing in a position is reset and its history stays intact.
 * Call startSession before applying the new session's first fill.
 */

/** Prices by symbol: last trades for marking now, previous close or settlement for a session start. */
export type Marks = ReadonlyMap<string, string>;

/** Where the mark used for a symbol came from, so a stale valuation is visible rather than silent. */
export const MARK_SOURCES = ['LAST_TRADE', 'SESSION_START', 'LAST_FILL', 'NONE'] as const;
export type MarkSource = (typeof MARK_SOURCES)[number];

export interface SessionBaseline {
  readonly symbol: string;
  readonly netQuantity: number;
  /** The previous close or settlement a carried position was marked at; null if it was flat. */
  readonly mark: Price | null;
  readonly realized: ExactBrl;
  readonly unrealized: ExactBrl;
}

export interface DailyPnl {
  readonly account: string;
  /** The trading date (America/Sao_Paulo), YYYY-MM-DD. */
  readonly sessionDate: string;
  readonly baselines: ReadonlyMap<string, SessionBaseline>;
}

export type StartSessionResult = { ok: true; daily: DailyPnl } | { ok: false; missingMarks: string[] };

export interface StartSessionInput {
  readonly account: string;
  readonly date: string;
  /** Previous close or settlement per symbol; required for every position carried (net ≠ 0). */
  readonly marks: Marks;
  /** Every position of the account, flat ones included (their realized history is the baseline). */
  readonly positions: readonly Position[];
}

export interface SymbolPnl {
  readonly symbol: string;
  readonly netQuantity: number;
  readonly averagePrice: Price | null;
  readonly mark: Price | null;
  readonly markSource: MarkSource;
  readonly realizedToday: BrlAmount;
  /** Against the average price: (mark − average) × net × multiplier. */
  readonly unrealized: BrlAmount;
  /** Unrealized now minus unrealized at the session-start mark. */
  readonly unrealizedChange: BrlAmount;
  /** The day's result: realizedToday + unrealizedChange. */
  readonly net: BrlAmount;
}

export interface AccountPnl {
  readonly account: string;
  readonly sessionDate: string;
  /** Totals are rounded once from the exact sums, so they can differ by a centavo from adding the rows. */
  readonly realizedToday: BrlAmount;
  readonly unrealized: BrlAmount;
  readonly unrealizedChange: BrlAmount;
  readonly net: BrlAmount;
  /** Sorted by symbol, for a stable display. */
  readonly symbols: readonly SymbolPnl[];
}

const SESSION_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Starts (or restarts) a trading session: snapshots realized P&L and marks every carried position at the
 * given previous close. A carried position without a mark cannot be valued, so instead of guessing the
 * result lists the symbols missing; the caller decides whether to wait for settlement data.
 */
export function startSession(input: StartSessionInput): StartSessionResult {
  checkSessionDate(input.date);
  const baselines = new Map<string, SessionBaseline>();
  const missingMarks: string[] = [];
  for (const position of input.positions) {
    checkAccount(input.account, position);
    if (baselines.has(position.symbol)) throw new RangeError(`Two positions for ${position.symbol}`);
    const markText = input.marks.get(position.symbol);
    if (position.netQuantity !== 0 && markText === undefined) {
      missingMarks.push(position.symbol);
      continue;
    }
    const mark = position.netQuantity !== 0 && markText !== undefined ? formatPriceUnits(parsePriceUnits(markText)) : null;
    baselines.set(position.symbol, {
      symbol: position.symbol,
      netQuantity: position.netQuantity,
      mark,
      realized: position.realizedPnl,
      unrealized: mark === null ? ZERO_BRL : unrealizedPnl(position, mark),
    });
  }
  if (missingMarks.length > 0) return { ok: false, missingMarks: missingMarks.sort() };
  return { ok: true, daily: { account: input.account, sessionDate: input.date, baselines } };
}

/**
 * One symbol's numbers for the session. The mark is the market's last trade; when there is none yet it
 * falls back to the session-start mark, then to the position's own last fill (itself a trade in that
 * market), and says so in markSource.
 */
export function symbolPnl(daily: DailyPnl, position: Position, marks: Marks): SymbolPnl {
  checkAccount(daily.account, position);
  return symbolRow(position, exactSymbolPnl(daily, position, marks));
}

function symbolRow(position: Position, exact: ExactSymbolPnl): SymbolPnl {
  return {
    symbol: position.symbol,
    netQuantity: position.netQuantity,
    averagePrice: position.averagePrice,
    mark: exact.mark,
    markSource: exact.markSource,
    realizedToday: brlAmount(exact.realizedToday),
    unrealized: brlAmount(exact.unrealized),
    unrealizedChange: brlAmount(exact.unrealizedChange),
    net: brlAmount(addBrl(exact.realizedToday, exact.unrealizedChange)),
  };
}

/**
 * The account roll-up: per symbol and in total. Every position of the account must be passed: a symbol
 * in the session baseline but missing here would silently drop its exposure or its day's realized P&L
 * from a number the risk engine uses, so that is treated as a bug.
 */
export function accountPnl(daily: DailyPnl, positions: readonly Position[], marks: Marks): AccountPnl {
  const seen = new Set<string>();
  for (const position of positions) {
    checkAccount(daily.account, position);
    if (seen.has(position.symbol)) throw new RangeError(`Two positions for ${position.symbol}`);
    seen.add(position.symbol);
  }
  for (const baseline of daily.baselines.values()) {
    if (!seen.has(baseline.symbol) && (baseline.netQuantity !== 0 || baseline.realized !== ZERO_BRL)) {
      throw new RangeError(`Position ${baseline.symbol} was in the session baseline but is missing`);
    }
  }

  const rows = [...positions].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  const exact = rows.map((position) => exactSymbolPnl(daily, position, marks));
  const realizedToday = addBrl(...exact.map((row) => row.realizedToday));
  const unrealized = addBrl(...exact.map((row) => row.unrealized));
  const unrealizedChange = addBrl(...exact.map((row) => row.unrealizedChange));
  return {
    account: daily.account,
    sessionDate: daily.sessionDate,
    realizedToday: brlAmount(realizedToday),
    unrealized: brlAmount(unrealized),
    unrealizedChange: brlAmount(unrealizedChange),
    net: brlAmount(addBrl(realizedToday, unrealizedChange)),
    symbols: rows.map((position, index) => symbolRow(position, exact[index])),
  };
}

interface ExactSymbolPnl {
  mark: Price | null;
  markSource: MarkSource;
  realizedToday: ExactBrl;
  unrealized: ExactBrl;
  unrealizedChange: ExactBrl;
}

function exactSymbolPnl(daily: DailyPnl, position: Position, marks: Marks): ExactSymbolPnl {
  // A symbol without a baseline had no history at the session start: it was opened today.
  const baseline = daily.baselines.get(position.symbol);
  const [mark, markSource] = currentMark(position, baseline, marks);
  const unrealized = mark === null ? ZERO_BRL : unrealizedPnl(position, mark);
  return {
    mark,
    markSource,
    realizedToday: subtractBrl(position.realizedPnl, baseline?.realized ?? ZERO_BRL),
    unrealized,
    unrealizedChange: subtractBrl(unrealized, baseline?.unrealized ?? ZERO_BRL),
  };
}

function currentMark(position: Position, baseline: SessionBaseline | undefined, marks: Marks): [Price | null, MarkSource] {
  const lastTrade = marks.get(position.symbol);
  if (lastTrade !== undefined) return [formatPriceUnits(parsePriceUnits(lastTrade)), 'LAST_TRADE'];
  // A flat position needs no mark: its unrealized P&L is zero whatever the price.
  if (position.netQuantity === 0) return [null, 'NONE'];
  if (baseline?.mark) return [baseline.mark, 'SESSION_START'];
  if (position.lastFillPrice) return [position.lastFillPrice, 'LAST_FILL'];
  throw new Error(`Open position ${position.symbol} has no fill price`);
}

function checkAccount(account: string, position: Position): void {
  if (position.account !== account) {
    throw new RangeError(`Position ${position.symbol} belongs to account ${position.account}, not ${account}`);
  }
}

/** A real calendar date, so "2025-02-30" is caught where it enters rather than in a report. */
function checkSessionDate(date: string): void {
  const match = SESSION_DATE.exec(date);
  const parsed = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!parsed || parsed.toISOString().slice(0, 10) !== date) throw new RangeError(`Not a session date: ${JSON.stringify(date)}`);
}
