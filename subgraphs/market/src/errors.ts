import { DomainError } from '@b3/kit';

/**
 * Every MARKET_* code, declared once. Invalid arguments are BAD_USER_INPUT with `extensions.field`;
 * gamma-chain and B3-import errors are built in domain/gamma/gamma-errors.ts and domain/b3/b3-errors.ts.
 */
export const MARKET_CODES = {
  unknownSymbol: 'MARKET_UNKNOWN_SYMBOL',
  /** gammaLevels for an underlying without an imported options chain. */
  noOptionChain: 'MARKET_NO_OPTION_CHAIN',
  /** The stored chain cannot be used (zero vol, no open interest…): not the caller's fault. */
  invalidOptionChain: 'MARKET_INVALID_OPTION_CHAIN',
  /** One import per kind at a time. */
  b3ImportRunning: 'MARKET_B3_IMPORT_RUNNING',
} as const;

export const MarketErrors = {
  unknownSymbol: (symbol: string) => new DomainError(MARKET_CODES.unknownSymbol, `Unknown symbol ${symbol}`, { symbol }),
  tooManySymbols: (max: number) => new DomainError('BAD_USER_INPUT', `At most ${max} symbols per request`, { field: 'symbols', max }),
  badSymbol: (symbol: string) =>
    new DomainError('BAD_USER_INPUT', `Invalid symbol "${symbol}": expected 4-12 upper-case letters or digits`, { field: 'symbol', symbol }),
  /** An argument a client can fix; `field` names it. */
  badArgument: (field: string, message: string) => new DomainError('BAD_USER_INPUT', message, { field }),
} as const;
