import { matching } from './check';

/** Indicator names are slugs: SELIC, CDI, IPCA, PTAX, IBOV, IPCA_12M. */
export const checkIndicatorName = matching(/^[A-Z0-9_]{2,32}$/, 'is not an indicator name: expected 2-32 upper-case letters, digits or _, like SELIC or IPCA_12M');

/** The latest value of an economic indicator; one per name. */
export interface Indicator {
  name: string;
  /** Exact decimal in the indicator's own unit (percent a year for SELIC, BRL per USD for PTAX, points for IBOV). */
  value: string;
  /** How people write it, e.g. "15,00% a.a." or "R$ 5,4321" (1-50 characters). */
  displayValue: string;
  /** UTC ISO-8601 of the publication. */
  updatedAt: string;
}

/** One day of an indicator's history; the key is (name, date). */
export interface IndicatorHistoryPoint {
  name: string;
  /** São Paulo date, YYYY-MM-DD. */
  date: string;
  value: string;
}
