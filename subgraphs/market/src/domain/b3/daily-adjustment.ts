import type { B3Instrument } from './instruments';

/** A session's mark-to-market of one futures contract; the key is (date, instrument, contractMonth). */
export interface DailyAdjustment {
  /** São Paulo date of the session, YYYY-MM-DD. */
  date: string;
  instrument: B3Instrument;
  contractMonth: string;
  previousSettlement: string;
  settlement: string;
  /** BRL paid (positive) or received (negative) per long contract; exact decimal. */
  adjustmentPerContract: string;
}
