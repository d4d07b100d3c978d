import { Events, connect, type NatsConnection, type Subscription } from 'nats';
import { BaseBus, CONNECT_TIMEOUT_MS, PING_TIMEOUT_MS, connectionName, redactUrl, withTimeout } from './base.bus';
import type { BusLogger } from './event-bus';
import type { TopicPattern } from './topic';

const RECONNECT_WAIT_MS = 1000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Core NATS: subjects and wildcards are ours already, so each filter is one native subscription. */
export class NatsBus extends BaseBus {
  readonly kind = 'nats' as const;
  private readonly subscriptions = new Map<string, Subscription>();
  private connected = true;
  private reconnects = 0;
  private readonly reconnectWaiters: (() => void)[] = [];

  private constructor(
    private readonly nc: NatsConnection,
    logger: BusLogger,
    endpoint: string,
  ) {
    super(logger, endpoint);
    this.markUp();
    // The status stream does not end when the connection closes; a pending loop holds no handle.
    this.watchStatus().catch((err: unknown) => this.transportError(err));
  }

  static async connect(url: URL, logger: BusLogger, clientId?: string): Promise<NatsBus> {
    const endpoint = redactUrl(url);
    let nc: NatsConnection;
    try {
      nc = await connect({
        servers: url.toString(),
        name: connectionName(clientId),
        timeout: CONNECT_TIMEOUT_MS,
        // The client's default gives up after ten attempts; a service must outlive any server restart.
        maxReconnectAttempts: -1,
        reconnectTimeWait: RECONNECT_WAIT_MS,
      });
    } catch (err) {
      throw new Error(`cannot reach event bus at ${endpoint}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return new NatsBus(nc, logger, endpoint);
  }

  protected send(topic: string, text: string): Promise<void> {
    if (!this.connected) return Promise.reject(this.disconnectedError());
    this.nc.publish(topic, encoder.encode(text));
    return Promise.resolve();
  }

  protected filterFor(pattern: TopicPattern): string {
    return pattern.text;
  }

  protected async addFilter(filter: string): Promise<void> {
    const subscription = this.nc.subscribe(filter, {
      callback: (err, msg) => {
        if (err) this.transportError(err);
        else this.deliver(msg.subject, decoder.decode(msg.data), filter);
      },
    });
    this.subscriptions.set(filter, subscription);
    // The server has registered the interest once it answers a flush. A flush fails while disconnected,
    // but the client sends the subscription again on reconnect, so try again then.
    for (;;) {
      const seen = this.reconnects;
      try {
        await this.nc.flush();
        return;
      } catch (err) {
        if (this.nc.isClosed()) throw err;
      }
      await this.reconnectAfter(seen);
    }
  }

  protected async removeFilter(filter: string): Promise<void> {
    this.subscriptions.get(filter)?.unsubscribe();
    this.subscriptions.delete(filter);
    // Only fails while disconnected, when the server has forgotten the subscription anyway.
    await this.nc.flush().catch(() => undefined);
  }

  protected async roundTrip(): Promise<void> {
    if (!this.connected) throw this.disconnectedError();
    await withTimeout(this.nc.rtt(), PING_TIMEOUT_MS, `event bus at ${this.endpoint} did not answer a ping`);
  }

  protected async shutdown(): Promise<void> {
    // close() alone can discard publishes still in the client's buffer.
    if (this.connected) await withTimeout(this.nc.flush(), PING_TIMEOUT_MS, 'flush before close').catch(() => undefined);
    await this.nc.close();
  }

  /** Resolves once the connection has been re-established more than `seen` times. */
  private reconnectAfter(seen: number): Promise<void> {
    if (this.reconnects > seen) return Promise.resolve();
    return new Promise((resolve) => this.reconnectWaiters.push(resolve));
  }

  private async watchStatus(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === Events.Disconnect) {
        this.connected = false;
        this.markDown(status.data);
      } else if (status.type === Events.Reconnect) {
        this.connected = true;
        this.reconnects++;
        this.markUp();
        for (const resolve of this.reconnectWaiters.splice(0)) resolve();
      } else if (status.type === Events.Error) {
        this.transportError(status.data);
      }
    }
  }
}
