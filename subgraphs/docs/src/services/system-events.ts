import { createAsyncQueue } from '@b3/kit';
import type { System, SystemStatus } from '../domain/system';

/** How far a subscriber may fall behind before its stream ends with an error instead of losing changes. */
const SUBSCRIBER_QUEUE = 1_000;

export interface SystemStatusChange {
  readonly system: System;
  readonly previous: SystemStatus;
}

interface Watcher {
  readonly name: string | null;
  readonly notify: (change: SystemStatusChange) => void;
}

/** In-process fan-out of `systemStatusChanged`: only real changes are published, optionally for one system. */
export class SystemEvents {
  private readonly watchers = new Set<Watcher>();

  publish(change: SystemStatusChange): void {
    this.watchers.forEach((w) => (w.name === null || w.name === change.system.name) && w.notify(change));
  }

  statusChanges(name: string | null): AsyncIterableIterator<SystemStatusChange> {
    const watcher: Watcher = { name: name?.trim().toLowerCase() || null, notify: (change) => queue.push(change) };
    const queue = createAsyncQueue<SystemStatusChange>({ limit: SUBSCRIBER_QUEUE, onClose: () => this.watchers.delete(watcher) });
    this.watchers.add(watcher);
    return queue;
  }
}
