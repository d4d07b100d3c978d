import { comparePrices, parsePrice, type Price } from '@b3/kit';
import type { OptionChain, OptionQuote } from '../option-chain';
import { black76Gamma } from './black76';
import { GammaErrors } from './gamma-errors';
import { expiryInstant, yearsBetween } from './time-to-expiry';

/**
 * Gamma levels of an options chain: per-strike gamma exposure (GEX), the call and put walls, the total
 * GEX at spot and the gamma flip.
 *
 * Sign convention (the usual dealer-positioning assumption, not an observed fact): customers buy puts
 * and sell calls, so dealers are long calls and short puts. Call GEX counts positive and put GEX
 * negative; positive net GEX means dealer hedging dampens moves, negative means it amplifies them.
 *
 * Units: GEX = gamma × openInterest × multiplier × S² × 0.01, i.e. the change in dealers' delta, in
 * currency of the underlying (BRL for stock and BRL-quoted options; index points × multiplier for
 * index options, which is BRL once the multiplier is BRL per point), for a 1 % move of the underlying.
 * It is the amount of underlying dealers would have to buy or sell to stay hedged after a 1 % move.
 *
 * GEX values are plain floats on purpose: they are model outputs (a function of implied vol and an
 * assumed positioning), not money anyone settles, so exact decimals would only suggest precision the
 * model does not have. Prices (strikes, walls, flip, profile prices) stay exact decimal strings.
 */

/** Bounds of the price grid the flip is searched on; argument names match the GraphQL arguments. */
export const GRID_STEPS = { min: 10, max: 2000, default: 200, integer: true } as const;
export const GRID_RANGE_PCT = { min: 1, max: 50, default: 20, integer: false } as const;
/** Caps work at MAX_CHAIN_OPTIONS × (GRID_STEPS.max + 1) gamma evaluations (~20 M, about a second). */
export const MAX_CHAIN_OPTIONS = 10_000;

/** Profile prices are kept at B3's price precision (4 decimals), so a cheap underlying's grid does not collapse. */
const PROFILE_PRICE_DECIMALS = 4;
/**
 * The flip is rounded to 2 decimals (the cent, B3's equity tick): it is a linear interpolation of a model
 * curve, so finer digits carry no information.
 */
export const FLIP_DECIMALS = 2;
/** Exposure per 1 % move. */
const ONE_PERCENT = 0.01;

export interface GammaGridOptions {
  /** Number of intervals in the grid (steps + 1 prices), 10–2000, default 200. */
  gridSteps?: number;
  /** Half-width of the grid in percent of spot, 1–50, default 20 (spot ± 20 %). */
  gridRangePct?: number;
}

export interface GammaGrid {
  gridSteps: number;
  gridRangePct: number;
}

/** One option, checked and converted for the model. */
export interface ValidOption {
  symbol: string;
  kind: 'CALL' | 'PUT';
  strike: Price;
  openInterest: number;
  impliedVol: number;
  multiplier: number;
  /** Time to expiry in years (time-to-expiry.ts convention), > 0. */
  years: number;
}

/** A chain that passed validation: exact prices in canonical form, asOf normalised to UTC ISO. */
export interface ValidOptionChain {
  underlying: string;
  underlyingPrice: Price;
  rate: number;
  asOf: string;
  options: ValidOption[];
}

export interface StrikeGex {
  strike: Price;
  /** ≥ 0: dealers assumed long calls. */
  callGex: number;
  /** ≤ 0: dealers assumed short puts. */
  putGex: number;
  netGex: number;
  callOpenInterest: number;
  putOpenInterest: number;
}

export interface GexProfilePoint {
  /** Grid price, exact decimal rounded to 4 decimals; net GEX was evaluated at exactly this price. */
  price: string;
  netGex: number;
}

export interface GammaLevels {
  underlying: string;
  underlyingPrice: Price;
  asOf: string;
  /** Strike with the largest call GEX; null when no call has open interest. */
  callWall: Price | null;
  /** Strike with the largest absolute put GEX; null when no put has open interest. */
  putWall: Price | null;
  /** Price where net GEX changes sign nearest to spot, rounded to 2 decimals; null when it never does on the grid. */
  gammaFlip: string | null;
  /** Net GEX at the underlying price (BRL per 1 % move). */
  totalGex: number;
  /** Every strike of the chain, ascending, evaluated at the underlying price. */
  strikes: StrikeGex[];
  /** Net GEX re-priced at each grid price (F = grid price), ascending by price. */
  profile: GexProfilePoint[];
}

