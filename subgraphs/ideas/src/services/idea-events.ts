import { createFanOut } from '@b3/kit';
import type { Idea, IdeaField } from '../domain/idea';
import type { IdeaChangeKind } from '../domain/idea-change';

/** How far a subscriber may fall behind before its stream ends with an error instead of losing events. */
const SUBSCRIBER_QUEUE = 1_000;

export interface IdeaEvent {
  readonly kind: IdeaChangeKind;
  /** The idea after the change; for DELETED, as it was when deleted. */
  readonly idea: Idea;
  readonly fields: readonly IdeaField[];
  readonly actorId: string;
  readonly at: Date;
}

/**
 * In-process fan-out of idea changes to `ideaChanged` subscribers, published after the transaction
 * commits, so a subscriber never hears of a change that was rolled back. One process owns the ideas
 * tables, so in-process is enough; replicas would need the platform bus instead.
 */
export class IdeaEvents {
  private readonly fanOut = createFanOut<IdeaEvent>({ limit: SUBSCRIBER_QUEUE });

  publish(event: IdeaEvent): void {
    this.fanOut.publish(event);
  }

  get subscriberCount(): number {
    return this.fanOut.subscribers;
  }

  changes(): AsyncIterableIterator<IdeaEvent> {
    return this.fanOut.subscribe();
  }
}
