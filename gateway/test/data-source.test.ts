process.env.APOLLO_TELEMETRY_DISABLED = '1';

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { Viewer } from '@b3/kit';
import { parse } from 'graphql';
import { Registry } from 'prom-client';
import { SubgraphDataSource } from '../src/data-source';
import { CircuitBreaker } from '../src/fetch/circuit-breaker';
import { type SubgraphFetchOptions, subgraphFetchOptionsFromEnv } from '../src/fetch/fetch.config';
import type { GatewayContext } from '../src/plugins/auth';

interface SeenRequest {
  headers: IncomingMessage['headers'];
  body: { query: string; variables?: Record<string, unknown> };
}

type Handler = (request: SeenRequest, res: ServerResponse) => void;

/** A stand-in subgraph: records every request and answers with whatever the test says. */
class FakeSubgraph {
  readonly requests: SeenRequest[] = [];
  handler: Handler = (_req, res) => json(res, 200, { data: { ok: true } });
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const seen = { headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as SeenRequest['body'] };
        this.requests.push(seen);
        this.handler(seen, res);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const never: Handler = () => undefined;
const later = (ms: number, handler: Handler): Handler => (req, res) => setTimeout(() => handler(req, res), ms);
const alice: Viewer = { id: 'alice', roles: ['trader'] };
const bob: Viewer = { id: 'bob', roles: ['trader'] };
const sign = async (viewer: Viewer) => `signed:${viewer.id}:${viewer.roles.join(',')}`;
const defaults: SubgraphFetchOptions = { timeoutMs: 1500, breakerFailureThreshold: 5, breakerCooldownMs: 5000, dedupe: true, batchEntities: true };

function fetchVia(source: SubgraphDataSource, query: string, variables: Record<string, unknown> = {}, viewer: Viewer | null = null) {
  const context: GatewayContext = { viewer, requestId: 'req-1' };
  return source.process({
    kind: 'incoming operation',
    request: { query, variables },
    context,
    incomingRequestContext: {},
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
}

async function eventually(check: () => Promise<boolean>, deadlineMs = 3000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met before deadline');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A fake subgraph for one describe block, and `open()` for data sources in front of it; both are reset
 * after each test.
 */
function useFakeSubgraph(name: string) {
  const subgraph = new FakeSubgraph();
  let url: string;
  let sources: SubgraphDataSource[] = [];
  const open = (options: Partial<SubgraphFetchOptions> = {}, registry?: Registry) => {
    const source = new SubgraphDataSource(name, url, sign, { ...defaults, ...options }, registry);
    sources.push(source);
    return source;
  };
  beforeAll(async () => {
    url = await subgraph.start();
  });
  afterEach(async () => {
    await Promise.all(sources.map((s) => s.close()));
    sources = [];
    subgraph.requests.length = 0;
    subgraph.handler = (_req, res) => json(res, 200, { data: { ok: true } });
  });
  afterAll(() => subgraph.stop());
  return { subgraph, open };
}

describe('SubgraphDataSource', () => {
  const { subgraph, open } = useFakeSubgraph('quotes');

  it('forwards the request id and the signed viewer, and passes subgraph GraphQL errors through', async () => {
    subgraph.handler = (_req, res) => json(res, 200, { data: { quote: null }, errors: [{ message: 'no such symbol', extensions: { code: 'NOT_FOUND' } }] });
    const result = await fetchVia(open(), 'query Q($s: String!) { quote(symbol: $s) { last } }', { s: 'PETR4' }, alice);

    expect(subgraph.requests).toHaveLength(1);
    expect(subgraph.requests[0].headers['x-request-id']).toBe('req-1');
    expect(subgraph.requests[0].headers['x-b3-viewer']).toBe('signed:alice:trader');
    expect(subgraph.requests[0].body.variables).toEqual({ s: 'PETR4' });
    expect(result.errors?.[0]).toMatchObject({ message: 'no such symbol', extensions: { code: 'NOT_FOUND' } });
  });

  it('sends anonymous requests without a viewer header', async () => {
    await fetchVia(open(), '{ ok }');
    expect(subgraph.requests[0].headers['x-b3-viewer']).toBeUndefined();
  });

  it('shares one upstream request between concurrent identical queries, each caller getting its own copy', async () => {
    subgraph.handler = later(50, (_req, res) => json(res, 200, { data: { quote: { last: '38.12' } } }));
    const source = open();
    const results = await Promise.all(Array.from({ length: 20 }, () => fetchVia(source, '{ quote(symbol: "PETR4") { last } }', {}, alice)));

    expect(subgraph.requests).toHaveLength(1);
    expect(results.every((r) => (r.data as { quote: { last: string } }).quote.last === '38.12')).toBe(true);
    (results[0].data as { quote: { last: string } }).quote.last = 'tampered';
    expect((results[1].data as { quote: { last: string } }).quote.last).toBe('38.12');
    expect(source.stats()).toMatchObject({ upstreamRequests: 1, dedupeHits: 19 });
  });

  it('does not share between different variables or different viewers', async () => {
    subgraph.handler = later(50, (_req, res) => json(res, 200, { data: { ok: true } }));
    const source = open();
    const query = 'query Q($s: String!) { quote(symbol: $s) { last } }';
    await Promise.all([
      fetchVia(source, query, { s: 'PETR4' }, alice),
      fetchVia(source, query, { s: 'VALE3' }, alice),
      fetchVia(source, query, { s: 'PETR4' }, bob),
      fetchVia(source, query, { s: 'PETR4' }, null),
      fetchVia(source, query, { s: 'PETR4' }, alice),
    ]);
    expect(subgraph.requests).toHaveLength(4);
  });

  it('does not share once the first request has finished', async () => {
    const source = open();
    await fetchVia(source, '{ ok }');
    await fetchVia(source, '{ ok }');
    expect(subgraph.requests).toHaveLength(2);
  });

  it('never shares mutations', async () => {
    subgraph.handler = later(50, (_req, res) => json(res, 200, { data: { placeOrder: { id: '1' } } }));
    const source = open();
    const mutation = 'mutation { placeOrder(symbol: "PETR4", quantity: 100) { id } }';
    await Promise.all([fetchVia(source, mutation, {}, alice), fetchVia(source, mutation, {}, alice), fetchVia(source, mutation, {}, alice)]);
    expect(subgraph.requests).toHaveLength(3);
  });

  it('gives up on a hung subgraph within 2 s with an error naming it (default timeout)', async () => {
    subgraph.handler = never;
    const started = Date.now();
    await expect(fetchVia(open(subgraphFetchOptionsFromEnv({})), '{ ok }')).rejects.toMatchObject({
      message: 'The quotes service did not answer within 1500 ms',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'quotes', reason: 'timeout' },
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('opens after repeated failures, fails fast without a request, then half-opens and recovers', async () => {
    subgraph.handler = (_req, res) => res.writeHead(502).end('bad gateway');
    const source = open({ breakerFailureThreshold: 2, breakerCooldownMs: 200 });
    await expect(fetchVia(source, '{ ok }')).rejects.toMatchObject({ extensions: { reason: 'bad-response' } });
    await expect(fetchVia(source, '{ ok }')).rejects.toMatchObject({ extensions: { reason: 'bad-response' } });
    expect(source.stats().breakerState).toBe('open');

    const started = Date.now();
    await expect(fetchVia(source, '{ ok }')).rejects.toMatchObject({
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'quotes', reason: 'circuit-open' },
    });
    expect(Date.now() - started).toBeLessThan(50);
    expect(subgraph.requests).toHaveLength(2);

    subgraph.handler = (_req, res) => json(res, 200, { data: { ok: true } });
    await eventually(async () => {
      try {
        return (await fetchVia(source, '{ ok }')).data?.ok === true;
      } catch {
        return false;
      }
    });
    expect(subgraph.requests).toHaveLength(3);
    expect(source.stats().breakerState).toBe('closed');
  });

  it('counts timeouts as failures for the breaker', async () => {
    subgraph.handler = never;
    const source = open({ timeoutMs: 100, breakerFailureThreshold: 1 });
    await expect(fetchVia(source, '{ ok }')).rejects.toMatchObject({ extensions: { reason: 'timeout' } });
    await expect(fetchVia(source, '{ ok }')).rejects.toMatchObject({ extensions: { reason: 'circuit-open' } });
    expect(subgraph.requests).toHaveLength(1);
  });

  it('exposes upstream requests, dedupe hits and breaker state on the given registry', async () => {
    subgraph.handler = later(30, (_req, res) => json(res, 200, { data: { ok: true } }));
    const registry = new Registry();
    const source = open({}, registry);
    await Promise.all([fetchVia(source, '{ ok }'), fetchVia(source, '{ ok }'), fetchVia(source, '{ ok }')]);

    const text = await registry.metrics();
    expect(text).toContain('gateway_subgraph_requests_total{subgraph="quotes"} 1');
    expect(text).toContain('gateway_subgraph_dedupe_hits_total{subgraph="quotes"} 2');
    expect(text).toContain('gateway_subgraph_breaker_state{subgraph="quotes"} 0');
  });
});

describe('SubgraphDataSource entity batching', () => {
  const { subgraph, open } = useFakeSubgraph('book');
  const ENTITIES = 'query Board__book__1($representations: [_Any!]!) { _entities(representations: $representations) { ... on Ticker { bestBid } } }';
  const rep = (symbol: string) => ({ __typename: 'Ticker', symbol });
  type Entities = { _entities: Array<{ bestBid: string } | null> };
  /** Answers every representation with a bid derived from its symbol; `failing` symbols get a field error. */
  const bookAnswers = (failing: string[] = []): Handler => (req, res) => {
    const reps = req.body.variables?.representations as Array<{ symbol: string }>;
    const errors = reps.flatMap((r, i) => (failing.includes(r.symbol) ? [{ message: `no book for ${r.symbol}`, path: ['_entities', i, 'bestBid'] }] : []));
    json(res, 200, { data: { _entities: reps.map((r) => (failing.includes(r.symbol) ? null : { bestBid: `${r.symbol}-bid` })) }, ...(errors.length ? { errors } : {}) });
  };


  it('sends one request for concurrent entity fetches of different requests, each caller getting its own entities in its order', async () => {
    subgraph.handler = bookAnswers();
    const source = open();
    const [first, second, third] = await Promise.all([
      fetchVia(source, ENTITIES, { representations: [rep('PETR4'), rep('VALE3')] }),
      fetchVia(source, ENTITIES, { representations: [rep('VALE3'), rep('ITUB4')] }),
      fetchVia(source, ENTITIES, { representations: [rep('ITUB4')] }),
    ]);

    expect(subgraph.requests).toHaveLength(1);
    // a representation two callers asked for is sent once
    expect(subgraph.requests[0].body.variables?.representations).toEqual([rep('PETR4'), rep('VALE3'), rep('ITUB4')]);
    expect((first.data as Entities)._entities).toEqual([{ bestBid: 'PETR4-bid' }, { bestBid: 'VALE3-bid' }]);
    expect((second.data as Entities)._entities).toEqual([{ bestBid: 'VALE3-bid' }, { bestBid: 'ITUB4-bid' }]);
    expect((third.data as Entities)._entities).toEqual([{ bestBid: 'ITUB4-bid' }]);
    // the executor merges into these objects: one caller's edit must not reach another's answer
    (first.data as Entities)._entities[1]!.bestBid = 'tampered';
    expect((second.data as Entities)._entities[0]).toEqual({ bestBid: 'VALE3-bid' });
    expect(source.stats()).toMatchObject({ upstreamRequests: 1, entityFetchesBatched: 2, entityRepresentationsShared: 2 });
  });

  it('gives each caller the errors of its own entities, with paths at its own indexes', async () => {
    subgraph.handler = bookAnswers(['VALE3']);
    const source = open();
    const [first, second, third] = await Promise.all([
      fetchVia(source, ENTITIES, { representations: [rep('PETR4'), rep('VALE3')] }),
      fetchVia(source, ENTITIES, { representations: [rep('VALE3')] }),
      fetchVia(source, ENTITIES, { representations: [rep('ITUB4')] }),
    ]);

    expect(subgraph.requests).toHaveLength(1);
    expect((first.data as Entities)._entities).toEqual([{ bestBid: 'PETR4-bid' }, null]);
    expect(first.errors).toEqual([{ message: 'no book for VALE3', path: ['_entities', 1, 'bestBid'] }]);
    expect(second.errors).toEqual([{ message: 'no book for VALE3', path: ['_entities', 0, 'bestBid'] }]);
    expect(third.errors).toBeUndefined();
  });

  it('never batches across viewers, and a fetch after the answer asks again', async () => {
    subgraph.handler = bookAnswers();
    const source = open();
    await Promise.all([
      fetchVia(source, ENTITIES, { representations: [rep('PETR4')] }, alice),
      fetchVia(source, ENTITIES, { representations: [rep('PETR4')] }, bob),
    ]);
    expect(subgraph.requests.map((r) => r.headers['x-b3-viewer']).sort()).toEqual(['signed:alice:trader', 'signed:bob:trader']);

    await fetchVia(source, ENTITIES, { representations: [rep('PETR4')] }, alice);
    expect(subgraph.requests).toHaveLength(3);
  });

  it('fails every batched caller with the named error when the subgraph is down', async () => {
    subgraph.handler = (_req, res) => json(res, 502, 'bad gateway');
    const source = open();
    const results = await Promise.allSettled([
      fetchVia(source, ENTITIES, { representations: [rep('PETR4')] }),
      fetchVia(source, ENTITIES, { representations: [rep('VALE3')] }),
    ]);
    expect(subgraph.requests).toHaveLength(1);
    for (const result of results) {
      expect(result).toMatchObject({ status: 'rejected', reason: { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'book' } } });
    }
    const [a, b] = results as PromiseRejectedResult[];
    expect(a.reason).not.toBe(b.reason);
  });

  it('sends each fetch on its own with SUBGRAPH_BATCH_ENTITIES off, and counts batching on /metrics when on', async () => {
    subgraph.handler = bookAnswers();
    const unbatched = open({ batchEntities: false });
    await Promise.all([fetchVia(unbatched, ENTITIES, { representations: [rep('PETR4')] }), fetchVia(unbatched, ENTITIES, { representations: [rep('VALE3')] })]);
    expect(subgraph.requests).toHaveLength(2);

    const registry = new Registry();
    const batched = open({}, registry);
    await Promise.all([fetchVia(batched, ENTITIES, { representations: [rep('PETR4')] }), fetchVia(batched, ENTITIES, { representations: [rep('PETR4')] })]);
    const text = await registry.metrics();
    expect(text).toContain('gateway_subgraph_entity_fetches_batched_total{subgraph="book"} 1');
    expect(text).toContain('gateway_subgraph_entity_representations_shared_total{subgraph="book"} 1');
  });
});

describe('subgraphFetchOptionsFromEnv', () => {
  it('reads the env vars and refuses values that would disable the protections', () => {
    expect(subgraphFetchOptionsFromEnv({ SUBGRAPH_TIMEOUT_MS: '800', SUBGRAPH_BREAKER_FAILURES: '3', SUBGRAPH_BREAKER_COOLDOWN_MS: '2000', SUBGRAPH_DEDUPE: '0', SUBGRAPH_BATCH_ENTITIES: 'false' })).toEqual({
      timeoutMs: 800,
      breakerFailureThreshold: 3,
      breakerCooldownMs: 2000,
      dedupe: false,
      batchEntities: false,
    });
    expect(() => subgraphFetchOptionsFromEnv({ SUBGRAPH_TIMEOUT_MS: '0' })).toThrow('SUBGRAPH_TIMEOUT_MS');
    expect(() => subgraphFetchOptionsFromEnv({ SUBGRAPH_BREAKER_FAILURES: '0' })).toThrow('SUBGRAPH_BREAKER_FAILURES');
  });
});

describe('CircuitBreaker', () => {
  it('lets a single probe through after the cool-down and re-opens if it fails', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000, now: () => now });
    breaker.fail();
    breaker.fail();
    breaker.succeed();
    breaker.fail();
    breaker.fail();
    expect(breaker.state).toBe('closed');
    breaker.fail();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);

    now = 1000;
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(false);
    breaker.fail();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);

    now = 2000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.succeed();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });
});

