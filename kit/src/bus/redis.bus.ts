import { Redis } from 'ioredis';
import { BaseBus, CONNECT_TIMEOUT_MS, PING_TIMEOUT_MS, connectionName, redactUrl, withTimeout } from './base.bus';
import type { BusLogger } from './event-bus';
import { ONE_SEGMENT, REST_SEGMENTS, type TopicPattern } from './topic';

/**
 * Redis pub/sub over two connections, since a subscribing connection cannot publish. Every subscription is
 * a PSUBSCRIBE glob in which both wildcards become `*`; glob `*` also crosses dots, so the local matcher
 * narrows what arrives. The publishing connection has no offline queue, so publishes fail fast while
 * Redis is away; the subscribing one keeps its queue and ioredis resubscribes after a reconnect.
 */
export class RedisBus extends BaseBus {
  readonly kind = 'redis' as const;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    logger: BusLogger,
    endpoint: string,
  ) {
    super(logger, endpoint);
    subscriber.on('pmessage', (glob: string, channel: string, message: string) => this.deliver(channel, message, glob));
    for (const connection of [publisher, subscriber]) {
      connection.on('ready', () => {
        if (this.connected) this.markUp();
      });
      connection.on('close', () => this.markDown());
      connection.on('error', (err: Error) => this.transportError(err));
    }
  }

  static async connect(url: URL, logger: BusLogger, clientId?: string): Promise<RedisBus> {
    const endpoint = redactUrl(url);
    const name = connectionName(clientId);
    const common = { lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS, connectionName: name };
    const publisher = new Redis(url.toString(), { ...common, enableOfflineQueue: false });
    const subscriber = new Redis(url.toString(), { ...common, maxRetriesPerRequest: null });
    const bus = new RedisBus(publisher, subscriber, logger, endpoint);
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
    } catch (err) {
      await bus.close();
      throw new Error(`cannot reach event bus at ${endpoint}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return bus;
  }

  private get connected(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
  }

  protected async send(topic: string, text: string): Promise<void> {
    if (this.publisher.status !== 'ready') throw this.disconnectedError();
    await this.publisher.publish(topic, text);
  }

  protected filterFor(pattern: TopicPattern): string {
    return pattern.segments.map((s) => (s === ONE_SEGMENT || s === REST_SEGMENTS ? '*' : s)).join('.');
  }

  protected async addFilter(glob: string): Promise<void> {
    await this.subscriber.psubscribe(glob);
  }

  protected async removeFilter(glob: string): Promise<void> {
    await this.subscriber.punsubscribe(glob);
  }

  protected async roundTrip(): Promise<void> {
    if (!this.connected) throw this.disconnectedError();
    await withTimeout(
      Promise.all([this.publisher.ping(), this.subscriber.ping()]),
      PING_TIMEOUT_MS,
      `event bus at ${this.endpoint} did not answer a ping`,
    );
  }

  protected async shutdown(): Promise<void> {
    await Promise.all(
      [this.publisher, this.subscriber].map(async (connection) => {
        if (connection.status !== 'ready') return connection.disconnect();
        try {
          await connection.quit();
        } catch {
          connection.disconnect();
        }
      }),
    );
  }
}
