import { createFanOut } from '@b3/kit';
import type { Recommendation } from '../domain/recommendation';

/** How far a subscriber may fall behind before its stream ends with an error instead of losing decisions. */
const SUBSCRIBER_QUEUE = 1_000;

/** In-process fan-out of new recommendations to `recommendationCreated` subscribers. */
export class RecommendationEvents {
  private readonly fanOut = createFanOut<Recommendation>({ limit: SUBSCRIBER_QUEUE });

  publish(recommendation: Recommendation): void {
    this.fanOut.publish(recommendation);
  }

  /** Null: every account. */
  watch(account: string | null): AsyncIterableIterator<Recommendation> {
    return this.fanOut.subscribe(account === null ? undefined : (r) => r.account === account);
  }

  get subscribers(): number {
    return this.fanOut.subscribers;
  }
}
