import { DomainError } from '@b3/kit';
import { black76D1, black76Gamma, normalPdf } from '../src/domain/gamma/black76';
import { computeGammaLevels, flipNearest } from '../src/domain/gamma/gamma-levels';
import { expiryInstant, yearsBetween } from '../src/domain/gamma/time-to-expiry';
import type { OptionChain, OptionQuote } from '../src/domain/option-chain';

/**
 * Synthetic PETR4 chain, priced by hand below.
 *
 * Time: asOf 2026-01-06T21:00Z is 18:00 São Paulo (UTC−3, no DST since 2019); expiry 2026-03-20 closes at
 * 18:00 São Paulo = 21:00Z. Jan 6 → Jan 31 is 25 days, + 28 (Feb) + 20 (Mar) = 73 calendar days, so
 *   T = 73/365 = 0.2 years exactly,  √T = 0.447213595499958,  e^{−rT} = e^{−0.02} = 0.980198673306755.
 * Spot S = F = 100, r = 0.10, multiplier 100.
 */
const ASOF = '2026-01-06T21:00:00.000Z';
const EXPIRY = '2026-03-20';
const T = 0.2;
const RATE = 0.1;

const quote = (symbol: string, kind: 'CALL' | 'PUT', strike: string, openInterest: number, impliedVol: number): OptionQuote => ({
  symbol, underlying: 'PETR4', kind, strike, openInterest, impliedVol, expiry: EXPIRY, multiplier: 100,
});

/** Puts below spot and calls above, so net GEX is negative low and positive high: one flip, just under spot. */
const chainOptions = (): OptionQuote[] => [
  quote('PETRN90', 'PUT', '90', 3000, 0.3),
  quote('PETRN95', 'PUT', '95.00', 5000, 0.28), // padded on purpose: strikes come back canonical ("95")
  quote('PETRC100', 'CALL', '100', 2000, 0.25),
  quote('PETRO100', 'PUT', '100', 1000, 0.25),
  quote('PETRC105', 'CALL', '105', 4000, 0.24),
  quote('PETRC110', 'CALL', '110', 2500, 0.23),
];
const chain = (overrides: Partial<OptionChain> = {}): OptionChain => ({
  underlying: 'PETR4', underlyingPrice: '100', rate: RATE, asOf: ASOF, options: chainOptions(), ...overrides,
});

/**
 * Hand computation at S = F = 100 (GEX = ±gamma × OI × 100 × S² × 0.01 = ±gamma × OI × 10,000):
 *
 * PETRC100 / PETRO100 (K = 100, σ = 0.25):
 *   σ√T = 0.25 × 0.447213595499958 = 0.111803398874989
 *   d1 = (ln(100/100) + 0.25² × 0.2 / 2) / 0.111803398874989 = 0.00625 / 0.111803398874989 = 0.0559016994374947
 *   φ(d1) = e^{−0.0559017²/2} / √(2π) = e^{−0.0015625} × 0.398942280401433 = 0.398319419824852
 *   gamma = 0.980198673306755 × 0.398319419824852 / (100 × 0.111803398874989) = 0.0349213146284747
 *   GEX call = +0.0349213146284747 × 2000 × 10,000 = +698,426.292569495
 *   GEX put  = −0.0349213146284747 × 1000 × 10,000 = −349,213.146284747
 *
 * PETRN95 (K = 95, σ = 0.28):
 *   σ√T = 0.125219806739988;  ln(100/95) = 0.0512932943875505;  σ²T/2 = 0.00784
 *   d1 = (0.0512932943875505 + 0.00784) / 0.125219806739988 = 0.472235949943106
 *   φ(d1) = e^{−0.111503} / √(2π) = 0.356849223549148
 *   gamma = 0.980198673306755 × 0.356849223549148 / (100 × 0.125219806739988) = 0.0279335310123682
 *   GEX = −0.0279335310123682 × 5000 × 10,000 = −1,396,676.55061841
 *
 * The rest, same arithmetic:
 *   PETRN90  (K 90,  σ .30): d1 =  0.852392956509429, φ = 0.277419241614897, gamma = 0.0202681653179388, GEX =   −608,044.959538163
 *   PETRC105 (K 105, σ .24): d1 = −0.400909884024274, φ = 0.368135979056511, gamma = 0.0336198781651035, GEX = +1,344,795.12660414
 *   PETRC110 (K 110, σ .23): d1 = −0.875179310387931, φ = 0.272012312852610, gamma = 0.0259214827160628, GEX =   +648,037.067901569
 *
 * Total at spot = 698,426.292569495 − 349,213.146284747 − 1,396,676.55061841 − 608,044.959538163
 *               + 1,344,795.12660414 + 648,037.067901569 = +337,323.830633887
 * Call wall: largest call GEX is 105 (1.34 M > 0.70 M at 100 > 0.65 M at 110).
 * Put wall: largest |put GEX| is 95 (1.40 M > 0.61 M at 90 > 0.35 M at 100).
 */
