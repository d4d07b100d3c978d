import type { OptionChain } from '../domain/option-chain';

/** Where option chains come from: the B3 data store in production, an in-memory fake in tests. */
export interface OptionChainSource {
  /** The most recent chain imported for an underlying (e.g. "PETR4"), or null when none is stored. */
  latestChain(underlying: string): Promise<OptionChain | null>;
}