/** Fills defaults and checks bounds; errors name the GraphQL argument. */
export function resolveGammaGrid(options: GammaGridOptions = {}): GammaGrid {
  const gridSteps = options.gridSteps ?? GRID_STEPS.default;
  const gridRangePct = options.gridRangePct ?? GRID_RANGE_PCT.default;
  if (!Number.isInteger(gridSteps) || gridSteps < GRID_STEPS.min || gridSteps > GRID_STEPS.max) {
    throw GammaErrors.gridArgument('gridSteps', GRID_STEPS, gridSteps);
  }
  if (!Number.isFinite(gridRangePct) || gridRangePct < GRID_RANGE_PCT.min || gridRangePct > GRID_RANGE_PCT.max) {
    throw GammaErrors.gridArgument('gridRangePct', GRID_RANGE_PCT, gridRangePct);
  }
  return { gridSteps, gridRangePct };
}

/**
 * Checks everything the model needs and converts it once. Stored chains come from an importer and
 * inline chains from clients, so nothing is trusted: types are re-checked at runtime too.
 */
export function validateOptionChain(chain: OptionChain): ValidOptionChain {
  if (typeof chain.underlying !== 'string' || chain.underlying.trim() === '') {
    throw GammaErrors.malformed('underlying', 'a non-empty symbol', chain.underlying);
  }
  if (!Array.isArray(chain.options) || chain.options.length === 0) throw GammaErrors.emptyChain();
  if (chain.options.length > MAX_CHAIN_OPTIONS) throw GammaErrors.tooManyOptions(MAX_CHAIN_OPTIONS, chain.options.length);

  const underlyingPrice = positivePrice(chain.underlyingPrice, 'underlyingPrice');
  const asOfMs = typeof chain.asOf === 'string' ? Date.parse(chain.asOf) : Number.NaN;
  if (!Number.isFinite(asOfMs)) throw GammaErrors.malformed('asOf', 'an ISO-8601 instant', chain.asOf);
  const asOf = new Date(asOfMs).toISOString();
  if (!Number.isFinite(chain.rate)) throw GammaErrors.malformed('rate', 'a finite fraction', chain.rate);

  const seen = new Set<string>();
  const options = chain.options.map((quote, index) => {
    const option = validateOption(quote, index, chain.underlying, asOfMs, asOf);
    if (seen.has(option.symbol)) throw GammaErrors.duplicateSymbol(option.symbol, `options[${index}].symbol`);
    seen.add(option.symbol);
    return option;
  });
  if (options.every((o) => o.openInterest === 0)) throw GammaErrors.noOpenInterest();

  return { underlying: chain.underlying, underlyingPrice, rate: chain.rate, asOf, options };
}

