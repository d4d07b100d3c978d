import { runOperation, runSubscription } from '@b3/kit';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { buildMarketSchema } from '../src/schema';
import type { MarketDataService } from '../src/services/market-data.service';
import { openDuckDbTickStore } from '../src/store/duckdb-tick.store';
import type { TickStore } from '../src/store/tick.store';
import { createMarketFixture, type MarketFixture } from './market-fixture';

const trade = (symbol: string, price: string, tradeNumber: number, time: string) => ({
  symbol, exchange: 'B', price, quantity: 100, tradeNumber, aggressor: 'BUY', time, isEdit: false,
});

describe('market schema', () => {
  let schema: GraphQLSchema;
  let store: TickStore;
  let fixture: MarketFixture;
  let market: MarketDataService;
  const ctx = () => fixture.ctx();

  beforeAll(async () => {
    schema = await buildMarketSchema();
  });
  beforeEach(async () => {
    store = await openDuckDbTickStore(':memory:');
    fixture = await createMarketFixture(store);
    market = fixture.market;
  });
  afterEach(async () => {
    await fixture.close();
    await store.close();
  });

  it('answers lastTrade with the newest trade and an exact decimal price', async () => {
    market.ingest(trade('PETR4', '38.01', 1, '2026-11-26T13:00:00.000Z'));
    market.ingest(trade('PETR4', '38.02', 2, '2026-11-26T13:00:01.500Z'));
    const result = await runOperation(schema, '{ lastTrade(symbol: "PETR4") { symbol price quantity aggressor time tradeNumber } }', {}, ctx());
    expect(result.errors).toBeUndefined();
    expect(result.data?.lastTrade).toEqual({
      symbol: 'PETR4', price: '38.02', quantity: 100, aggressor: 'BUY', time: '2026-11-26T13:00:01.500Z', tradeNumber: 2,
    });
  });

  it('ingests a feed message that carries a batch of trades in order', async () => {
    const deliver = (payload: unknown) => market.ingestMessage(payload);
    deliver([trade('VALE3', '61.50', 1, '2026-11-26T13:00:00.000Z'), trade('VALE3', '61.51', 2, '2026-11-26T13:00:00.100Z')]);
    deliver(trade('VALE3', '61.52', 3, '2026-11-26T13:00:00.200Z'));
    const result = await runOperation(schema, '{ lastTrade(symbol: "VALE3") { price tradeNumber } }', {}, ctx());
    expect(result.data?.lastTrade).toEqual({ price: '61.52', tradeNumber: 3 });
    expect(market.stats()).toMatchObject({ ingested: 3, rejected: 0 });
  });

  it('reads the last trade back from the store after a restart of the service', async () => {
    market.ingest(trade('WINZ26', '125005', 7, '2026-11-26T13:00:00.000Z'));
    await market.flush();
    const fresh = await createMarketFixture(store, 'WINZ26:F');
    const result = await runOperation(schema, '{ tickers(symbols: ["WINZ26"]) { symbol lastTrade { price tradeNumber } } }', {}, fresh.ctx());
    expect(result.data?.tickers).toEqual([{ symbol: 'WINZ26', lastTrade: { price: '125005', tradeNumber: 7 } }]);
    await fresh.close();
  });

  it('resolves Ticker entities for other subgraphs in one batch', async () => {
    market.ingest(trade('PETR4', '38.01', 1, '2026-11-26T13:00:00.000Z'));
    const spy = jest.spyOn(store, 'lastTrades');
    const result = await runOperation(
      schema,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticker { symbol lastTrade { price } } } }',
      { r: [{ __typename: 'Ticker', symbol: 'PETR4' }, { __typename: 'Ticker', symbol: 'VALE3' }] },
      ctx(),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ symbol: 'PETR4', lastTrade: { price: '38.01' } }, { symbol: 'VALE3', lastTrade: null }]);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledWith(['VALE3']);
  });

  it('rejects malformed and unknown symbols with codes, not stack traces', async () => {
    const bad = await runOperation(schema, '{ lastTrade(symbol: "petr4!") { price } }', {}, ctx());
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await runOperation(schema, '{ lastTrade(symbol: "ABCD3") { price } }', {}, ctx());
    expect(unknown.errors?.[0].extensions?.code).toBe('MARKET_UNKNOWN_SYMBOL');
  });

  it('streams ticks only for the requested symbols', async () => {
    const iterator = (await runSubscription(schema, 'subscription { ticks(symbols: ["VALE3"]) { symbol price } }', {}, ctx())) as AsyncIterableIterator<ExecutionResult>;
    market.ingest(trade('PETR4', '38.01', 1, '2026-11-26T13:00:00.000Z'));
    market.ingest(trade('VALE3', '61.55', 1, '2026-11-26T13:00:00.100Z'));
    const first = await iterator.next();
    expect(first.value.data).toEqual({ ticks: { symbol: 'VALE3', price: '61.55' } });
    await iterator.return?.();
    expect(market.stats().subscribers).toBe(0);
  });

  it('serves live trades in the same canonical price form the store reads back', async () => {
    market.ingest(trade('PETR4', '38.10', 1, '2026-11-26T13:00:00.000Z'));
    const live = await runOperation(schema, '{ lastTrade(symbol: "PETR4") { price } }', {}, ctx());
    expect(live.data?.lastTrade).toEqual({ price: '38.1' });
    await market.flush();
    const fresh = await createMarketFixture(store, 'PETR4:B');
    const stored = await runOperation(schema, '{ lastTrade(symbol: "PETR4") { price } }', {}, fresh.ctx());
    expect(stored.data?.lastTrade).toEqual({ price: '38.1' });
    await fresh.close();
  });

  it('drops feed trades whose price is not a positive DECIMAL(18,4)', async () => {
    for (const price of ['0', '0.0000', '-38.01', '38.12345', '100000000000000']) market.ingest(trade('PETR4', price, 1, '2026-11-26T13:00:00.000Z'));
    expect(market.stats()).toMatchObject({ ingested: 0, rejected: 5 });
  });

  it('drops malformed feed payloads without touching state', async () => {
    market.ingest({ symbol: 'PETR4', price: 38.01 });
    market.ingest(trade('PETR4', 'NaN', 1, '2026-11-26T13:00:00.000Z'));
    expect(market.stats()).toMatchObject({ ingested: 0, rejected: 2 });
    const result = await runOperation(schema, '{ lastTrade(symbol: "PETR4") { price } }', {}, ctx());
    expect(result.data?.lastTrade).toBeNull();
  });
});
