import { connect, type MqttClient, type Packet } from 'mqtt';
import { BaseBus, CONNECT_TIMEOUT_MS, PING_TIMEOUT_MS, connectionName, redactUrl, withTimeout } from './base.bus';
import type { BusLogger } from './event-bus';
import { ONE_SEGMENT, REST_SEGMENTS, type TopicPattern } from './topic';

const RECONNECT_PERIOD_MS = 1000;

/**
 * MQTT 3.1.1 with QoS 0 and clean sessions: the client resubscribes by itself after a reconnect. Topics map
 * `.` to `/`, `*` to `+` and `>` to `#`. One message reaches the client once however many of its filters
 * match (aedes and most brokers deduplicate per client), and the local matcher fans it out; it also drops
 * what `#` matches but `>` does not (the parent level itself).
 */
export class MqttBus extends BaseBus {
  readonly kind = 'mqtt' as const;

  private constructor(
    private readonly client: MqttClient,
    logger: BusLogger,
    endpoint: string,
  ) {
    super(logger, endpoint);
    client.on('message', (mqttTopic: string, payload: Buffer) => {
      // A foreign publisher's level `a.b` would turn into two segments once `/` becomes `.`.
      if (mqttTopic.includes('.')) this.dropMalformed(mqttTopic);
      else this.deliver(mqttTopic.replaceAll('/', '.'), payload.toString('utf8'));
    });
    client.on('connect', () => this.markUp());
    client.on('close', () => this.markDown());
    client.on('error', (err) => this.transportError(err));
  }

  static async connect(url: URL, logger: BusLogger, clientId?: string): Promise<MqttBus> {
    const client = connect(url.toString(), {
      clientId: connectionName(clientId),
      protocolVersion: 4,
      clean: true,
      resubscribe: true,
      reconnectPeriod: RECONNECT_PERIOD_MS,
      connectTimeout: CONNECT_TIMEOUT_MS,
      queueQoSZero: false,
    });
    const bus = new MqttBus(client, logger, redactUrl(url));
    try {
      await new Promise<void>((resolve, reject) => {
        const settle = (err?: Error): void => {
          client.off('connect', onConnect).off('error', settle).off('close', onClose);
          if (err) reject(new Error(`cannot reach event bus at ${bus.endpoint}: ${err.message}`));
          else resolve();
        };
        const onConnect = (): void => settle();
        const onClose = (): void => settle(new Error('connection closed'));
        client.on('connect', onConnect).on('error', settle).on('close', onClose);
      });
    } catch (err) {
      await bus.close();
      throw err;
    }
    return bus;
  }

  protected async send(topic: string, text: string): Promise<void> {
    if (!this.client.connected) throw this.disconnectedError();
    await this.client.publishAsync(topic.replaceAll('.', '/'), text, { qos: 0 });
  }

  protected filterFor(pattern: TopicPattern): string {
    return pattern.segments.map((s) => (s === ONE_SEGMENT ? '+' : s === REST_SEGMENTS ? '#' : s)).join('/');
  }

  protected async addFilter(filter: string): Promise<void> {
    const granted = await this.client.subscribeAsync(filter, { qos: 0 });
    if (granted.some((grant) => grant.qos === 128)) throw new Error(`${this.endpoint} refused the subscription ${filter}`);
  }

  protected async removeFilter(filter: string): Promise<void> {
    await this.client.unsubscribeAsync(filter);
  }

  /** A protocol-level PINGREQ, so no topic a wildcard subscriber could see is involved. */
  protected roundTrip(): Promise<void> {
    if (!this.client.connected) return Promise.reject(this.disconnectedError());
    let onPacket: ((packet: Packet) => void) | undefined;
    const pong = new Promise<void>((resolve) => {
      onPacket = (packet) => {
        if (packet.cmd === 'pingresp') resolve();
      };
      this.client.on('packetreceive', onPacket);
    });
    this.client.sendPing();
    return withTimeout(pong, PING_TIMEOUT_MS, `event bus at ${this.endpoint} did not answer a ping`).finally(() => {
      if (onPacket) this.client.off('packetreceive', onPacket);
    });
  }

  protected shutdown(): Promise<void> {
    // A graceful end waits for queued packets to be acknowledged, which never happens while disconnected.
    return this.client.endAsync(!this.client.connected);
  }
}
