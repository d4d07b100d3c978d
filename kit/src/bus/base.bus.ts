import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { BusHandler, BusKind, BusLogger, EventBus } from './event-bus';
import { assertTopic, isTopic, parsePattern, type TopicPattern } from './topic';

interface Subscription {
  readonly pattern: TopicPattern;
  readonly handler: BusHandler<unknown>;
  active: boolean;
}

/** Subscriptions that share one server-side filter; `ready` settles when the server confirmed it. */
interface FilterEntry {
  readonly subscriptions: Set<Subscription>;
  readonly ready: Promise<void>;
}

/** A health check must be able to call the bus down quickly, so round trips give up after this. */
export const PING_TIMEOUT_MS = 1000;
export const CONNECT_TIMEOUT_MS = 5000;

/**
 * What every transport shares: topic checks, JSON encoding, local fan-out to handlers, isolation of
 * throwing handlers, connection-state logging and idempotent close. A transport maps a pattern to its own
 * filter syntax and reports what arrives through `deliver`; the local matcher has the last word, so
 * transports whose wildcards are broader than ours (Redis globs, MQTT `#`) still behave the same.
 */
export abstract class BaseBus implements EventBus {
  abstract readonly kind: BusKind;

  private readonly filters = new Map<string, FilterEntry>();
  private closing: Promise<void> | undefined;
  /**
   * Operations in flight, rejected by close(). A Set rather than Promise.race against one long-lived "closed"
   * promise: each race would leave a reaction on it until close, i.e. a leak of one closure per publish.
   */
  private readonly pending = new Set<(reason: Error) => void>();
  private up = false;

  protected constructor(
    protected readonly logger: BusLogger,
    /** The server's URL without credentials, for messages. */
    protected readonly endpoint: string,
  ) {}

  protected abstract send(topic: string, text: string): Promise<void>;
  protected abstract filterFor(pattern: TopicPattern): string;
  protected abstract addFilter(filter: string): Promise<void>;
  protected abstract removeFilter(filter: string): Promise<void>;
  protected abstract roundTrip(): Promise<void>;
  protected abstract shutdown(): Promise<void>;

  get closed(): boolean {
    return this.closing !== undefined;
  }

  async publish<T>(topic: string, payload: T): Promise<void> {
    this.assertOpen();
    assertTopic(topic);
    await this.untilClosed(this.send(topic, encodePayload(payload)));
  }

  async subscribe<T>(topic: string, handler: BusHandler<T>): Promise<() => Promise<void>> {
    this.assertOpen();
    const pattern = parsePattern(topic);
    const filter = this.filterFor(pattern);
    const subscription: Subscription = { pattern, handler: handler as BusHandler<unknown>, active: true };
    let entry = this.filters.get(filter);
    if (!entry) {
      entry = { subscriptions: new Set(), ready: this.addFilter(filter) };
      this.filters.set(filter, entry);
    }
    entry.subscriptions.add(subscription);
    try {
      await this.untilClosed(entry.ready);
    } catch (err) {
      subscription.active = false;
      entry.subscriptions.delete(subscription);
      if (this.filters.get(filter) === entry) this.filters.delete(filter);
      throw err;
    }
    let unsubscribing: Promise<void> | undefined;
    return () => (unsubscribing ??= this.unsubscribe(filter, subscription));
  }

  async ping(): Promise<number> {
    this.assertOpen();
    const start = performance.now();
    await this.untilClosed(this.roundTrip());
    return performance.now() - start;
  }

  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  /** Hands a message from the wire to every live subscription that matches; `filter` narrows the search. */
  protected deliver(topic: string, text: string, filter?: string): void {
    if (this.closed) return;
    if (!isTopic(topic)) return this.dropMalformed(topic);
    const entries = filter === undefined ? [...this.filters.values()] : [this.filters.get(filter)];
    const targets: Subscription[] = [];
    for (const entry of entries) {
      for (const subscription of entry?.subscriptions ?? []) {
        if (subscription.pattern.matches(topic)) targets.push(subscription);
      }
    }
    if (targets.length === 0) return;
    let first: unknown;
    try {
      first = JSON.parse(text);
    } catch {
      this.logger.warn({ topic, endpoint: this.endpoint, bytes: text.length }, 'event bus dropped a payload that is not JSON');
      return;
    }
    // Each subscription gets its own copy, as it would from a separate connection.
    targets.forEach((subscription, i) => this.invoke(subscription, i === 0 ? first : JSON.parse(text), topic));
  }

