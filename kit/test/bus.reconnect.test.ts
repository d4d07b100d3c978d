/**
 * Server outages: ping and publish must fail fast while the server is away, and subscriptions must work
 * again once it is back, without the service doing anything. MQTT restarts the embedded broker on the
 * same port; NATS and Redis are shared servers this test must not stop, so their connections run through
 * a TCP proxy the test can cut and restore.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { createEventBus, startEmbeddedBroker, type EmbeddedBroker, type EventBus } from '../src/bus';
import { describeWithService } from '../src/testing/require-service';

const NATS_PORT = 4222;
const REDIS_PORT = 6379;

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Something that can go away and come back on the same port. */
interface Outage {
  readonly url: string;
  down(): Promise<void>;
  up(): Promise<void>;
  dispose(): Promise<void>;
}

async function listen(server: net.Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as net.AddressInfo).port;
}

/** Forwards a loopback port to `targetPort`; `down` drops every connection and stops listening. */
async function tcpProxy(scheme: string, targetPort: number): Promise<Outage> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const makeServer = (): net.Server =>
    net.createServer((client) => {
      const upstream = net.connect(targetPort, '127.0.0.1');
      track(client);
      track(upstream);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
  let server: net.Server | undefined = makeServer();
  const port = await listen(server, 0);
  const down = async (): Promise<void> => {
    const closing = server;
    server = undefined;
    if (!closing) return;
    const closed = new Promise((resolve) => closing.close(resolve));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    down,
    up: async () => {
      server = makeServer();
      await listen(server, port);
    },
    dispose: down,
  };
}

async function embeddedBroker(): Promise<Outage> {
  let broker: EmbeddedBroker | undefined = await startEmbeddedBroker({ port: 0 });
  const port = broker.port;
  const down = async (): Promise<void> => {
    await broker?.close();
    broker = undefined;
  };
  return {
    url: broker.url,
    down,
    up: async () => {
      broker = await startEmbeddedBroker({ port });
    },
    dispose: down,
  };
}

interface Case {
  name: string;
  /** The shared server the case needs; its suite is skipped, saying why, when it is not here. */
  service?: { name: string; port: number };
  outage(): Promise<Outage>;
}

const cases: Case[] = [
  { name: 'mqtt (embedded broker restarted on its port)', outage: embeddedBroker },
  {
    name: 'nats (through a proxy that is cut)',
    service: { name: 'nats', port: NATS_PORT },
    outage: () => tcpProxy('nats', NATS_PORT),
  },
  {
    name: 'redis (through a proxy that is cut)',
    service: { name: 'redis', port: REDIS_PORT },
    outage: () => tcpProxy('redis', REDIS_PORT),
  },
];

for (const { name, service, outage } of cases) {
  const describeHere = service ? describeWithService(service.name, service.port) : describe;
  describeHere(`event bus outage: ${name}`, () => outageContract(outage));
}

function outageContract(makeOutage: () => Promise<Outage>): void {
  let outage: Outage;
  let buses: EventBus[] = [];
  const logger = { warn: jest.fn(), info: jest.fn() };

  beforeEach(async () => {
    outage = await makeOutage();
    logger.warn.mockClear();
  });

  afterEach(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    buses = [];
    await outage.dispose();
  });

  async function open(url: string): Promise<EventBus> {
    const bus = await createEventBus(url, { clientId: 'outage-test', logger });
    buses.push(bus);
    return bus;
  }

  it('rejects ping and publish within about a second while the server is away, and recovers', async () => {
    const bus = await open(outage.url);
    await expect(bus.ping()).resolves.toBeGreaterThanOrEqual(0);

    await outage.down();
    const started = performance.now();
    await expect(bus.ping()).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(1500);
    await until(async () => bus.publish('outage.probe', 1).then(() => false, () => true), 'publish to fail fast');
    expect(logger.warn).toHaveBeenCalledWith(expect.any(Object), 'event bus connection lost; reconnecting');

    await outage.up();
    await until(async () => bus.ping().then(() => true, () => false), 'ping to succeed after the server is back');
  });

  it('closes promptly while the server is away, failing a subscribe that was waiting for it', async () => {
    const bus = await open(outage.url);
    await outage.down();
    await until(async () => bus.ping().then(() => false, () => true), 'the bus to notice');
    const waiting = bus.subscribe('outage.pending', () => undefined);
    const started = performance.now();
    await bus.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(waiting).rejects.toThrow(/closed/);
  });

  it('keeps subscriptions across a server restart', async () => {
    const topic = `r${randomBytes(6).toString('hex')}.fills.PETR4`;
    const publisher = await open(outage.url);
    const subscriber = await open(outage.url);
    const received: number[] = [];
    await subscriber.subscribe<number>(`${topic.split('.')[0]}.fills.*`, (n) => void received.push(n));
    await publisher.publish(topic, 1);
    await until(() => received.includes(1), 'delivery before the outage');

    await outage.down();
    await until(async () => subscriber.ping().then(() => false, () => true), 'the subscriber to notice');
    const lateReceived: number[] = [];
    const late = subscriber.subscribe<number>(topic, (n) => void lateReceived.push(n));
    await outage.up();
    await late; // made while the server was away: it waits for the reconnect
    // Publishes fail until the publisher is back, and are lost until the subscriber has resubscribed.
    await until(async () => {
      await publisher.publish(topic, 2).catch(() => undefined);
      return received.includes(2);
    }, 'delivery after the restart');
    await until(() => lateReceived.includes(2), 'delivery to the subscription made during the outage');
    expect(received[0]).toBe(1);
    expect(received.filter((n) => n === 2)).toHaveLength(lateReceived.filter((n) => n === 2).length);
  });
}