const HAND = {
  gammaK100: 0.0349213146284747356,
  gammaK95: 0.0279335310123681642,
  d1K100: 0.0559016994374947424,
  phiK100: 0.398319419824852196,
  gex: {
    PETRN90: -608044.959538162904,
    PETRN95: -1396676.55061840821,
    PETRC100: 698426.292569494712,
    PETRO100: -349213.146284747356,
    PETRC105: 1344795.12660414162,
    PETRC110: 648037.067901569318,
  },
  total: 337323.830633887186,
};

const relClose = (actual: number, expected: number, tolerance = 1e-9): void => {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(tolerance);
};

/** Independent of the code under test: Black-76 gamma and the dealer-sign GEX written out again. */
function independentNetGex(price: number, options: readonly OptionQuote[] = chainOptions()): number {
  return options.reduce((sum, o) => {
    const volSqrtT = o.impliedVol * Math.sqrt(T);
    const d1 = (Math.log(price / Number(o.strike)) + (o.impliedVol ** 2 * T) / 2) / volSqrtT;
    const gamma = (Math.exp(-RATE * T) * Math.exp(-(d1 ** 2) / 2)) / Math.sqrt(2 * Math.PI) / (price * volSqrtT);
    return sum + (o.kind === 'CALL' ? 1 : -1) * gamma * o.openInterest * o.multiplier * price ** 2 * 0.01;
  }, 0);
}

