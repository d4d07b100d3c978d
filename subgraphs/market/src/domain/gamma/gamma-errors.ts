import { badInput, DomainError } from '@b3/kit';
import { MARKET_CODES } from '../../errors';

/**
 * Why a chain cannot be turned into gamma levels. Travels as `extensions.reason` next to
 * `extensions.field` (e.g. "options[3].impliedVol") so a client can point at the offending input
 * without parsing the message.
 */
export const OPTION_CHAIN_PROBLEMS = [
  'EMPTY_CHAIN',
  'TOO_MANY_OPTIONS',
  'NO_OPEN_INTEREST',
  'ZERO_VOL',
  'EXPIRED',
  'NOT_POSITIVE',
  'MALFORMED',
  'MIXED_UNDERLYINGS',
  'DUPLICATE_SYMBOL',
] as const;
export type OptionChainProblem = (typeof OPTION_CHAIN_PROBLEMS)[number];

const chainError = (reason: OptionChainProblem, field: string, message: string, symbol?: string): DomainError =>
  badInput(message, symbol === undefined ? { reason, field } : { reason, field, symbol });

/**
 * Gamma-level error factories (codes listed in errors.ts). Problems in a chain the caller sent are
 * BAD_USER_INPUT; the same problems in a stored chain are re-raised by the service as
 * MARKET_INVALID_OPTION_CHAIN, since the caller cannot fix stored data.
 */
export const GammaErrors = {
  emptyChain: () => chainError('EMPTY_CHAIN', 'options', 'Option chain is empty: options must list at least one option'),
  tooManyOptions: (max: number, count: number) =>
    chainError('TOO_MANY_OPTIONS', 'options', `Option chain has ${count} options; at most ${max} are accepted`),
  noOpenInterest: () =>
    chainError('NO_OPEN_INTEREST', 'options[].openInterest', 'Option chain has no open interest: options[].openInterest is 0 for every option'),
  zeroVol: (symbol: string, field: string, value: number) =>
    chainError('ZERO_VOL', field, `Option ${symbol} has zero vol: ${field} must be a positive finite fraction, got ${value}`, symbol),
  expired: (symbol: string, field: string, expiry: string, asOf: string) =>
    chainError(
      'EXPIRED',
      field,
      `Option ${symbol} has expired: ${field} ${expiry} (18:00 São Paulo) is not after asOf ${asOf}`,
      symbol,
    ),
  notPositive: (field: string, value: string | number, symbol?: string) =>
    chainError('NOT_POSITIVE', field, `${symbol ? `Option ${symbol}: ` : ''}${field} must be positive, got ${JSON.stringify(value)}`, symbol),
  malformed: (field: string, expected: string, value: unknown, symbol?: string) =>
    chainError('MALFORMED', field, `${symbol ? `Option ${symbol}: ` : ''}${field} must be ${expected}, got ${JSON.stringify(value)}`, symbol),
  mixedUnderlyings: (symbol: string, field: string, found: string, expected: string) =>
    chainError(
      'MIXED_UNDERLYINGS',
      field,
      `Option ${symbol} belongs to another underlying: ${field} is ${found} but the chain's underlying is ${expected} (mixed underlyings)`,
      symbol,
    ),
  /** A source answered with another underlying's chain. */
  wrongUnderlying: (requested: string, found: string) =>
    chainError('MIXED_UNDERLYINGS', 'underlying', `Option chain underlying is ${found}, not the requested ${requested}`),
  duplicateSymbol: (symbol: string, field: string) =>
    chainError('DUPLICATE_SYMBOL', field, `Option ${symbol} is listed twice (${field}); its open interest would count double`, symbol),

  /** A grid argument out of range; `argument` is the GraphQL argument name. */
  gridArgument: (argument: string, range: { min: number; max: number; integer: boolean }, value: number) =>
    badInput(`${argument} must be ${range.integer ? 'an integer' : 'a number'} from ${range.min} to ${range.max}, got ${value}`, {
      field: argument,
      min: range.min,
      max: range.max,
    }),

  noOptionChain: (underlying: string) =>
    new DomainError(MARKET_CODES.noOptionChain, `No option chain is stored for ${underlying}`, { underlying }),

  /** A stored chain failed validation: keep the field and reason, change the code (not the caller's fault). */
  invalidStoredChain: (underlying: string, cause: DomainError) => {
    const { code: _code, ...details } = cause.extensions;
    return new DomainError(MARKET_CODES.invalidOptionChain, `Stored option chain for ${underlying} is invalid: ${cause.message}`, {
      ...details,
      underlying,
    });
  },
} as const;
