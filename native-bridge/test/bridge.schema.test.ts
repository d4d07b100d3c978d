import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createEventBus, createLogger, runOperation, runSubscription, testContext, type EventBus, type Viewer } from '@b3/kit';
import { buildSchema, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { createProfitMarketData, ROUTING_CALLER_ID, simulatorControls, type MarketDataClient } from '../src';
import type { BridgeContext } from '../src/context';
import { buildBridgeSchema } from '../src/schema';
import { BridgeStatusService } from '../src/services/bridge-status.service';
import { HistoryBackfillService } from '../src/services/history-backfill.service';
import { OrderUpdatesService } from '../src/services/order-updates.service';
import { TradePublisher } from '../src/services/trade-publisher.service';
import { buildSimulator } from './simulator.helper';

const admin: Viewer = { id: 'ana', roles: ['admin'] };
const trader: Viewer = { id: 'tiago', roles: ['trader'] };
const ordersService: Viewer = { id: ROUTING_CALLER_ID, roles: ['admin'] };
const logger = createLogger('test', 'silent');

describe('bridge subgraph schema', () => {
  let schema: GraphQLSchema;
  let client: MarketDataClient;
  let bus: EventBus;
  let publisher: TradePublisher;
  let status: BridgeStatusService;
  let history: HistoryBackfillService;
  const ctx = (viewer: Viewer | null = null): BridgeContext => ({
    ...testContext(viewer),
    client,
    publisher,
    status,
    history,
    routingUpdates: new OrderUpdatesService(),
  });
  const advance = (ms: number) => simulatorControls(client).advance(ms);

  beforeAll(async () => {
    buildSimulator();
    schema = await buildBridgeSchema();
  });
  beforeEach(async () => {
    bus = await createEventBus('memory://', { clientId: 'test', logger });
    client = createProfitMarketData({ routing: true, virtualClock: true, seed: 5 });
    publisher = new TradePublisher(client, bus, logger);
    status = new BridgeStatusService(client, publisher, 'SIMULATOR', 50);
    history = new HistoryBackfillService(client, bus, logger);
    await publisher.start([{ symbol: 'PETR4', exchange: 'B' }]);
    await advance(0); // start resolves on market data; the broker link reports right after
    status.start();
  });
  afterEach(async () => {
    status.stop();
    history.close();
    await publisher.stop();
    await bus.close();
  });

  it('reports the connection state machine, subscriptions and flow', async () => {
    await advance(3_000);
    const result = await runOperation(
      schema,
      '{ bridgeStatus { health login activation marketData routing library tradePath tradesReceived ringCapacity subscriptions { symbol exchange book } } }',
      {},
      ctx(),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.bridgeStatus).toMatchObject({
      health: 'OK',
      login: 'CONNECTED',
      activation: 'VALID',
      marketData: 'CONNECTED',
      routing: 'BROKER_CONNECTED',
      library: 'SIMULATOR',
      tradePath: 'shim',
      ringCapacity: 65_536,
      subscriptions: [{ symbol: 'PETR4', exchange: 'B', book: false }],
    });
    expect((result.data?.bridgeStatus as { tradesReceived: number }).tradesReceived).toBeGreaterThan(0);
  });

  it('publishes trades on the bus in order, batched per symbol, every one counted', async () => {
    const messages: Array<Array<{ symbol: string; tradeNumber: number }>> = [];
    await bus.subscribe<Array<{ symbol: string; tradeNumber: number }>>('market.trades.PETR4', (batch) => void messages.push(batch));
    await advance(5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const numbers = messages.flat().map((t) => t.tradeNumber);
    expect(numbers.length).toBeGreaterThan(10);
    expect(messages.every((m) => Array.isArray(m) && m.length >= 1 && m.length <= 500 && m.every((t) => t.symbol === 'PETR4'))).toBe(true);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0] + i));
    expect(publisher.stats().published).toBe(client.stats().tradesReceived);
  });

  it('publishes the DLL’s daily aggregate of a subscribed symbol a few times a second', async () => {
    const dailies: Array<{ symbol: string; open: string; high: string; low: string; close: string; trades: number }> = [];
    await bus.subscribe<(typeof dailies)[number]>('market.daily.PETR4', (daily) => void dailies.push(daily));
    await advance(5_000);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(dailies.length).toBeGreaterThan(0);
    const last = dailies[dailies.length - 1];
    expect(last.symbol).toBe('PETR4');
    expect([last.open, last.high, last.low, last.close].every((p) => /^\d+\.\d{2}$/.test(p))).toBe(true);
    expect(Number(last.high)).toBeGreaterThanOrEqual(Math.max(Number(last.close), Number(last.low), Number(last.open)));
    expect(Number(last.low)).toBeLessThanOrEqual(Math.min(Number(last.close), Number(last.open)));
    expect(last.trades).toBeGreaterThan(0);
  });

  it('lets only an admin change subscriptions, and changes nothing on bad input', async () => {
    const mutation = 'mutation($s: [BridgeSymbolInput!]!) { subscribeSymbols(symbols: $s, book: true) { subscriptions { symbol exchange book } } }';
    const vale = { s: [{ symbol: 'vale3', exchange: 'b' }] };
    expect((await runOperation(schema, mutation, vale, ctx())).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await runOperation(schema, mutation, vale, ctx(trader))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await runOperation(schema, mutation, { s: [{ symbol: 'VALE3', exchange: 'B' }, { symbol: 'VALE3; DROP', exchange: 'B' }] }, ctx(admin));
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'symbols[1].symbol' });
    expect(publisher.stats().subscriptions.map((s) => s.symbol)).toEqual(['PETR4']);

    const ok = await runOperation(schema, mutation, vale, ctx(admin));
    expect(ok.errors).toBeUndefined();
    expect((ok.data?.subscribeSymbols as { subscriptions: unknown[] }).subscriptions).toEqual([
      { symbol: 'PETR4', exchange: 'B', book: false },
      { symbol: 'VALE3', exchange: 'B', book: true },
    ]);
    const books: string[] = [];
    await bus.subscribe<{ symbol: string }>('market.book.*', (book) => void books.push(book.symbol));
    await advance(2_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(books).toContain('VALE3');
  });

  it('streams the status and shows a market-data disconnect as DEGRADED', async () => {
    const stream = await runSubscription<{ bridgeStatus: { health: string; marketData: string } }>(
      schema,
      'subscription { bridgeStatus { health marketData } }',
      {},
      ctx(),
    );
    if (!(Symbol.asyncIterator in stream)) throw new Error(JSON.stringify(stream));
    const first = await stream.next();
    expect((first.value as ExecutionResult<{ bridgeStatus: { health: string } }>).data?.bridgeStatus.health).toBe('OK');
    simulatorControls(client).disconnect('MARKET_DATA', 5_000);
    await advance(100);
    let seen: { health: string; marketData: string } | undefined;
    for (let i = 0; i < 5 && seen?.marketData !== 'DISCONNECTED'; i++) {
      seen = ((await stream.next()).value as ExecutionResult<{ bridgeStatus: { health: string; marketData: string } }>).data?.bridgeStatus;
    }
    expect(seen).toEqual({ health: 'DEGRADED', marketData: 'DISCONNECTED' });
    await stream.return?.();
  });

  it('routes orders for the orders service only', async () => {
    const route = 'mutation($i: RouteOrderInput!) { routeOrder(input: $i) { localOrderId } }';
    const account = { brokerId: 0, accountId: '' };
    const accounts = await runOperation(schema, '{ brokerAccounts { brokerId accountId } }', {}, ctx(ordersService));
    expect(accounts.errors).toBeUndefined();
    Object.assign(account, (accounts.data?.brokerAccounts as Array<typeof account>)[0]);
    const input = { account, symbol: 'PETR4', exchange: 'B', side: 'BUY', type: 'LIMIT', quantity: 100, price: '38.00' };
    expect((await runOperation(schema, route, { i: input }, ctx(admin))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await runOperation(schema, route, { i: { ...input, side: 'HOLD' } }, ctx(ordersService));
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'side' });
    const noPrice = await runOperation(schema, route, { i: { ...input, price: null } }, ctx(ordersService));
    expect(noPrice.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const ok = await runOperation(schema, route, { i: input }, ctx(ordersService));
    expect(ok.errors).toBeUndefined();
    expect((ok.data?.routeOrder as { localOrderId: string }).localOrderId).toMatch(/^\d+$/);
  });

  it('runs a history backfill job for an admin, with progress until DONE and the trades on the bus', async () => {
    const start = 'mutation($f: String!, $t: String!) { startHistoryBackfill(symbol: "petr4", exchange: "B", from: $f, to: $t) { id status symbol } }';
    const to = new Date(Date.now() - 24 * 3600_000);
    const window = { f: new Date(to.getTime() - 24 * 3600_000).toISOString(), t: to.toISOString() };
    expect((await runOperation(schema, start, window, ctx(trader))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await runOperation(schema, start, { f: 'yesterday', t: window.t }, ctx(admin));
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    const inverted = await runOperation(schema, start, { f: window.t, t: window.f }, ctx(admin));
    expect(inverted.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const published: number[] = [];
    await bus.subscribe<{ tradeNumber: number }>('market.history.PETR4', (trade) => void published.push(trade.tradeNumber));
    const started = await runOperation(schema, start, window, ctx(admin));
    expect(started.errors).toBeUndefined();
    const job = started.data?.startHistoryBackfill as { id: string; status: string; symbol: string };
    expect(job).toMatchObject({ status: 'RUNNING', symbol: 'PETR4' });
    const again = await runOperation(schema, start, window, ctx(admin));
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    const stream = await runSubscription<{ historyBackfillProgress: { status: string; progress: number; tradesReceived: number } }>(
      schema,
      'subscription($id: ID!) { historyBackfillProgress(id: $id) { status progress tradesReceived } }',
      { id: job.id },
      ctx(admin),
    );
    if (!(Symbol.asyncIterator in stream)) throw new Error(JSON.stringify(stream));
    let last: { status: string; progress: number; tradesReceived: number } | undefined;
    for await (const update of stream) last = (update as ExecutionResult<{ historyBackfillProgress: typeof last }>).data?.historyBackfillProgress;
    expect(last).toMatchObject({ status: 'DONE', progress: 100 });
    expect(last!.tradesReceived).toBeGreaterThan(50);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(published).toHaveLength(last!.tradesReceived);
  });

  it('keeps routing out of the public API: @inaccessible in the subgraph, absent from api.graphql', () => {
    const sdl = readFileSync(path.join(__dirname, '../schema.graphql'), 'utf8');
    expect(sdl).toMatch(/routeOrder\(input: RouteOrderInput!\): RoutedOrder! @inaccessible/);
    const api = buildSchema(readFileSync(path.join(__dirname, '../../api.graphql'), 'utf8'));
    const mutations = Object.keys(api.getMutationType()?.getFields() ?? {});
    expect(mutations).toEqual(expect.arrayContaining(['subscribeSymbols', 'unsubscribeSymbols']));
    for (const hidden of ['routeOrder', 'cancelRoutedOrder', 'changeRoutedOrder', 'cancelAllRoutedOrders', 'zeroRoutedPosition']) expect(mutations).not.toContain(hidden);
    expect(Object.keys(api.getQueryType()?.getFields() ?? {})).not.toContain('brokerOrders');
    expect(api.getType('BrokerOrder')).toBeUndefined();
  });
});