/** @apollo/gateway + Apollo Server over our data source, composed from the given subgraphs. */
async function apolloGatewayOver(subgraphs: Parameters<typeof composeServices>[0]): Promise<{ server: ApolloServer<GatewayContext>; stop(): Promise<void> }> {
  const composed = composeServices(subgraphs);
  if (composed.errors) throw composed.errors[0];
  const sources: SubgraphDataSource[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: composed.supergraphSdl,
    buildService: ({ name, url }) => {
      const source = new SubgraphDataSource(name, url ?? '', sign, defaults);
      sources.push(source);
      return source;
    },
  });
  const server = new ApolloServer<GatewayContext>({ gateway });
  await server.start();
  return {
    server,
    async stop() {
      await server.stop();
      await Promise.all(sources.map((source) => source.close()));
    },
  };
}

describe('through @apollo/gateway', () => {
  const accounts = new FakeSubgraph();
  const quotes = new FakeSubgraph();
  let apollo: Awaited<ReturnType<typeof apolloGatewayOver>>;

  beforeAll(async () => {
    accounts.handler = (_req, res) => json(res, 200, { data: { balance: '1000.00' } });
    quotes.handler = never;
    const subgraphs = [
      { name: 'accounts', url: await accounts.start(), typeDefs: parse('type Query { balance: String }') },
      { name: 'quotes', url: await quotes.start(), typeDefs: parse('type Query { last: String }') },
    ];
    apollo = await apolloGatewayOver(subgraphs);
  });
  afterAll(async () => {
    await apollo.stop();
    await Promise.all([accounts.stop(), quotes.stop()]);
  });

  it('returns the healthy subgraph data and a named error for the hung one in under 2 s', async () => {
    const started = Date.now();
    const response = await apollo.server.executeOperation({ query: '{ balance last }' }, { contextValue: { viewer: alice, requestId: 'req-e2e' } });
    expect(Date.now() - started).toBeLessThan(2000);

    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.data).toEqual({ balance: '1000.00', last: null });
    expect(response.body.singleResult.errors).toEqual([
      expect.objectContaining({
        message: 'The quotes service did not answer within 1500 ms',
        extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'quotes' }),
      }),
    ]);
    expect(accounts.requests[0].headers['x-request-id']).toBe('req-e2e');
  });
});

