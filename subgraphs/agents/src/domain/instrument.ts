/**
 * Futures roots traded on B3 (the ones the market's reference data knows). A future's ticker is its root,
 * a month letter and a two-digit year (WINZ26, DI1F27); matching the root keeps stock units such as
 * KLBN11 (whose fourth letter happens to be a month letter) from reading as futures.
 */
const FUTURES_ROOTS = ['WIN', 'WDO', 'IND', 'DOL', 'DI1', 'DAP', 'DDI', 'FRC', 'BGI', 'CCM', 'ICF', 'ISP'];
const FUTURE = new RegExp(`^(${FUTURES_ROOTS.join('|')})[FGHJKMNQUVXZ]\\d{2}$`);
/** Fractional-market tickers: a stock ticker with an F suffix (PETR4F), traded one share at a time. */
const FRACTIONAL = /^[A-Z]{4}\d{1,2}F$/;

export type InstrumentKind = 'FUTURE' | 'FRACTIONAL' | 'STOCK';

export function instrumentKind(symbol: string): InstrumentKind {
  const s = symbol.trim().toUpperCase();
  if (FUTURE.test(s)) return 'FUTURE';
  if (FRACTIONAL.test(s)) return 'FRACTIONAL';
  return 'STOCK';
}

/**
 * The standard lot: stocks trade in 100s, fractional tickers and futures one at a time. Orders validates
 * quantities against its own table; this only keeps suggestions on lot multiples so they pass.
 */
export function lotSize(symbol: string): number {
  return instrumentKind(symbol) === 'STOCK' ? 100 : 1;
}
