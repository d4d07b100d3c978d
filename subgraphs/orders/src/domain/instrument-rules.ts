import type { Price } from '@b3/kit';
import type { TickerSymbol } from './order-model';
import { parsePriceUnits } from './money';

/**
 * What an order needs to know about a B3 ticker, derived from the ticker's shape alone: asset class, lot
 * size, tick size and contract multiplier. Deriving it keeps order validation pure (no market-data call
 * before a risk check); a symbol we cannot classify is refused with a reason instead of guessed at.
 *
 * Figures are common market knowledge about B3's standard contracts (written from memory, not copied from a
 * specification); B3 does revise them, so this table is the one place to change:
 * - Stocks, units and BDRs (PETR4, TAEE11, AAPL34): round lot 100 shares, tick R$ 0.01.
 * - Fractional market (PETR4F): lot 1 share, tick R$ 0.01; the order goes to the odd-lot book.
 * - WIN (mini Ibovespa): tick 5 points, R$ 0.20 per point; IND (full Ibovespa): tick 5, R$ 1.00 per point.
 *   Both expire in even months only (G, J, M, Q, V, Z), so WINH26 does not exist.
 * - WDO (mini dollar, USD 10,000) and DOL (USD 50,000): quoted in R$ per USD 1,000, tick 0.5 point, so
 *   R$ 10 and R$ 50 per point.
 * - DI1 (one-day interbank deposit rate): quoted as a yearly rate in %, really traded in 0.001 (near
 *   maturities) or 0.005 (far ones). We use a 0.01 grid because every order price must have at most 2
 *   decimals (issue 6); 0.01 lies on both real grids, so we never send an off-grid rate, at the cost of
 *   refusing finer ones. A rate point is not a fixed number of reais (its value depends on the contract's
 *   PU and days to maturity), so the multiplier is null and notional must come from the PU, not from here.
 * - BGI (live cattle): R$ per arroba, 330 arrobas a contract, tick 0.05.
 * - CCM (corn): R$ per 60 kg bag, 450 bags a contract, tick 0.01.
 * Other B3 futures (ICF, ISP, DDI, DAP, FRC…) are quoted in dollars or rates with their own conventions and
 * are refused until someone adds their row.
 */
export const ASSET_CLASSES = ['STOCK', 'FRACTIONAL_STOCK', 'FUTURE'] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];

export interface ContractMonth {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
}

export interface Instrument {
  readonly symbol: TickerSymbol;
  readonly assetClass: AssetClass;
  /** Issuer code for stocks ("PETR"), contract root for futures ("WIN"). */
  readonly root: string;
  /** Quantities must be whole multiples of this. */
  readonly lotSize: number;
  /** Prices must be whole multiples of this. */
  readonly tickSize: Price;
  /** Reais per price point per share or contract, as exact decimal text; null where it is not linear (DI1). */
  readonly multiplier: string | null;
  /** Futures only. */
  readonly expiry: ContractMonth | null;
}

export type InstrumentLookup = { ok: true; instrument: Instrument } | { ok: false; issue: string };

const ALL_MONTHS = 'FGHJKMNQUVXZ';
const EVEN_MONTHS = 'GJMQVZ';

interface FuturesRow {
  readonly name: string;
  readonly tickSize: Price;
  readonly multiplier: string | null;
  /** Month codes B3 lists for the root. */
  readonly months: string;
}

const price = (text: string): Price => text as Price;

export const FUTURES_ROOTS = {
  WIN: { name: 'mini Ibovespa', tickSize: price('5'), multiplier: '0.2', months: EVEN_MONTHS },
  IND: { name: 'Ibovespa', tickSize: price('5'), multiplier: '1', months: EVEN_MONTHS },
  WDO: { name: 'mini US dollar', tickSize: price('0.5'), multiplier: '10', months: ALL_MONTHS },
  DOL: { name: 'US dollar', tickSize: price('0.5'), multiplier: '50', months: ALL_MONTHS },
  DI1: { name: 'one-day interbank deposit rate', tickSize: price('0.01'), multiplier: null, months: ALL_MONTHS },
  BGI: { name: 'live cattle', tickSize: price('0.05'), multiplier: '330', months: ALL_MONTHS },
  CCM: { name: 'corn', tickSize: price('0.01'), multiplier: '450', months: ALL_MONTHS },
} as const satisfies Record<string, FuturesRow>;
export type FuturesRoot = keyof typeof FUTURES_ROOTS;

const STOCK_LOT = 100;
const STOCK_TICK = price('0.01');

/** Root, month code (F = January … Z = December), 2-digit year: WINZ26, DI1F27. */
const FUTURE = /^([A-Z][A-Z0-9]{2})([FGHJKMNQUVXZ])(\d{2})$/;
/**
 * Four-character issuer code, then the share class: 3 ON, 4 PN, 5–8 preferred classes, 11 units / ETFs,
 * 31–35 BDRs, 39 BDRs of ETFs; a trailing F is the fractional market. Subscription rights (1, 2) and receipts
 * (9, 10) are not tradable through us, so they are not recognised.
 */
const STOCK = /^([A-Z][A-Z0-9]{3})([345678]|11|3[1-5]|39)(F?)$/;

const isFuturesRoot = (root: string): root is FuturesRoot => Object.prototype.hasOwnProperty.call(FUTURES_ROOTS, root);

/** Classifies an upper-case B3 ticker; callers normalise case and spaces first. */
export function instrumentRules(symbol: string): InstrumentLookup {
  const future = FUTURE.exec(symbol);
  const root = future?.[1] ?? '';
  if (future && isFuturesRoot(root)) {
    const [, , monthCode, year] = future;
    const row: FuturesRow = FUTURES_ROOTS[root];
    if (!row.months.includes(monthCode)) {
      return { ok: false, issue: `${root} (${row.name}) futures are listed only for months ${[...row.months].join(', ')}, not ${monthCode}` };
    }
    return {
      ok: true,
      instrument: {
        symbol: symbol as TickerSymbol,
        assetClass: 'FUTURE',
        root,
        lotSize: 1,
        tickSize: row.tickSize,
        multiplier: row.multiplier,
        expiry: { year: 2000 + Number(year), month: ALL_MONTHS.indexOf(monthCode) + 1 },
      },
    };
  }

  // Checked after known futures: some stock tickers (KLBN11) also have a futures shape.
  const stock = STOCK.exec(symbol);
  if (stock) {
    const fractional = stock[3] === 'F';
    return {
      ok: true,
      instrument: {
        symbol: symbol as TickerSymbol,
        assetClass: fractional ? 'FRACTIONAL_STOCK' : 'STOCK',
        root: stock[1],
        lotSize: fractional ? 1 : STOCK_LOT,
        tickSize: STOCK_TICK,
        multiplier: '1',
        expiry: null,
      },
    };
  }

  if (future) {
    return { ok: false, issue: `${root} is not a futures contract we trade (${Object.keys(FUTURES_ROOTS).join(', ')})` };
  }
  return {
    ok: false,
    issue: `${JSON.stringify(symbol)} is not a B3 ticker we trade: expected a stock like PETR4, a fractional ticker like PETR4F, or a future like WINZ26`,
  };
}

/** True when the price is a whole number of ticks (exact: both sides in 1/10,000 units). */
export function isOnTick(value: Price, instrument: Instrument): boolean {
  return parsePriceUnits(value) % parsePriceUnits(instrument.tickSize) === 0n;
}
