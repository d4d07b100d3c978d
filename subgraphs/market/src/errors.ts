import { DomainError } from '@b3/kit';

/** Every MARKET_* code, declared once. */
export const MarketErrors = {
  unknownSymbol: (symbol: string) => new DomainError('MARKET_UNKNOWN_SYMBOL', `Unknown symbol ${symbol}`, { symbol }),
  tooManySymbols: (max: number) => new DomainError('BAD_USER_INPUT', `At most ${max} symbols per request`, { field: 'symbols', max }),
  badSymbol: (symbol: string) =>
    new DomainError('BAD_USER_INPUT', `Invalid symbol "${symbol}": expected 4-12 upper-case letters or digits`, { field: 'symbol', symbol }),
  /** An argument a client can fix; `field` names it. */
  badArgument: (field: string, message: string) => new DomainError('BAD_USER_INPUT', message, { field }),
} as const;
