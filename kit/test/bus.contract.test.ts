/**
 * One behavioural contract, run against every transport. Each test publishes from one bus and receives on
 * another, so messages really cross the wire; topics start with a random root so parallel runs on the
 * shared NATS and Redis servers cannot see each other's traffic.
 */
import { randomBytes } from 'node:crypto';
import { connect as mqttConnect } from 'mqtt';
import { connect as natsConnect } from 'nats';
import { Redis } from 'ioredis';
import { createEventBus, startEmbeddedBroker, type EmbeddedBroker, type EventBus } from '../src/bus';
import { describeWithService } from '../src/testing/require-service';

const NATS_PORT = 4222;
const REDIS_PORT = 6379;

interface Transport {
  readonly name: string;
  /** The shared server this transport needs; its suite is skipped, saying why, when it is not here. */
  readonly service?: { name: string; port: number };
  /** The bus URL. */
  setup(): Promise<string>;
  teardown(): Promise<void>;
  /** Puts bytes on the wire without going through the bus, to test what the bus does with garbage. */
  publishRaw?(url: string, topic: string, text: string): Promise<void>;
}

let broker: EmbeddedBroker | undefined;

const transports: Transport[] = [
  { name: 'memory', setup: async () => 'memory://', teardown: async () => undefined },
  {
    name: 'mqtt (embedded broker)',
    setup: async () => {
      broker = await startEmbeddedBroker({ port: 0 });
      return broker.url;
    },
    teardown: async () => broker?.close(),
    publishRaw: async (url, topic, text) => {
      const client = mqttConnect(url);
      await new Promise((resolve, reject) => client.once('connect', resolve).once('error', reject));
      await client.publishAsync(topic.replaceAll('.', '/'), text);
      await client.endAsync();
    },
  },
  {
    name: 'nats',
    service: { name: 'nats', port: NATS_PORT },
    setup: async () => `nats://127.0.0.1:${NATS_PORT}`,
    teardown: async () => undefined,
    publishRaw: async (url, topic, text) => {
      const nc = await natsConnect({ servers: url });
      nc.publish(topic, new TextEncoder().encode(text));
      await nc.flush(); // close() alone may drop it
      await nc.close();
    },
  },
  {
    name: 'redis',
    service: { name: 'redis', port: REDIS_PORT },
    setup: async () => `redis://127.0.0.1:${REDIS_PORT}`,
    teardown: async () => undefined,
    publishRaw: async (url, topic, text) => {
      const redis = new Redis(url);
      await redis.publish(topic, text);
      await redis.quit();
    },
  },
];

interface Received<T> {
  payload: T;
  topic: string;
}

function inbox<T = unknown>(): { items: Received<T>[]; handler: (payload: T, topic: string) => void } {
  const items: Received<T>[] = [];
  return { items, handler: (payload, topic) => void items.push({ payload, topic }) };
}

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function testLogger(): { warn: jest.Mock; info: jest.Mock } {
  return { warn: jest.fn(), info: jest.fn() };
}

for (const transport of transports) {
  const { service } = transport;
  const describeHere = service ? describeWithService(service.name, service.port) : describe;
  describeHere(`event bus contract: ${transport.name}`, () => contract(transport));
}