function validateOption(quote: OptionQuote, index: number, underlying: string, asOfMs: number, asOf: string): ValidOption {
  const at = (field: keyof OptionQuote): string => `options[${index}].${field}`;
  if (typeof quote.symbol !== 'string' || quote.symbol.trim() === '') {
    throw GammaErrors.malformed(at('symbol'), 'a non-empty option symbol', quote.symbol);
  }
  const { symbol } = quote;
  if (quote.underlying !== underlying) throw GammaErrors.mixedUnderlyings(symbol, at('underlying'), String(quote.underlying), underlying);
  if (quote.kind !== 'CALL' && quote.kind !== 'PUT') throw GammaErrors.malformed(at('kind'), 'CALL or PUT', quote.kind, symbol);
  const strike = positivePrice(quote.strike, at('strike'), symbol);
  if (!Number.isInteger(quote.openInterest) || quote.openInterest < 0) {
    throw GammaErrors.malformed(at('openInterest'), 'a whole number of contracts ≥ 0', quote.openInterest, symbol);
  }
  if (!Number.isFinite(quote.impliedVol) || quote.impliedVol <= 0) throw GammaErrors.zeroVol(symbol, at('impliedVol'), quote.impliedVol);
  if (!Number.isFinite(quote.multiplier)) throw GammaErrors.malformed(at('multiplier'), 'a finite number', quote.multiplier, symbol);
  if (quote.multiplier <= 0) throw GammaErrors.notPositive(at('multiplier'), quote.multiplier, symbol);
  const expiryMs = typeof quote.expiry === 'string' ? expiryInstant(quote.expiry) : null;
  if (expiryMs === null) throw GammaErrors.malformed(at('expiry'), 'a date YYYY-MM-DD', quote.expiry, symbol);
  // 0DTE options are valid until the close: only an expiry instant at or before asOf is rejected.
  if (expiryMs <= asOfMs) throw GammaErrors.expired(symbol, at('expiry'), quote.expiry, asOf);

  return {
    symbol,
    kind: quote.kind,
    strike,
    openInterest: quote.openInterest,
    impliedVol: quote.impliedVol,
    multiplier: quote.multiplier,
    years: yearsBetween(asOfMs, expiryMs),
  };
}

/** A positive exact decimal in canonical form ("38.50" → "38.5"); up to 4 decimals like every B3 price. */
function positivePrice(value: unknown, field: string, symbol?: string): Price {
  if (typeof value !== 'string') throw GammaErrors.malformed(field, 'a decimal string such as "38.5"', value, symbol);
  if (value.startsWith('-')) throw GammaErrors.notPositive(field, value, symbol);
  const parsed = parsePrice(value);
  if (parsed.ok) return parsed.price;
  if (parsed.problem === 'NOT_POSITIVE') throw GammaErrors.notPositive(field, value, symbol);
  const expected = {
    MALFORMED: 'a decimal string such as "38.5"',
    TOO_PRECISE: 'a price with at most 4 decimals',
    TOO_LARGE: 'a price with at most 14 integer digits',
  }[parsed.problem];
  throw GammaErrors.malformed(field, expected, value, symbol);
}

/** Everything about one option that does not depend on the price it is evaluated at. */
interface GexTerm {
  /** +1 call, −1 put: the dealer-positioning convention above. */
  sign: 1 | -1;
  /** openInterest × multiplier: units of the underlying dealers are assumed to hold options on. */
  units: number;
  strike: number;
  vol: number;
  years: number;
  rate: number;
}

function gexTerms(chain: ValidOptionChain): GexTerm[] {
  return chain.options.map((o) => ({
    sign: o.kind === 'CALL' ? 1 : -1,
    units: o.openInterest * o.multiplier,
    strike: Number(o.strike),
    vol: o.impliedVol,
    years: o.years,
    rate: chain.rate,
  }));
}

/** Signed GEX of one option if the underlying (taken as the forward) were at `price`. */
function gexAt(term: GexTerm, price: number): number {
  if (term.units === 0) return 0;
  const gamma = black76Gamma({ forward: price, strike: term.strike, vol: term.vol, years: term.years, rate: term.rate });
  return term.sign * gamma * term.units * price * price * ONE_PERCENT;
}

function netGexAt(terms: readonly GexTerm[], price: number): number {
  let sum = 0;
  for (const term of terms) sum += gexAt(term, price);
  return sum;
}

/** Validates and computes in one go: the entry point for a chain given inline. */
export function computeGammaLevels(chain: OptionChain, options: GammaGridOptions = {}): GammaLevels {
  const grid = resolveGammaGrid(options);
  return gammaLevelsOf(validateOptionChain(chain), grid);
}

