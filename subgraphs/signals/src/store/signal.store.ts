import type { NewSignal, Signal, SignalId } from '../domain/signal';

export interface SignalQuery {
  asset?: string;
  limit: number;
}

export interface SignalStore {
  create(signal: NewSignal): Promise<Signal>;
  /** Most recently received first. */
  list(query: SignalQuery): Promise<Signal[]>;
  byIds(ids: readonly SignalId[]): Promise<Signal[]>;
}