function contract(transport: Transport): void {
  let url: string;
  let opened: EventBus[] = [];
  let root: string;
  let pub: EventBus;
  let sub: EventBus;
  let logger: ReturnType<typeof testLogger>;
  let flushes = 0;
  let flushed: () => Promise<void>;

  async function open(): Promise<EventBus> {
    const bus = await createEventBus(url, { clientId: 'contract-test', logger });
    opened.push(bus);
    return bus;
  }

  beforeAll(async () => {
    url = await transport.setup();
  });

  afterAll(async () => {
    await transport.teardown();
  });

  beforeEach(async () => {
    root = `t${randomBytes(6).toString('hex')}`;
    logger = testLogger();
    pub = await open();
    sub = await open();
    // A marker sent after the messages under test: one publisher's messages arrive in order, so once the
    // marker is in, anything that was going to be delivered before it has been.
    const markers = inbox<number>();
    await sub.subscribe(`${root}-flush.marker`, markers.handler);
    flushed = async () => {
      const n = ++flushes;
      await pub.publish(`${root}-flush.marker`, n);
      await until(() => markers.items.some((m) => m.payload === n), `flush marker ${n}`);
    };
  });

  afterEach(async () => {
    await Promise.all(opened.map((bus) => bus.close()));
    opened = [];
  });

  it('delivers a published message with its topic to a subscriber on another bus', async () => {
    const got = inbox<{ symbol: string }>();
    await sub.subscribe(`${root}.trades.PETR4`, got.handler);
    await pub.publish(`${root}.trades.PETR4`, { symbol: 'PETR4' });
    await until(() => got.items.length === 1, 'the message');
    expect(got.items).toEqual([{ payload: { symbol: 'PETR4' }, topic: `${root}.trades.PETR4` }]);
  });

  it('a trailing * matches exactly one more segment', async () => {
    const got = inbox();
    await sub.subscribe(`${root}.trades.*`, got.handler);
    for (const topic of ['trades.PETR4', 'trades.PETR4.extra', 'trades', 'quotes.PETR4', 'trades.VALE3']) {
      await pub.publish(`${root}.${topic}`, topic);
    }
    await flushed();
    expect(got.items.map((m) => m.topic)).toEqual([`${root}.trades.PETR4`, `${root}.trades.VALE3`]);
  });

  it('a * in the middle matches any one segment there', async () => {
    const got = inbox();
    await sub.subscribe(`${root}.*.PETR4`, got.handler);
    for (const topic of ['trades.PETR4', 'quotes.PETR4', 'trades.VALE3', 'trades.x.PETR4']) {
      await pub.publish(`${root}.${topic}`, topic);
    }
    await flushed();
    expect(got.items.map((m) => m.payload)).toEqual(['trades.PETR4', 'quotes.PETR4']);
  });

  it('a trailing > matches one or more segments but not the prefix itself', async () => {
    const got = inbox();
    await sub.subscribe(`${root}.market.>`, got.handler);
    for (const topic of ['market', 'market.trades', 'market.trades.PETR4', 'other.trades']) {
      await pub.publish(`${root}.${topic}`, topic);
    }
    await flushed();
    expect(got.items.map((m) => m.payload)).toEqual(['market.trades', 'market.trades.PETR4']);
  });

  it('overlapping subscriptions on one bus each get a message exactly once', async () => {
    const exact = inbox();
    const star = inbox();
    const rest = inbox();
    await sub.subscribe(`${root}.a.b`, exact.handler);
    await sub.subscribe(`${root}.a.*`, star.handler);
    await sub.subscribe(`${root}.>`, rest.handler);
    await pub.publish(`${root}.a.b`, 1);
    await flushed();
    expect([exact.items.length, star.items.length, rest.items.length]).toEqual([1, 1, 1]);
  });

  it('unsubscribe stops delivery to that handler only, and is idempotent', async () => {
    const leaving = inbox();
    const staying = inbox();
    const unsubscribe = await sub.subscribe(`${root}.orders.*`, leaving.handler);
    await sub.subscribe(`${root}.orders.*`, staying.handler);
    await pub.publish(`${root}.orders.placed`, 'before');
    await until(() => leaving.items.length === 1 && staying.items.length === 1, 'the first message');

    await unsubscribe();
    await unsubscribe();
    await pub.publish(`${root}.orders.placed`, 'after');
    await flushed();
    expect(leaving.items.map((m) => m.payload)).toEqual(['before']);
    expect(staying.items.map((m) => m.payload)).toEqual(['before', 'after']);
  });

  it('the last unsubscribe from a topic stops delivery on the wire, and a new subscription resumes it', async () => {
    const first = inbox();
    const unsubscribe = await sub.subscribe(`${root}.fills.*`, first.handler);
    await unsubscribe();
    const second = inbox();
    await sub.subscribe(`${root}.fills.*`, second.handler);
    await pub.publish(`${root}.fills.x`, 'again');
    await until(() => second.items.length === 1, 'the message after resubscribing');
    await flushed();
    expect(first.items).toEqual([]);
  });

  it('keeps one publisher\u2019s 1000 messages on one topic in order', async () => {
    const got = inbox<{ seq: number }>();
    await sub.subscribe(`${root}.ticks.WINZ25`, got.handler);
    const sequence = Array.from({ length: 1000 }, (_, i) => i);
    await Promise.all(sequence.map((seq) => pub.publish(`${root}.ticks.WINZ25`, { seq })));
    await until(() => got.items.length === 1000, '1000 messages', 15000);
    expect(got.items.map((m) => m.payload.seq)).toEqual(sequence);
  });

  it('a throwing or rejecting handler is logged and does not stop other handlers or later messages', async () => {
    const healthy = inbox();
    const throwing = jest.fn(() => {
      throw new Error('handler bug');
    });
    const rejecting = jest.fn(async () => {
      throw new Error('async handler bug');
    });
    await sub.subscribe(`${root}.signals.*`, throwing);
    await sub.subscribe(`${root}.signals.*`, rejecting);
    await sub.subscribe(`${root}.signals.*`, healthy.handler);
    await pub.publish(`${root}.signals.buy`, 1);
    await pub.publish(`${root}.signals.sell`, 2);
    await until(() => healthy.items.length === 2, 'both messages at the healthy handler');
    await until(() => logger.warn.mock.calls.length === 4, 'four handler failures logged');

    expect(throwing).toHaveBeenCalledTimes(2);
    expect(rejecting).toHaveBeenCalledTimes(2);
    expect(logger.warn.mock.calls.map(([, msg]) => msg)).toEqual(Array(4).fill('event bus handler threw'));
    expect(logger.warn.mock.calls[0][0]).toMatchObject({ err: expect.any(Error), topic: `${root}.signals.buy` });
  });

  it('round-trips nested JSON exactly, keeping decimal strings as strings', async () => {
    const order = {
      id: 'ord-1',
      symbol: 'PETR4',
      price: '38.4500',
      quantity: 100,
      fills: [{ price: '38.45', qty: 60, at: '2025-11-26T13:05:00.000Z' }, { price: '38.4499999999999999', qty: 40 }],
      flags: { dayTrade: false, note: 'Ação preferencial', nothing: null, nested: { deep: [[1, 2], []] } },
    };
    const got = inbox();
    await sub.subscribe(`${root}.orders.>`, got.handler);
    for (const payload of [order, 'plain string', 0, null, [1, '2']]) await pub.publish(`${root}.orders.any`, payload);
    await until(() => got.items.length === 5, 'all payloads');
    expect(got.items.map((m) => m.payload)).toEqual([order, 'plain string', 0, null, [1, '2']]);
  });

  // In-process there is no wire that anything but the bus could write to.
  const publishRaw = transport.publishRaw;
  (publishRaw ? it : it.skip)('drops a payload that is not JSON with a warning and keeps delivering', async () => {
    const got = inbox();
    await sub.subscribe(`${root}.raw.*`, got.handler);
    await publishRaw?.(url, `${root}.raw.bad`, '{not json');
    await until(() => logger.warn.mock.calls.length > 0, 'the warning');
    await pub.publish(`${root}.raw.good`, { ok: true });
    await until(() => got.items.length === 1, 'the valid message');

    expect(got.items).toEqual([{ payload: { ok: true }, topic: `${root}.raw.good` }]);
    expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ topic: `${root}.raw.bad` }), 'event bus dropped a payload that is not JSON');
  });

  (publishRaw ? it : it.skip)('drops a message whose topic another client spelled outside the topic syntax', async () => {
    const got = inbox();
    await sub.subscribe(`${root}.raw.>`, got.handler);
    await publishRaw?.(url, `${root}.raw.50%off`, '{"ok":true}');
    await until(() => logger.warn.mock.calls.length > 0, 'the warning');

    expect(got.items).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ topic: `${root}.raw.50%off` }), 'event bus dropped a message with a malformed topic');
  });

  it('rejects malformed topics and payloads JSON cannot carry', async () => {
    await expect(pub.publish(`${root}.trades.*`, 1)).rejects.toThrow(/invalid topic/);
    await expect(pub.publish(`${root}..x`, 1)).rejects.toThrow(/invalid topic/);
    await expect(pub.publish(`${root}/x`, 1)).rejects.toThrow(/invalid topic/);
    await expect(pub.publish(`${root}.x`, undefined)).rejects.toThrow(/not JSON-serialisable/);
    await expect(pub.publish(`${root}.x`, { qty: 10n })).rejects.toThrow(/not JSON-serialisable/);
    await expect(sub.subscribe(`${root}.>.x`, () => undefined)).rejects.toThrow(/invalid subscription/);
    await expect(sub.subscribe(`${root}.tr*`, () => undefined)).rejects.toThrow(/invalid subscription/);
    await expect(sub.subscribe('', () => undefined)).rejects.toThrow(/invalid subscription/);
  });

  it('delivers what was published just before the publisher closed', async () => {
    const got = inbox();
    await sub.subscribe(`${root}.last.*`, got.handler);
    await pub.publish(`${root}.last.words`, 'bye');
    await pub.close();
    await until(() => got.items.length === 1, 'the last message');
  });

  it('ping reports a round-trip time', async () => {
    const ms = await pub.ping();
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(ms).toBeLessThan(1000);
  });

  it('close is idempotent, stops delivery and makes later calls reject', async () => {
    const closedSide = inbox();
    const observer = inbox();
    await sub.subscribe(`${root}.after.*`, closedSide.handler);
    const watcher = await open();
    await watcher.subscribe(`${root}.after.*`, observer.handler);

    await Promise.all([sub.close(), sub.close()]);
    await expect(sub.close()).resolves.toBeUndefined();
    await pub.publish(`${root}.after.close`, 1);
    await until(() => observer.items.length === 1, 'the message at a bus still open');

    expect(closedSide.items).toEqual([]);
    await expect(sub.publish(`${root}.after.close`, 1)).rejects.toThrow(/closed/);
    await expect(sub.subscribe(`${root}.after.*`, () => undefined)).rejects.toThrow(/closed/);
    await expect(sub.ping()).rejects.toThrow(/closed/);
  });
}
