/**
 * Black-76 gamma: the model for an option on a futures or forward price F. B3 index options (IBOV,
 * WIN/IND) are on futures-like prices, and for short-dated stock options taking the quoted price as the
 * forward ignores carry (r − q)·T, which is small next to the uncertainty in implied vol.
 *
 *   d1    = (ln(F/K) + σ²T/2) / (σ√T)
 *   gamma = e^{−rT} · φ(d1) / (F · σ · √T)
 *
 * Calls and puts share one gamma: put–call parity C − P = e^{−rT}(F − K) is linear in F, so its second
 * derivative is zero.
 */

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

export interface Black76Inputs {
  /** Futures/forward price F, > 0. */
  forward: number;
  /** Strike K, > 0. */
  strike: number;
  /** Annualised implied volatility σ as a fraction, > 0. */
  vol: number;
  /** Time to expiry T in years, > 0 (see time-to-expiry.ts for the convention). */
  years: number;
  /** Continuously compounded risk-free rate r as a fraction. */
  rate: number;
}

export function black76D1({ forward, strike, vol, years }: Black76Inputs): number {
  const volSqrtT = vol * Math.sqrt(years);
  return (Math.log(forward / strike) + 0.5 * vol * vol * years) / volSqrtT;
}

/**
 * ∂²V/∂F² per unit of the underlying, for one unit of the underlying (multiply by the contract
 * multiplier for one contract). Inputs are assumed validated: this sits in the inner loop of the
 * price grid, so it does not re-check them.
 */
export function black76Gamma(inputs: Black76Inputs): number {
  const { forward, vol, years, rate } = inputs;
  return (Math.exp(-rate * years) * normalPdf(black76D1(inputs))) / (forward * vol * Math.sqrt(years));
}
