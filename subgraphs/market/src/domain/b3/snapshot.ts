import type { B3Instrument } from './instruments';

/**
 * Where a settlement stands:
 * - PRELIMINARY: published during or right after the session, may still change (B3's "ajuste prévio");
 * - FINAL: the official settlement used for daily adjustments;
 * - SUSPENDED: the contract did not trade or was suspended; the price is carried from the previous session.
 */
export const SNAPSHOT_STATUSES = ['PRELIMINARY', 'FINAL', 'SUSPENDED'] as const;
export type SnapshotStatus = (typeof SNAPSHOT_STATUSES)[number];

/** A futures settlement at one moment; the natural key is (instrument, contractMonth, timestamp). */
export interface Snapshot {
  instrument: B3Instrument;
  /** Month letter + two-digit year, e.g. F27. */
  contractMonth: string;
  /** Exact decimal. */
  settlementPrice: string;
  /** Exact decimal; null on a contract's first session. */
  previousSettlement: string | null;
  status: SnapshotStatus;
  /** Who published it (1-50 characters), e.g. "B3" or "b3-bvbg086". */
  source: string;
  /** UTC ISO-8601. */
  timestamp: string;
}

/** The ticker B3 lists the contract under: DI1 + F27 → DI1F27. */
export const snapshotSymbol = (snapshot: Pick<Snapshot, 'instrument' | 'contractMonth'>): string => `${snapshot.instrument}${snapshot.contractMonth}`;