/** Plain bisection on an interval whose ends have opposite signs. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let [a, b] = [lo, hi];
  expect(Math.sign(f(a))).not.toBe(Math.sign(f(b)));
  for (let i = 0; i < 200 && b - a > 1e-12; i++) {
    const mid = (a + b) / 2;
    if (Math.sign(f(mid)) === Math.sign(f(a))) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('time to expiry (calendar days / 365 to 18:00 São Paulo)', () => {
  it('puts expiry at 18:00 São Paulo = 21:00 UTC and counts calendar days', () => {
    expect(expiryInstant(EXPIRY)).toBe(Date.parse('2026-03-20T21:00:00Z'));
    expect(yearsBetween(Date.parse(ASOF), expiryInstant(EXPIRY)!)).toBeCloseTo(T, 15);
  });

  it('uses the historical offset in old Brazilian summers (UTC−2)', () => {
    expect(expiryInstant('2018-01-19')).toBe(Date.parse('2018-01-19T20:00:00Z'));
  });

  it('rejects dates that do not exist instead of rolling them over', () => {
    expect(expiryInstant('2026-02-30')).toBeNull();
    expect(expiryInstant('20260320')).toBeNull();
  });
});

describe('Black-76 gamma', () => {
  it('matches the hand-computed d1, φ(d1) and gamma at the money', () => {
    const inputs = { forward: 100, strike: 100, vol: 0.25, years: T, rate: RATE };
    relClose(black76D1(inputs), HAND.d1K100);
    relClose(normalPdf(black76D1(inputs)), HAND.phiK100);
    relClose(black76Gamma(inputs), HAND.gammaK100);
  });

  it('matches the hand-computed gamma out of the money', () => {
    relClose(black76Gamma({ forward: 100, strike: 95, vol: 0.28, years: T, rate: RATE }), HAND.gammaK95);
  });
});

describe('computeGammaLevels', () => {
  const levels = computeGammaLevels(chain());

  it('aggregates GEX per strike with calls positive and puts negative', () => {
    expect(levels.strikes.map((s) => s.strike)).toEqual(['90', '95', '100', '105', '110']);
    const at = (strike: string) => levels.strikes.find((s) => s.strike === strike)!;
    relClose(at('100').callGex, HAND.gex.PETRC100);
    relClose(at('100').putGex, HAND.gex.PETRO100);
    relClose(at('100').netGex, HAND.gex.PETRC100 + HAND.gex.PETRO100);
    expect(at('100')).toMatchObject({ callOpenInterest: 2000, putOpenInterest: 1000 });
    relClose(at('95').putGex, HAND.gex.PETRN95);
    expect(at('95')).toMatchObject({ callGex: 0, callOpenInterest: 0, putOpenInterest: 5000 });
    relClose(at('90').putGex, HAND.gex.PETRN90);
    relClose(at('105').callGex, HAND.gex.PETRC105);
    relClose(at('110').callGex, HAND.gex.PETRC110);
  });

  it('finds the walls and the total GEX at spot', () => {
    expect(levels.callWall).toBe('105');
    expect(levels.putWall).toBe('95');
    relClose(levels.totalGex, HAND.total);
    expect(levels).toMatchObject({ underlying: 'PETR4', underlyingPrice: '100', asOf: ASOF });
  });

  it('evaluates the profile on spot ± 20 % in 200 steps, spot in the middle', () => {
    expect(levels.profile).toHaveLength(201);
    expect(levels.profile[0].price).toBe('80');
    expect(levels.profile[1].price).toBe('80.2');
    expect(levels.profile[100]).toEqual({ price: '100', netGex: levels.totalGex });
    expect(levels.profile[200].price).toBe('120');
    for (const point of [levels.profile[0], levels.profile[57], levels.profile[200]]) {
      relClose(point.netGex, independentNetGex(Number(point.price)));
    }
  });

  it('puts the flip between the grid points 98.2 and 98.4, by interpolation, rounded to cents', () => {
    // The grid step is 40/200 = 0.2; independent values (same arithmetic as above):
    //   net(98.2) = −22,688.9455528759,  net(98.4) = +17,280.6214827642
    //   linear zero = 98.2 + 22,688.9455528759 × 0.2 / (22,688.9455528759 + 17,280.6214827642) = 98.3135311
    const lo = levels.profile.findIndex((p) => p.price === '98.2');
    expect(levels.profile[lo + 1].price).toBe('98.4');
    relClose(levels.profile[lo].netGex, -22688.9455528758697);
    relClose(levels.profile[lo + 1].netGex, 17280.6214827641649);
    const signChanges = levels.profile.filter((p, i) => i > 0 && Math.sign(p.netGex) !== Math.sign(levels.profile[i - 1].netGex));
    expect(signChanges.map((p) => p.price)).toEqual(['98.4']);

    const [a, b] = [independentNetGex(98.2), independentNetGex(98.4)];
    const linear = 98.2 - (a * 0.2) / (b - a);
    expect(linear).toBeCloseTo(98.3135311, 6);
    const root = bisect((x) => independentNetGex(x), 98.2, 98.4); // true root 98.3135907
    expect(Math.abs(root - linear)).toBeLessThan(0.001);
    expect(levels.gammaFlip).toBe('98.31');
    expect(levels.gammaFlip).toBe(root.toFixed(2));
  });

  it('honours gridSteps and gridRangePct', () => {
    const coarse = computeGammaLevels(chain(), { gridSteps: 10, gridRangePct: 5 });
    expect(coarse.profile.map((p) => p.price)).toEqual(['95', '96', '97', '98', '99', '100', '101', '102', '103', '104', '105']);
    // bracket 98–99 on this grid; the linear zero is coarser but still rounds near the true root
    expect(Number(coarse.gammaFlip)).toBeGreaterThan(98);
    expect(Number(coarse.gammaFlip)).toBeLessThan(99);
  });

  it('reports no flip when net GEX keeps one sign, and a null wall when a side has no open interest', () => {
    const callsOnly = computeGammaLevels(chain({ options: chainOptions().filter((o) => o.kind === 'CALL') }));
    expect(callsOnly.gammaFlip).toBeNull();
    expect(callsOnly.putWall).toBeNull();
    expect(callsOnly.callWall).toBe('105');
    expect(callsOnly.strikes.map((s) => s.strike)).toEqual(['100', '105', '110']);
  });

  it('treats a 0DTE option as live until 18:00 São Paulo', () => {
    const zeroDte = computeGammaLevels(chain({ asOf: '2026-03-20T15:00:00Z' })); // 12:00 local, 6 h left
    expect(zeroDte.totalGex).not.toBe(0);
    expect(Number.isFinite(zeroDte.totalGex)).toBe(true);
  });
});

describe('flipNearest', () => {
  const p = (price: number, netGex: number) => ({ price, netGex });

  it('picks the crossing nearest spot when there are several', () => {
    const points = [p(90, -1), p(91, 1), p(99, 1), p(100, -1), p(101, -1)];
    expect(flipNearest(points, 100)).toBeCloseTo(99.5, 12);
    expect(flipNearest(points, 91)).toBeCloseTo(90.5, 12);
  });

  it('skips exact zeros (underflowed tails) instead of counting them as flips', () => {
    expect(flipNearest([p(80, 0), p(81, 0), p(82, 2), p(83, 3)], 82)).toBeNull();
    expect(flipNearest([p(80, -2), p(81, 0), p(82, 2)], 81)).toBeCloseTo(81, 12);
  });
});

describe('validation', () => {
  const withOption = (index: number, patch: Partial<OptionQuote>): OptionChain => {
    const options = chainOptions();
    options[index] = { ...options[index], ...patch };
    return chain({ options });
  };

  it('rejects an empty chain', () => {
    const error = thrown(() => computeGammaLevels(chain({ options: [] })));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions).toMatchObject({ reason: 'EMPTY_CHAIN', field: 'options' });
    expect(error.message).toContain('options');
  });

  it('rejects a chain with no open interest', () => {
    const error = thrown(() => computeGammaLevels(chain({ options: chainOptions().map((o) => ({ ...o, openInterest: 0 })) })));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions).toMatchObject({ reason: 'NO_OPEN_INTEREST' });
    expect(error.message).toContain('no open interest');
    expect(error.message).toContain('openInterest');
  });

  it.each([0, -0.2, Number.NaN, Number.POSITIVE_INFINITY])('rejects implied vol %p, naming the option', (impliedVol) => {
    const error = thrown(() => computeGammaLevels(withOption(2, { impliedVol })));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions).toMatchObject({ reason: 'ZERO_VOL', field: 'options[2].impliedVol', symbol: 'PETRC100' });
    expect(error.message).toContain('PETRC100');
    expect(error.message).toContain('zero vol');
    expect(error.message).toContain('impliedVol');
  });

  it.each([
    ['before asOf', '2026-01-05'],
    ['closing at the asOf instant itself (18:00 São Paulo)', '2026-01-06'],
  ])('rejects an expiry %s', (_case, expiry) => {
    const error = thrown(() => computeGammaLevels(withOption(4, { expiry })));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions).toMatchObject({ reason: 'EXPIRED', field: 'options[4].expiry', symbol: 'PETRC105' });
    expect(error.message).toContain('PETRC105');
    expect(error.message).toContain('expiry');
    expect(error.message).toContain(ASOF);
  });

  it('rejects an expiry that is not a date', () => {
    const error = thrown(() => computeGammaLevels(withOption(4, { expiry: '2026-02-30' })));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MALFORMED', field: 'options[4].expiry' });
  });

  it('rejects mixed underlyings, naming the option and both underlyings', () => {
    const error = thrown(() => computeGammaLevels(withOption(5, { underlying: 'VALE3' })));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions).toMatchObject({ reason: 'MIXED_UNDERLYINGS', field: 'options[5].underlying', symbol: 'PETRC110' });
    expect(error.message).toContain('PETRC110');
    expect(error.message).toContain('VALE3');
    expect(error.message).toContain('PETR4');
  });

  it.each(['0', '-5', '0.0000'])('rejects underlyingPrice %p', (underlyingPrice) => {
    const error = thrown(() => computeGammaLevels(chain({ underlyingPrice })));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_POSITIVE', field: 'underlyingPrice' });
    expect(error.message).toContain('underlyingPrice');
  });

  it.each(['0', '-90'])('rejects strike %p, naming the option', (strike) => {
    const error = thrown(() => computeGammaLevels(withOption(0, { strike })));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_POSITIVE', field: 'options[0].strike', symbol: 'PETRN90' });
    expect(error.message).toContain('PETRN90');
    expect(error.message).toContain('strike');
  });

  it('rejects malformed prices, negative open interest and duplicate symbols', () => {
    expect(thrown(() => computeGammaLevels(withOption(1, { strike: '95,5' }))).extensions).toMatchObject({
      reason: 'MALFORMED', field: 'options[1].strike',
    });
    expect(thrown(() => computeGammaLevels(withOption(1, { openInterest: -1 }))).extensions).toMatchObject({
      reason: 'MALFORMED', field: 'options[1].openInterest',
    });
    expect(thrown(() => computeGammaLevels(withOption(1, { symbol: 'PETRN90' }))).extensions).toMatchObject({
      reason: 'DUPLICATE_SYMBOL', field: 'options[1].symbol',
    });
    expect(thrown(() => computeGammaLevels(withOption(1, { multiplier: 0 }))).extensions).toMatchObject({
      reason: 'NOT_POSITIVE', field: 'options[1].multiplier',
    });
  });

  it.each([
    ['gridSteps', { gridSteps: 9 }],
    ['gridSteps', { gridSteps: 2001 }],
    ['gridSteps', { gridSteps: 10.5 }],
    ['gridRangePct', { gridRangePct: 0.5 }],
    ['gridRangePct', { gridRangePct: 51 }],
    ['gridRangePct', { gridRangePct: Number.NaN }],
  ])('rejects %s out of bounds (%p)', (argument, grid) => {
    const error = thrown(() => computeGammaLevels(chain(), grid));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: argument });
    expect(error.message).toContain(argument);
  });
});
