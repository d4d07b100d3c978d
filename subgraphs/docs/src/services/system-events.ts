import { createFanOut } from '@b3/kit';
import type { System, SystemStatus } from '../domain/system';

/** How far a subscriber may fall behind before its stream ends with an error instead of losing changes. */
const SUBSCRIBER_QUEUE = 1_000;

export interface SystemStatusChange {
  readonly system: System;
  readonly previous: SystemStatus;
}

/** In-process fan-out of `systemStatusChanged`: only real changes are published, optionally for one system. */
export class SystemEvents {
  private readonly fanOut = createFanOut<SystemStatusChange>({ limit: SUBSCRIBER_QUEUE });

  publish(change: SystemStatusChange): void {
    this.fanOut.publish(change);
  }

  statusChanges(name: string | null): AsyncIterableIterator<SystemStatusChange> {
    const wanted = name?.trim().toLowerCase() || null;
    return this.fanOut.subscribe(wanted === null ? undefined : (change) => change.system.name === wanted);
  }
}
