import { createAsyncQueue } from '@b3/kit';
import type { Signal } from '../domain/signal';

/** How far a subscriber may fall behind before its stream ends with an error instead of losing signals. */
const SUBSCRIBER_QUEUE = 1_000;

interface Watcher {
  readonly asset: string | null;
  readonly notify: (signal: Signal) => void;
}

/**
 * In-process fan-out of signals to subscribers: `newSignals` (a signal read for the first time) and
 * `signalChanged` (levels edited, a target or the stop reached, cancelled…), each optionally for one asset.
 */
export class SignalEvents {
  private readonly created = new Set<Watcher>();
  private readonly changed = new Set<Watcher>();
  private readonly listeners = new Set<(signal: Signal) => void>();

  publishNew(signal: Signal): void {
    this.created.forEach((w) => (w.asset === null || w.asset === signal.asset) && w.notify(signal));
    this.listeners.forEach((listener) => listener(signal));
  }

  publishChanged(signal: Signal): void {
    this.changed.forEach((w) => (w.asset === null || w.asset === signal.asset) && w.notify(signal));
    this.listeners.forEach((listener) => listener(signal));
  }

  /** Every new or changed signal, for in-process consumers (market marking); returns the unsubscribe. */
  onSignal(listener: (signal: Signal) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  newSignals(asset: string | null): AsyncIterableIterator<Signal> {
    return this.watch(this.created, asset);
  }

  signalChanges(asset: string | null): AsyncIterableIterator<Signal> {
    return this.watch(this.changed, asset);
  }

  private watch(set: Set<Watcher>, asset: string | null): AsyncIterableIterator<Signal> {
    const watcher: Watcher = { asset: asset?.trim().toUpperCase() || null, notify: (signal) => queue.push(signal) };
    const queue = createAsyncQueue<Signal>({ limit: SUBSCRIBER_QUEUE, onClose: () => set.delete(watcher) });
    set.add(watcher);
    return queue;
  }
}
