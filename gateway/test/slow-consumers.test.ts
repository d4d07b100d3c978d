import type { Socket } from 'node:net';
import { createAsyncQueue, readMetric } from '@b3/kit';
import WebSocket from 'ws';
import { startTestGateway, type TestGateway } from './harness';

/**
 * Slow clients over real sockets: a client stops reading (its TCP socket is paused, so the kernel
 * buffers fill and the gateway's sends stop completing) while another keeps reading. Events carry a
 * 16 KB pad so a few hundred fill the loopback buffers.
 */
const PAD = 'x'.repeat(16 * 1024);
const QUEUE_LIMIT = 50;

interface Frame {
  id?: string;
  type: string;
  payload?: { data?: Record<string, { symbol: string; seq: number }> | null; errors?: unknown[] };
}

/** A graphql-ws client written against the protocol, so its socket can be paused. */
class RawClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly socket: WebSocket;

  private constructor(url: string) {
    this.socket = new WebSocket(url, 'graphql-transport-ws');
    this.socket.on('message', (data) => this.frames.push(JSON.parse(data.toString()) as Frame));
    this.closed = new Promise((resolve) => this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async connect(url: string): Promise<RawClient> {
    const client = new RawClient(url);
    await new Promise((resolve, reject) => {
      client.socket.once('open', resolve);
      client.socket.once('error', reject);
    });
    client.socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await client.until(() => client.frames.some((f) => f.type === 'connection_ack'), 'connection_ack');
    return client;
  }

  subscribe(id: string, query: string): void {
    this.socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
  }

  /** Stops reading from the TCP socket: what a frozen browser tab or a saturated client looks like. */
  pause(): void {
    (this.socket as unknown as { _socket: Socket })._socket.pause();
  }

  resume(): void {
    (this.socket as unknown as { _socket: Socket })._socket.resume();
  }

  events(field: string): Array<{ symbol: string; seq: number }> {
    return this.frames.flatMap((f) => (f.type === 'next' && f.payload?.data?.[field] ? [f.payload.data[field]] : []));
  }

  async until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.socket.terminate();
  }
}

