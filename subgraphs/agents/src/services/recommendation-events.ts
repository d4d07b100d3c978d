import { createAsyncQueue } from '@b3/kit';
import type { Recommendation } from '../domain/recommendation';

/** How far a subscriber may fall behind before its stream ends with an error instead of losing decisions. */
const SUBSCRIBER_QUEUE = 1_000;

interface Watcher {
  /** Null: every account. */
  readonly account: string | null;
  readonly notify: (recommendation: Recommendation) => void;
}

/** In-process fan-out of new recommendations to `recommendationCreated` subscribers. */
export class RecommendationEvents {
  private readonly watchers = new Set<Watcher>();

  publish(recommendation: Recommendation): void {
    this.watchers.forEach((w) => (w.account === null || w.account === recommendation.account) && w.notify(recommendation));
  }

  watch(account: string | null): AsyncIterableIterator<Recommendation> {
    const watcher: Watcher = { account, notify: (r) => queue.push(r) };
    const queue = createAsyncQueue<Recommendation>({ limit: SUBSCRIBER_QUEUE, onClose: () => this.watchers.delete(watcher) });
    this.watchers.add(watcher);
    return queue;
  }

  get subscribers(): number {
    return this.watchers.size;
  }
}
