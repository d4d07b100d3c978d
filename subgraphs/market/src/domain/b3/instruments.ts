import { type Check, invalid, valid } from './check';

/**
 * The B3 futures whose settlements this subgraph serves, a closed list (anything else is refused, so a
 * typo never creates a new series):
 * - DI1: one-day interbank deposit (DI) rate futures, quoted as an annual rate
 * - DDI: cupom cambial (US dollar-linked interest rate) futures
 * - DOL: full-size US dollar futures (USD 50,000), BRL per USD 1,000
 * - WDO: mini US dollar futures (USD 10,000)
 * - WIN: mini Ibovespa futures (BRL 0.20 per index point)
 * - IND: full-size Ibovespa futures (BRL 1.00 per index point)
 * - DAP: IPCA coupon (real interest rate) futures
 * - FRC: FRA on cupom cambial (forward rate agreement)
 * - BGI: live cattle futures
 * - CCM: corn futures
 * - ICF: arabica coffee 4/5 futures
 * - ISP: S&P 500 index futures
 */
export const B3_INSTRUMENTS = ['DI1', 'DDI', 'DOL', 'WDO', 'WIN', 'IND', 'DAP', 'FRC', 'BGI', 'CCM', 'ICF', 'ISP'] as const;
export type B3Instrument = (typeof B3_INSTRUMENTS)[number];

export function checkInstrument(text: string): Check<B3Instrument> {
  const upper = text.trim();
  return (B3_INSTRUMENTS as readonly string[]).includes(upper)
    ? valid(upper as B3Instrument)
    : invalid(`${JSON.stringify(text)} is not a supported B3 instrument (${B3_INSTRUMENTS.join(', ')})`);
}

/** Underlyings of options and vol surfaces: a futures root (DOL), an ETF (BOVA11) or a stock (PETR4). */
const UNDERLYING = /^[A-Z][A-Z0-9]{2,11}$/;

export function checkUnderlying(text: string): Check<string> {
  return UNDERLYING.test(text) ? valid(text) : invalid(`${JSON.stringify(text)} is not an underlying: expected 3-12 upper-case letters or digits, like DOL, BOVA11 or PETR4`);
}

/** Option tickers (BOVAL130, PETRX380) and longer futures-option codes. */
const OPTION_SYMBOL = /^[A-Z][A-Z0-9]{3,19}$/;

export function checkOptionSymbol(text: string): Check<string> {
  return OPTION_SYMBOL.test(text) ? valid(text) : invalid(`${JSON.stringify(text)} is not an option ticker: expected 4-20 upper-case letters or digits`);
}
