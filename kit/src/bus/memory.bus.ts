import { EventEmitter } from 'node:events';
import { BaseBus } from './base.bus';
import type { BusLogger } from './event-bus';
import type { TopicPattern } from './topic';

/** One per process, so every memory:// bus in it sees every other's messages. */
const hub = new EventEmitter().setMaxListeners(0);
const MESSAGE = 'message';

/**
 * In-process transport for tests and single-process use. Messages travel as JSON text, like on the wire,
 * and are delivered on a later turn of the event loop, so handlers never run inside `publish` and a
 * handler that republishes cannot starve I/O.
 */
export class MemoryBus extends BaseBus {
  readonly kind = 'memory' as const;
  private readonly onMessage = (topic: string, text: string): void => this.deliver(topic, text);

  constructor(logger: BusLogger) {
    super(logger, 'memory://');
    hub.on(MESSAGE, this.onMessage);
    this.markUp();
  }

  protected send(topic: string, text: string): Promise<void> {
    setImmediate(() => hub.emit(MESSAGE, topic, text));
    return Promise.resolve();
  }

  protected filterFor(pattern: TopicPattern): string {
    return pattern.text;
  }

  protected addFilter(): Promise<void> {
    return Promise.resolve();
  }

  protected removeFilter(): Promise<void> {
    return Promise.resolve();
  }

  protected roundTrip(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  protected shutdown(): Promise<void> {
    hub.off(MESSAGE, this.onMessage);
    return Promise.resolve();
  }
}
