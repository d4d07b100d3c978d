import type { TradeSignal } from '../domain/trade-signal';

export interface SignalWatcher {
  signal(signal: TradeSignal): void;
  /** Every (re)connection of the feed: where to catch up on what a drop may have lost. */
  connected?(): void;
}

/** The signals subgraph: signals are read there, never stored here. */
export interface SignalFeed {
  signal(id: string): Promise<TradeSignal | null>;
  /** OPEN signals posted at or after `since`, newest first, at most `first`. */
  openSignals(since: Date, first: number): Promise<TradeSignal[]>;
  /** Each new signal as it is read, across reconnections, until the returned function runs. */
  watch(watcher: SignalWatcher): () => void;
  ping(): Promise<void>;
  close(): Promise<void>;
}
