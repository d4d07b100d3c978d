import { composeServices } from '@apollo/composition';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createAsyncQueue, createLogger, internalSecret, type RunningSubgraph, signInternalViewer, startSubgraph } from '@b3/kit';
import { type ExecutionResult, parse } from 'graphql';
import { FederatedSubscriptions } from '../src/subscriptions/federated-subscriptions';
import { SubscriptionPlanner } from '../src/subscriptions/subscription-planner';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

/** A feed subgraph whose events the test pushes by hand, and a reference subgraph that enriches them. */
const feedSdl = `${LINK}
  type Query { feedOk: Boolean }
  type Tick { symbol: String! seq: Int! instrument: Instrument! }
  type Instrument @key(fields: "symbol", resolvable: false) { symbol: String! }
  type Subscription { ticks(symbols: [String!]!): Tick! orderEvents: Tick! }`;
const refSdl = `${LINK}
  type Query { refOk: Boolean }
  type Instrument @key(fields: "symbol") { symbol: String! name: String! }`;

describe('federated subscriptions', () => {
  const streams = new Set<ReturnType<typeof createAsyncQueue<Record<string, unknown>>>>();
  let upstreamSubscribes = 0;
  let entityCalls = 0;
  let feed: RunningSubgraph;
  let ref: RunningSubgraph;
  let subs: FederatedSubscriptions;
  const logger = createLogger('test', 'silent');

  const emit = (symbol: string, seq: number): void => {
    for (const q of streams) q.push({ symbol, seq, instrument: { symbol } });
  };

  /** Each upstream subscription gets its own stream of the events the test emits. */
  const feedStream = (field: string) => {
    upstreamSubscribes++;
    const q = createAsyncQueue<Record<string, unknown>>({ limit: 100_000, onClose: () => streams.delete(q) });
    streams.add(q);
    return (async function* () {
      for await (const tick of q) yield { [field]: tick };
    })();
  };

  const startFeed = (port = 0) =>
    startSubgraph({
      name: 'feed',
      port,
      logger,
      context: (base) => base,
      schema: buildSubgraphSchema({
        typeDefs: parse(feedSdl),
        resolvers: {
          Subscription: { ticks: { subscribe: () => feedStream('ticks') }, orderEvents: { subscribe: () => feedStream('orderEvents') } },
        } as never,
      }),
    });

  beforeAll(async () => {
    feed = await startFeed();
    ref = await startSubgraph({
      name: 'ref',
      port: 0,
      logger,
      context: (base) => base,
      schema: buildSubgraphSchema({
        typeDefs: parse(refSdl),
        resolvers: {
          Instrument: {
            __resolveReference: (r: { symbol: string }) => {
              entityCalls++;
              return { symbol: r.symbol, name: `name of ${r.symbol}` };
            },
          },
        } as never,
      }),
    });
    const composed = composeServices([
      { name: 'feed', url: feed.url, typeDefs: parse(feedSdl) },
      { name: 'ref', url: ref.url, typeDefs: parse(refSdl) },
    ]);
    if (composed.errors) throw composed.errors[0];
    subs = new FederatedSubscriptions({
      planner: new SubscriptionPlanner(composed.supergraphSdl),
      dataSources: new Map([
        ['feed', new RemoteGraphQLDataSource({ url: feed.url })],
        ['ref', new RemoteGraphQLDataSource({ url: ref.url })],
      ]),
      urls: new Map([['feed', feed.url], ['ref', ref.url]]),
      signViewer: (viewer) => signInternalViewer(viewer, internalSecret()),
      policies: { ticks: { mode: 'conflate', scope: 'public', conflateBy: 'symbol' } },
      queueLimit: 5,
      lingerMs: 50,
    });
  });

  afterAll(async () => {
    await subs.close();
    await feed.stop();
    await ref.stop();
  });

  const waitFor = async (check: () => boolean, what: string): Promise<void> => {
    const deadline = Date.now() + 5000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('shares one upstream subscription among 100 identical clients and enriches each event once', async () => {
    const before = upstreamSubscribes;
    const document = parse('subscription { ticks(symbols: ["PETR4"]) { symbol seq instrument { name } } }');
    const clients = Array.from({ length: 100 }, () => subs.subscribe({ document, variables: {} }, { viewer: null, requestId: 't' }, null));
    const firsts = clients.map((c) => c.next());
    await waitFor(() => upstreamSubscribes > before, 'upstream subscribed');
    const entityBefore = entityCalls;
    emit('PETR4', 1);
    const results = await Promise.all(firsts);
    for (const r of results) expect(r.value).toEqual({ data: { ticks: { symbol: 'PETR4', seq: 1, instrument: { name: 'name of PETR4' } } } });
    expect(upstreamSubscribes - before).toBe(1);
    expect(entityCalls - entityBefore).toBe(1);
    await Promise.all(clients.map((c) => c.return!()));
  });

  it('keeps a stalled market-data client to one pending value per symbol while others keep receiving', async () => {
    const document = parse('subscription { ticks(symbols: ["VALE3"]) { symbol seq } }');
    const opened = upstreamSubscribes;
    const stalled = subs.subscribe({ document, variables: {} }, { viewer: null, requestId: 't' }, null) as AsyncIterableIterator<ExecutionResult> & { size: number };
    const live = subs.subscribe({ document, variables: {} }, { viewer: null, requestId: 't' }, null);
    const received: number[] = [];
    const reading = (async () => {
      for await (const r of live) {
        received.push((r.data as { ticks: { seq: number } }).ticks.seq);
        if (received.at(-1) === 50) break;
      }
    })();
    await waitFor(() => upstreamSubscribes > opened, 'upstream subscribed');
    for (let seq = 1; seq <= 50; seq++) emit('VALE3', seq);
    await reading;
    expect(received.at(-1)).toBe(50);
    expect([...received].sort((a, b) => a - b)).toEqual(received); // conflation may skip, never reorder
    expect(stalled.size).toBe(1);
    expect((await stalled.next()).value).toEqual({ data: { ticks: { symbol: 'VALE3', seq: 50 } } });
    await stalled.return!();
  });

  it('closes a lossless client that falls behind with 4801 instead of skipping events', async () => {
    const document = parse('subscription { orderEvents { seq } }');
    const opened = upstreamSubscribes;
    const closed: Array<[number, string]> = [];
    const socket = { close: (code: number, reason: string) => void closed.push([code, reason]) };
    const slow = subs.subscribe({ document, variables: {} }, { viewer: { id: 'u1', roles: ['trader'] }, requestId: 't' }, socket);
    const fast = subs.subscribe({ document, variables: {} }, { viewer: { id: 'u1', roles: ['trader'] }, requestId: 't' }, null);
    const seen: number[] = [];
    const reading = (async () => {
      for await (const r of fast) {
        seen.push((r.data as { orderEvents: { seq: number } }).orderEvents.seq);
        if (seen.length === 20) break;
      }
    })();
    await waitFor(() => upstreamSubscribes > opened, 'upstream subscribed');
    for (let seq = 1; seq <= 20; seq++) emit('ORD', seq);
    await reading;
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(closed).toEqual([[4801, expect.stringContaining('slow consumer')]]);
    for (let i = 0; i < 5; i++) expect((await slow.next()).value).toMatchObject({ data: { orderEvents: { seq: i + 1 } } });
    await expect(slow.next()).rejects.toThrow(/behind/);
    expect(subs.stats().slowConsumersClosed).toBe(1);
  });

  it('resubscribes after the subgraph restarts and tells clients about the gap', async () => {
    const document = parse('subscription { ticks(symbols: ["WINZ26"]) { symbol seq } }');
    const opened = upstreamSubscribes;
    const client = subs.subscribe({ document, variables: {} }, { viewer: null, requestId: 't' }, null);
    const firstEvent = client.next();
    await waitFor(() => upstreamSubscribes > opened, 'upstream subscribed');
    const port = feed.port;
    const before = upstreamSubscribes;
    await feed.stop();
    streams.clear();
    feed = await startFeed(port);
    await waitFor(() => upstreamSubscribes > before, 'resubscribed after restart');
    const gap = await firstEvent;
    expect(gap.value.extensions).toMatchObject({ gap: { serviceName: 'feed' } });
    emit('WINZ26', 7);
    expect((await client.next()).value).toEqual({ data: { ticks: { symbol: 'WINZ26', seq: 7 } } });
    await client.return!();
  }, 20_000);

  it('refuses a new distinct upstream beyond the configured limit, but still shares existing ones', async () => {
    const limited = new FederatedSubscriptions({
      planner: (subs as unknown as { planner: SubscriptionPlanner }).planner,
      dataSources: new Map(),
      urls: new Map([['feed', feed.url]]),
      signViewer: (viewer) => signInternalViewer(viewer, internalSecret()),
      policies: { ticks: { mode: 'conflate', scope: 'public', conflateBy: 'symbol' } },
      maxUpstreams: 1,
    });
    const first = limited.subscribe({ document: parse('subscription { ticks(symbols: ["PETR4"]) { seq } }'), variables: {} }, { viewer: null, requestId: 't' }, null);
    const same = limited.subscribe({ document: parse('subscription { ticks(symbols: ["PETR4"]) { seq } }'), variables: {} }, { viewer: { id: 'u2', roles: ['viewer'] }, requestId: 't' }, null);
    expect(() =>
      limited.subscribe({ document: parse('subscription { ticks(symbols: ["VALE3"]) { seq } }'), variables: {} }, { viewer: null, requestId: 't' }, null),
    ).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'TOO_MANY_UPSTREAM_SUBSCRIPTIONS', limit: 1 }) }));
    expect(limited.stats().upstreams).toBe(1);
    await first.return!();
    await same.return!();
    await limited.close();
  });
});
