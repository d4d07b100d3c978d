import { type Check, invalid, valid } from './check';

/** B3's (and CME's) futures month letters, January to December. */
export const MONTH_CODES = ['F', 'G', 'H', 'J', 'K', 'M', 'N', 'Q', 'U', 'V', 'X', 'Z'] as const;
export type MonthCode = (typeof MONTH_CODES)[number];

const SHAPE = /^[A-Z][0-9]{2}$/;

/** A contract month is a month letter and a two-digit year: F27 is January 2027. */
export function checkContractMonth(text: string): Check<string> {
  if (!SHAPE.test(text)) return invalid(`${JSON.stringify(text)} is not a contract month: expected a month letter and two digits, like F27`);
  if (!(MONTH_CODES as readonly string[]).includes(text[0])) {
    return invalid(`${JSON.stringify(text)} is not a contract month: ${text[0]} is not a futures month letter (${MONTH_CODES.join(' ')})`);
  }
  return valid(text);
}

/** Months since year 2000 (years are 20YY): sorts contract months by expiry rather than alphabetically. */
export function contractMonthOrdinal(contractMonth: string): number {
  return Number(contractMonth.slice(1)) * 12 + (MONTH_CODES as readonly string[]).indexOf(contractMonth[0]);
}

export function compareContractMonths(a: string, b: string): number {
  return contractMonthOrdinal(a) - contractMonthOrdinal(b);
}