  protected dropMalformed(topic: string): void {
    this.logger.warn({ topic, endpoint: this.endpoint }, 'event bus dropped a message with a malformed topic');
  }

  /** Transports call these on every state change; only transitions are logged, not each retry. */
  protected markUp(): void {
    if (this.up || this.closed) return;
    this.up = true;
    this.logger.info?.({ endpoint: this.endpoint }, 'event bus connected');
  }

  protected markDown(reason?: unknown): void {
    if (!this.up || this.closed) return;
    this.up = false;
    this.logger.warn({ endpoint: this.endpoint, err: reason }, 'event bus connection lost; reconnecting');
  }

  protected transportError(err: unknown): void {
    // While down, the client reports every failed retry; the transition was already logged.
    if (this.up && !this.closed) this.logger.warn({ endpoint: this.endpoint, err }, 'event bus transport error');
  }

  protected disconnectedError(): Error {
    return new Error(`event bus is disconnected from ${this.endpoint}`);
  }

  private invoke(subscription: Subscription, payload: unknown, topic: string): void {
    // An earlier handler for the same message may have unsubscribed this one.
    if (!subscription.active) return;
    try {
      const result: unknown = subscription.handler(payload, topic);
      if (isPromiseLike(result)) result.then(undefined, (err: unknown) => this.handlerFailed(err, subscription, topic));
    } catch (err) {
      this.handlerFailed(err, subscription, topic);
    }
  }

  private handlerFailed(err: unknown, subscription: Subscription, topic: string): void {
    this.logger.warn({ err, topic, subscription: subscription.pattern.text }, 'event bus handler threw');
  }

  private async unsubscribe(filter: string, subscription: Subscription): Promise<void> {
    subscription.active = false;
    const entry = this.filters.get(filter);
    if (!entry || !entry.subscriptions.delete(subscription) || entry.subscriptions.size > 0) return;
    this.filters.delete(filter);
    if (this.closed) return;
    // Issued at once, not after `ready`, so a re-subscribe to the same filter reaches the server after it.
    try {
      await this.untilClosed(this.removeFilter(filter));
    } catch (err) {
      if (!this.closed) throw err;
    }
  }

  private async closeOnce(): Promise<void> {
    const closed = new Error(`event bus to ${this.endpoint} is closed`);
    for (const reject of [...this.pending]) reject(closed);
    this.pending.clear();
    for (const entry of this.filters.values()) {
      for (const subscription of entry.subscriptions) subscription.active = false;
    }
    this.filters.clear();
    await this.shutdown();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`event bus to ${this.endpoint} is closed`);
  }

  private untilClosed<T>(operation: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.add(reject);
      operation.then(
        (value) => {
          this.pending.delete(reject);
          resolve(value);
        },
        (err: unknown) => {
          this.pending.delete(reject);
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  }
}

function encodePayload(payload: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(payload);
  } catch (err) {
    throw new TypeError(`event payload is not JSON-serialisable: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (text === undefined) throw new TypeError(`event payload is not JSON-serialisable: ${typeof payload}`);
  return text;
}

/** Servers list connections by name; the suffix keeps two instances of one service from colliding. */
export function connectionName(clientId: string | undefined): string {
  const base = (clientId ?? 'bus').replace(/[^A-Za-z0-9_.-]/g, '_');
  return `${base}-${randomBytes(4).toString('hex')}`;
}

/** The URL without user info, so credentials never reach logs or error messages. */
export function redactUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

export function withTimeout<T>(operation: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