describe('slow subscribers over real websockets', () => {
  const streams = new Map<string, Set<ReturnType<typeof createAsyncQueue<Record<string, unknown>>>>>();
  let gateway: TestGateway;
  const clients: RawClient[] = [];

  const feed = (field: string) => {
    const queue = createAsyncQueue<Record<string, unknown>>({ limit: 100_000, onClose: () => streams.get(field)?.delete(queue) });
    if (!streams.has(field)) streams.set(field, new Set());
    streams.get(field)!.add(queue);
    return (async function* () {
      for await (const event of queue) yield { [field]: event };
    })();
  };
  const emit = (field: string, from: number, to: number, symbols: readonly string[]): void => {
    for (let seq = from; seq <= to; seq++) {
      for (const queue of streams.get(field) ?? []) queue.push({ symbol: symbols[seq % symbols.length], seq, pad: PAD });
    }
  };
  /**
   * A steady stream a healthy client keeps up with: bursts of 25 events, the next once `reader` has the
   * last one (the newest of its symbol, so never conflated away). A single burst of thousands would make
   * any client a slow consumer.
   */
  const emitPaced = async (field: string, count: number, symbols: readonly string[], reader: RawClient): Promise<void> => {
    for (let from = 1; from <= count; from += 25) {
      const to = Math.min(count, from + 24);
      emit(field, from, to, symbols);
      await reader.until(() => reader.events(field).some((e) => e.seq === to), `event ${to} on the live client`);
    }
  };
  const upstreamOpen = async (field: string): Promise<void> => {
    const deadline = Date.now() + 5000;
    while (!(streams.get(field)?.size ?? 0)) {
      if (Date.now() > deadline) throw new Error(`no upstream ${field} subscription`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const connect = async (): Promise<RawClient> => {
    const client = await RawClient.connect(gateway.wsUrl);
    clients.push(client);
    return client;
  };

  /** Two clients on the same operation; the first stops reading once the upstream is open. */
  const stalledAndLive = async (field: string, query: string): Promise<{ stalled: RawClient; live: RawClient }> => {
    const stalled = await connect();
    const live = await connect();
    stalled.subscribe('1', query);
    live.subscribe('1', query);
    await upstreamOpen(field);
    stalled.pause();
    return { stalled, live };
  };

  beforeAll(async () => {
    gateway = await startTestGateway({
      subgraphs: [
        {
          name: 'feed',
          typeDefs: `
            type Trade { symbol: String! seq: Int! pad: String! }
            type Query { feedOk: Boolean }
            type Subscription { ticks(symbols: [String!]!): Trade! orderUpdates: Trade! }`,
          resolvers: {
            Subscription: { ticks: { subscribe: () => feed('ticks') }, orderUpdates: { subscribe: () => feed('orderUpdates') } },
          },
        },
      ],
      env: { SUBSCRIBER_QUEUE_LIMIT: String(QUEUE_LIMIT), WS_MAX_BUFFERED_BYTES: String(100_000), WS_STALL_MS: '300' },
    });
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => gateway?.stop());

  it('keeps a stalled market-data client to the newest event per symbol while another keeps receiving everything', async () => {
    const symbols = ['PETR4', 'VALE3', 'ITUB4', 'BBDC4', 'ABEV3'];
    const query = `subscription { ticks(symbols: ${JSON.stringify(symbols)}) { symbol seq pad } }`;
    const { stalled, live } = await stalledAndLive('ticks', query);

    await emitPaced('ticks', 2000, symbols, live);
    // 2,000 × 16 KB went past the stalled client; what the gateway holds for it is one event per symbol
    expect(await readMetric(gateway.url, 'gateway_subscriber_queued_events')).toBeLessThanOrEqual(symbols.length);

    stalled.resume();
    const newest = new Map<string, number>();
    for (let seq = 1; seq <= 2000; seq++) newest.set(symbols[seq % symbols.length], seq);
    await stalled.until(() => [...newest].every(([symbol, seq]) => stalled.events('ticks').some((e) => e.symbol === symbol && e.seq === seq)), 'the newest event of every symbol');
    const received = stalled.events('ticks');
    expect(received.length).toBeLessThan(2000);
    for (const symbol of symbols) {
      const seqs = received.filter((e) => e.symbol === symbol).map((e) => e.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs); // skipped superseded events, never reordered
    }
  });

  it('closes a stalled orderUpdates client with 4801 once it is a queue behind, never skipping an event', async () => {
    const query = 'subscription { orderUpdates { symbol seq pad } }';
    const closedBefore = await readMetric(gateway.url, 'gateway_slow_consumers_closed');
    const { stalled, live } = await stalledAndLive('orderUpdates', query);

    await emitPaced('orderUpdates', 2000, ['ORDER'], live);
    expect(live.events('orderUpdates').map((e) => e.seq)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    expect(await readMetric(gateway.url, 'gateway_slow_consumers_closed')).toBe(closedBefore + 1);

    stalled.resume();
    const { code, reason } = await stalled.closed;
    expect(code).toBe(4801);
    expect(reason).toBe('slow consumer: re-query, then resubscribe');
    // what it did get is a gap-free prefix: it knows exactly where to re-query from
    const seqs = stalled.events('orderUpdates').map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seqs.length).toBeLessThan(2000);
  });

  it('closes a socket whose send buffer stays full with 4801, even when no single queue overflows', async () => {
    const symbols = ['PETR4'];
    const stalled = await connect();
    // ten operations each holding one 16 KB event in the socket: 160 KB > WS_MAX_BUFFERED_BYTES
    for (let id = 1; id <= 10; id++) stalled.subscribe(String(id), `subscription S${id} { ticks(symbols: ["PETR4"]) { symbol seq pad } }`);
    await upstreamOpen('ticks');
    const closedBefore = await readMetric(gateway.url, 'gateway_slow_consumers_closed');
    stalled.pause();

    emit('ticks', 1, 1000, symbols);
    const deadline = Date.now() + 10_000;
    while ((await readMetric(gateway.url, 'gateway_slow_consumers_closed')) === closedBefore) {
      if (Date.now() > deadline) throw new Error('the stalled socket was never closed');
      await new Promise((r) => setTimeout(r, 50));
    }
    stalled.resume();
    expect(await stalled.closed).toMatchObject({ code: 4801, reason: expect.stringMatching(/send buffer/) });
  });
});