describe('entity batching through @apollo/gateway', () => {
  const market = new FakeSubgraph();
  const book = new FakeSubgraph();
  let apollo: Awaited<ReturnType<typeof apolloGatewayOver>>;
  const SYMBOLS = ['PETR4', 'VALE3', 'ITUB4', 'BBDC4', 'ABEV3', 'WEGE3'];

  beforeAll(async () => {
    // root answers are held until all five distinct queries have arrived, then released together
    const held: Array<() => void> = [];
    market.handler = (req, res) => {
      const offset = Number(req.body.variables?.offset ?? 0);
      held.push(() => json(res, 200, { data: { tickers: SYMBOLS.slice(offset, offset + 2).map((symbol) => ({ __typename: 'Ticker', symbol })) } }));
      if (held.length === 5) held.splice(0).forEach((answer) => answer());
    };
    book.handler = later(100, (req, res) => {
      const reps = req.body.variables?.representations as Array<{ symbol: string }>;
      json(res, 200, { data: { _entities: reps.map((r) => ({ __typename: 'Ticker', bestBid: `${r.symbol}-bid` })) } });
    });
    apollo = await apolloGatewayOver([
      {
        name: 'market',
        url: await market.start(),
        typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
          type Ticker @key(fields: "symbol") { symbol: ID! }
          type Query { tickers(offset: Int!): [Ticker!]! }`),
      },
      {
        name: 'book',
        url: await book.start(),
        typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
          type Ticker @key(fields: "symbol") { symbol: ID! bestBid: String }`),
      },
    ]);
  });
  afterAll(async () => {
    await apollo.stop();
    await Promise.all([market.stop(), book.stop()]);
  });

  it('answers concurrent queries with different variables correctly while sharing entity fetches', async () => {
    const query = 'query Board($offset: Int!) { tickers(offset: $offset) { symbol bestBid } }';
    const offsets = [0, 1, 2, 3, 4, 0, 1, 2, 3, 4];
    const responses = await Promise.all(
      offsets.map((offset) => apollo.server.executeOperation({ query, variables: { offset } }, { contextValue: { viewer: null, requestId: `req-${offset}` } })),
    );

    responses.forEach((response, i) => {
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      const expected = SYMBOLS.slice(offsets[i], offsets[i] + 2).map((symbol) => ({ symbol, bestBid: `${symbol}-bid` }));
      expect(response.body.singleResult).toEqual({ data: { tickers: expected } });
    });
    // every symbol's book was asked once: later fetches joined the batch or the one in flight
    const asked = book.requests.flatMap((r) => (r.body.variables?.representations as Array<{ symbol: string }>).map((x) => x.symbol));
    expect(asked.sort()).toEqual(SYMBOLS.slice(0, 6).sort());
  });
});
