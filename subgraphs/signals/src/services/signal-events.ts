import { createFanOut } from '@b3/kit';
import type { Signal } from '../domain/signal';

/** How far a subscriber may fall behind before its stream ends with an error instead of losing signals. */
const SUBSCRIBER_QUEUE = 1_000;

/**
 * In-process fan-out of signals to subscribers: `newSignals` (a signal read for the first time) and
 * `signalChanged` (levels edited, a target or the stop reached, cancelled…), each optionally for one asset.
 */
export class SignalEvents {
  private readonly created = createFanOut<Signal>({ limit: SUBSCRIBER_QUEUE });
  private readonly changed = createFanOut<Signal>({ limit: SUBSCRIBER_QUEUE });
  private readonly listeners = new Set<(signal: Signal) => void>();

  publishNew(signal: Signal): void {
    this.created.publish(signal);
    this.listeners.forEach((listener) => listener(signal));
  }

  publishChanged(signal: Signal): void {
    this.changed.publish(signal);
    this.listeners.forEach((listener) => listener(signal));
  }

  /** Every new or changed signal, for in-process consumers (market marking); returns the unsubscribe. */
  onSignal(listener: (signal: Signal) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  newSignals(asset: string | null): AsyncIterableIterator<Signal> {
    return this.created.subscribe(forAsset(asset));
  }

  signalChanges(asset: string | null): AsyncIterableIterator<Signal> {
    return this.changed.subscribe(forAsset(asset));
  }
}

function forAsset(asset: string | null): ((signal: Signal) => boolean) | undefined {
  const wanted = asset?.trim().toUpperCase() || null;
  return wanted === null ? undefined : (signal) => signal.asset === wanted;
}
