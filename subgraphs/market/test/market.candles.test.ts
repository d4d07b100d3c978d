import { runOperation, runSubscription } from '@b3/kit';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { buildMarketSchema } from '../src/schema';
import { openDuckDbTickStore } from '../src/store/duckdb-tick.store';
import type { TickStore } from '../src/store/tick.store';
import { createMarketFixture, type MarketFixture } from './market-fixture';
import { trade } from './tick-store.contract';

type Stream = AsyncIterableIterator<ExecutionResult>;
const at = (iso: string) => Date.parse(iso);

describe('market candles, book and daily stats', () => {
  let schema: GraphQLSchema;
  let store: TickStore;
  let fixture: MarketFixture;
  let clock = at('2026-11-26T13:01:30.000Z');
  const now = () => clock;

  beforeAll(async () => {
    schema = await buildMarketSchema();
  });
  beforeEach(async () => {
    clock = at('2026-11-26T13:01:30.000Z');
    store = await openDuckDbTickStore(':memory:');
    fixture = await createMarketFixture(store, 'PETR4:B,VALE3:B,WINZ26:F', now);
  });
  afterEach(async () => {
    await fixture.close();
    await store.close();
  });

  const run = (query: string, variables: Record<string, unknown> = {}) => runOperation(schema, query, variables, fixture.ctx());
  const subscribe = async (query: string) => (await runSubscription(schema, query, {}, fixture.ctx())) as Stream;

  it('answers candles with the forming bar from memory before the trades reach the store', async () => {
    fixture.market.ingestMessage([
      trade('PETR4', 1, '2026-11-26T13:00:10.000Z', '38.00', 100),
      trade('PETR4', 2, '2026-11-26T13:00:50.000Z', '38.20', 100),
    ]);
    await fixture.market.flush();
    fixture.market.ingest(trade('PETR4', 3, '2026-11-26T13:01:05.000Z', '38.30', 200)); // not flushed yet
    const result = await run('{ ticker(symbol: "PETR4") { candles(interval: M1) { start open high low close volume trades vwap closed } } }');
    expect(result.errors).toBeUndefined();
    expect((result.data?.ticker as { candles: unknown[] }).candles).toEqual([
      { start: '2026-11-26T13:00:00.000Z', open: '38', high: '38.2', low: '38', close: '38.2', volume: 200, trades: 2, vwap: '38.1', closed: true },
      { start: '2026-11-26T13:01:00.000Z', open: '38.3', high: '38.3', low: '38.3', close: '38.3', volume: 200, trades: 1, vwap: '38.3', closed: false },
    ]);
  });

  it('keeps the latest bars when the range holds more than limit', async () => {
    for (let i = 0; i < 5; i++) fixture.market.ingest(trade('PETR4', i + 1, new Date(at('2026-11-26T12:56:10Z') + i * 60_000).toISOString(), '38.00', 100));
    await fixture.market.flush();
    const result = await run('{ ticker(symbol: "PETR4") { candles(interval: M1, limit: 2) { start } } }');
    expect((result.data?.ticker as { candles: Array<{ start: string }> }).candles.map((c) => c.start)).toEqual(['2026-11-26T12:59:00.000Z', '2026-11-26T13:00:00.000Z']);
  });

  it.each([
    ['candles(interval: M1, limit: 0)', 'limit'],
    ['candles(interval: M1, limit: 10001)', 'limit'],
    ['candles(interval: M1, from: "2026-11-26T14:00:00Z", to: "2026-11-26T13:00:00Z")', 'from'],
    ['candles(interval: M1, from: "2020-01-01T00:00:00Z", to: "2026-11-26T13:00:00Z")', 'from'],
    ['book(depth: 0)', 'depth'],
    ['book(depth: 11)', 'depth'],
  ])('rejects %s as BAD_USER_INPUT naming %s', async (field, name) => {
    const result = await run(`{ ticker(symbol: "PETR4") { ${field} { __typename } } }`);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: name });
  });

  it('streams the forming bar on every trade and then the closed bar when the next bar starts', async () => {
    fixture.market.ingest(trade('PETR4', 1, '2026-11-26T13:01:00.000Z', '38.00', 100));
    const stream = await subscribe('subscription { candles(symbol: "PETR4", interval: M1) { start open high low close volume closed } }');
    expect((await stream.next()).value.data.candles).toEqual({ start: '2026-11-26T13:01:00.000Z', open: '38', high: '38', low: '38', close: '38', volume: 100, closed: false });
    fixture.market.ingest(trade('PETR4', 2, '2026-11-26T13:01:20.000Z', '38.40', 50));
    expect((await stream.next()).value.data.candles).toMatchObject({ high: '38.4', close: '38.4', volume: 150, closed: false });
    fixture.market.ingest(trade('PETR4', 3, '2026-11-26T13:02:00.000Z', '38.10', 10)); // exactly on the boundary
    expect((await stream.next()).value.data.candles).toMatchObject({ start: '2026-11-26T13:01:00.000Z', close: '38.4', volume: 150, closed: true });
    expect((await stream.next()).value.data.candles).toMatchObject({ start: '2026-11-26T13:02:00.000Z', open: '38.1', volume: 10, closed: false });
    await stream.return?.();
  });

  it('closes a bar when its interval ends even if no further trade arrives', async () => {
    const stream = await subscribe('subscription { candles(symbol: "VALE3", interval: M1) { start close closed } }');
    fixture.market.ingest(trade('VALE3', 1, '2026-11-26T13:01:10.000Z', '61.50', 100));
    expect((await stream.next()).value.data.candles).toEqual({ start: '2026-11-26T13:01:00.000Z', close: '61.5', closed: false });
    clock = at('2026-11-26T13:02:00.001Z');
    fixture.bars.closeExpired();
    expect((await stream.next()).value.data.candles).toEqual({ start: '2026-11-26T13:01:00.000Z', close: '61.5', closed: true });
    await stream.return?.();
  });

  it('continues a bar that was forming when the service restarted', async () => {
    fixture.market.ingest(trade('PETR4', 1, '2026-11-26T13:01:05.000Z', '38.00', 100));
    await fixture.market.flush();
    const restarted = await createMarketFixture(store, 'PETR4:B', now);
    await restarted.candles.seed(['PETR4'] as never);
    restarted.market.ingest(trade('PETR4', 2, '2026-11-26T13:01:15.000Z', '37.90', 100));
    const [bar] = await restarted.candles.candles('PETR4' as never, 'M1', { from: new Date('2026-11-26T13:01:00Z') });
    expect(bar).toMatchObject({ open: '38', low: '37.9', close: '37.9', volume: 200, trades: 2 });
    await restarted.close();
  });

  it('answers daily stats against the previous close, or the settlement when the feed has one', async () => {
    fixture.market.ingestMessage([
      trade('WINZ26', 1, '2026-11-25T20:00:00.000Z', '125000', 5), // previous session close
      trade('WINZ26', 2, '2026-11-26T12:00:00.000Z', '126000', 1),
      trade('WINZ26', 3, '2026-11-26T13:00:00.000Z', '126250', 3),
    ]);
    await fixture.market.flush();
    const query = '{ ticker(symbol: "WINZ26") { dailyStats { date open high low last volume trades reference referenceKind change changePercent } } }';
    expect((await run(query)).data?.ticker).toEqual({
      dailyStats: { date: '2026-11-26', open: '126000', high: '126250', low: '126000', last: '126250', volume: 4, trades: 2, reference: '125000', referenceKind: 'PREVIOUS_CLOSE', change: '1250', changePercent: '1' },
    });
    fixture.candles.setSettlement('WINZ26' as never, '125500');
    // (126250 − 125500) / 125500 = 0.5976 % → 0.6
    expect((await run(query)).data?.ticker).toMatchObject({ dailyStats: { reference: '125500', referenceKind: 'SETTLEMENT', change: '750', changePercent: '0.6' } });
    expect((await run('{ ticker(symbol: "VALE3") { dailyStats { last } } }')).data?.ticker).toEqual({ dailyStats: null });
  });

  const book = (sequence: number, bid: string, ask: string) => ({
    symbol: 'PETR4',
    exchange: 'B',
    bids: [{ price: bid, quantity: 500, orders: 3 }, { price: '37.90', quantity: 100, orders: 1 }],
    asks: [{ price: ask, quantity: 200, orders: 2 }, { price: '38.20', quantity: 900, orders: 4 }],
    auction: false,
    sequence,
    time: new Date(at('2026-11-26T13:00:00Z') + sequence).toISOString(),
  });

  it('answers quote and book depth from the latest snapshot', async () => {
    expect((await run('{ ticker(symbol: "PETR4") { quote { spread } book { sequence } } }')).data?.ticker).toEqual({ quote: null, book: null });
    fixture.books.ingest(book(1, '38.00', '38.05'));
    fixture.books.ingest(book(2, '38.01', '38.03'));
    fixture.books.ingest({ ...book(3, '1', '2'), time: 'not a time' }); // malformed: ignored
    const result = await run('{ ticker(symbol: "PETR4") { quote { bid { price quantity } ask { price } spread } book(depth: 1) { sequence bids { price } asks { price } } } }');
    expect(result.data?.ticker).toEqual({
      quote: { bid: { price: '38.01', quantity: 500 }, ask: { price: '38.03' }, spread: '0.02' },
      book: { sequence: 2, bids: [{ price: '38.01' }], asks: [{ price: '38.03' }] },
    });
  });

  it('conflates the book stream to the requested rate, always delivering the newest state', async () => {
    fixture.books.ingest(book(1, '38.00', '38.05'));
    const stream = await subscribe('subscription { book(symbol: "PETR4", depth: 1, maxUpdatesPerSecond: 5) { sequence } }');
    const started = performance.now();
    expect((await stream.next()).value.data.book).toEqual({ sequence: 1 });
    for (let s = 2; s <= 20; s++) fixture.books.ingest(book(s, '38.00', '38.05'));
    expect((await stream.next()).value.data.book).toEqual({ sequence: 20 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190); // 5/s → one update per 200 ms
    await stream.return?.();
  });

  it('rejects a book subscription faster than 50 updates per second', async () => {
    const result = (await runSubscription(schema, 'subscription { book(symbol: "PETR4", maxUpdatesPerSecond: 51) { sequence } }', {}, fixture.ctx())) as ExecutionResult;
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxUpdatesPerSecond' });
  });

  it('delivers every trade of the tape in order', async () => {
    const stream = await subscribe('subscription { trades(symbols: ["PETR4"]) { tradeNumber } }');
    for (let n = 1; n <= 300; n++) fixture.market.ingest(trade('PETR4', n, '2026-11-26T13:01:00.000Z', '38.00', 100));
    const seen: number[] = [];
    for (let n = 1; n <= 300; n++) seen.push(((await stream.next()).value.data.trades as { tradeNumber: number }).tradeNumber);
    expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    await stream.return?.();
  });
});