export function gammaLevelsOf(chain: ValidOptionChain, grid: GammaGrid): GammaLevels {
  const spot = Number(chain.underlyingPrice);
  const terms = gexTerms(chain);

  const byStrike = new Map<Price, StrikeGex>();
  chain.options.forEach((option, index) => {
    const row = byStrike.get(option.strike) ?? {
      strike: option.strike,
      callGex: 0,
      putGex: 0,
      netGex: 0,
      callOpenInterest: 0,
      putOpenInterest: 0,
    };
    const gex = gexAt(terms[index], spot);
    if (option.kind === 'CALL') {
      row.callGex += gex;
      row.callOpenInterest += option.openInterest;
    } else {
      row.putGex += gex;
      row.putOpenInterest += option.openInterest;
    }
    row.netGex = row.callGex + row.putGex;
    byStrike.set(option.strike, row);
  });
  const strikes = [...byStrike.values()].sort((a, b) => comparePrices(a.strike, b.strike));

  const points = gridPoints(spot, grid).map((price) => ({ price, netGex: netGexAt(terms, price) }));

  return {
    underlying: chain.underlying,
    underlyingPrice: chain.underlyingPrice,
    asOf: chain.asOf,
    callWall: wall(
      strikes.filter((s) => s.callOpenInterest > 0),
      (s) => s.callGex,
      spot,
    ),
    putWall: wall(
      strikes.filter((s) => s.putOpenInterest > 0),
      (s) => -s.putGex,
      spot,
    ),
    gammaFlip: formatFlip(flipNearest(points, spot)),
    totalGex: netGexAt(terms, spot),
    strikes,
    profile: points.map((p) => ({ price: formatDecimal(p.price, PROFILE_PRICE_DECIMALS), netGex: p.netGex })),
  };
}

/**
 * The strike with the largest `size`; ties (equal exposure, e.g. underflowed far-OTM strikes) go to the
 * strike nearest spot, then the lower one, so the answer does not depend on input order.
 */
function wall(candidates: readonly StrikeGex[], size: (s: StrikeGex) => number, spot: number): Price | null {
  let best: StrikeGex | null = null;
  for (const row of candidates) {
    if (best === null) {
      best = row;
      continue;
    }
    const [a, b] = [size(row), size(best)];
    if (a > b || (a === b && Math.abs(Number(row.strike) - spot) < Math.abs(Number(best.strike) - spot))) best = row;
  }
  return best?.strike ?? null;
}

/**
 * spot × (1 − R … 1 + R) in `gridSteps` equal steps, each rounded to 4 decimals before it is evaluated so
 * the profile's (price, netGex) pairs are exactly reproducible. Duplicates after rounding (only for very
 * cheap underlyings on fine grids) are dropped.
 */
function gridPoints(spot: number, grid: GammaGrid): number[] {
  const range = grid.gridRangePct / 100;
  const scale = 10 ** PROFILE_PRICE_DECIMALS;
  const prices: number[] = [];
  for (let i = 0; i <= grid.gridSteps; i++) {
    const units = Math.round(spot * (1 - range + (2 * range * i) / grid.gridSteps) * scale);
    const price = units / scale;
    if (units > 0 && price !== prices[prices.length - 1]) prices.push(price);
  }
  return prices;
}

/**
 * Zero crossings of the net GEX profile by linear interpolation between the two grid points where the
 * sign changes; the one nearest spot wins (the lower one on a tie). Exact zeros carry no sign (far from
 * every strike φ(d1) underflows to 0), so they are skipped and the chord joins the signed neighbours.
 */
export function flipNearest(points: ReadonlyArray<{ price: number; netGex: number }>, spot: number): number | null {
  let previous: { price: number; netGex: number } | null = null;
  let best: number | null = null;
  for (const point of points) {
    if (point.netGex === 0 || !Number.isFinite(point.netGex)) continue;
    if (previous !== null && Math.sign(previous.netGex) !== Math.sign(point.netGex)) {
      const crossing =
        previous.price - (previous.netGex * (point.price - previous.price)) / (point.netGex - previous.netGex);
      if (best === null || Math.abs(crossing - spot) < Math.abs(best - spot)) best = crossing;
    }
    previous = point;
  }
  return best;
}

function formatFlip(flip: number | null): string | null {
  return flip === null ? null : formatDecimal(flip, FLIP_DECIMALS);
}

/** A non-negative float as an exact decimal string with at most `decimals` places, rounded half up, no padding. */
function formatDecimal(value: number, decimals: number): string {
  const scale = 10 ** decimals;
  const units = Math.round(value * scale);
  const whole = Math.floor(units / scale);
  const fraction = String(units - whole * scale)
    .padStart(decimals, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}
