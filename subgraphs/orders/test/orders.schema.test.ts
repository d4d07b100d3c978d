import { runOperation, testContext, type Viewer } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import { createOrdersContext } from '../src/context';
import { buildOrdersSchema } from '../src/schema';
import { OrderService } from '../src/services/order.service';
import { createFakeOrderStore } from './fake-order.store';

const alice: Viewer = { id: 'u-alice', roles: ['trader'] };
const bob: Viewer = { id: 'u-bob', roles: ['trader'] };
const viewer: Viewer = { id: 'u-viewer', roles: ['viewer'] };
const PLACE = `mutation($input: PlaceOrderInput!) {
  placeOrder(input: $input) { id accountId symbol ticker { symbol } side type quantity limitPrice stopPrice status }
}`;
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id symbol } } }';
const limitBuy = { symbol: 'WINZ26', side: 'BUY', type: 'LIMIT', quantity: 2, limitPrice: '125005.5' };

describe('orders schema', () => {
  let schema: GraphQLSchema;
  let store: ReturnType<typeof createFakeOrderStore>;
  const ctx = (who: Viewer | null) => createOrdersContext(testContext(who), new OrderService(store));
  const place = async (who: Viewer, input: Record<string, unknown>) => {
    const result = await runOperation<{ placeOrder: { id: string } }>(schema, PLACE, { input }, ctx(who));
    expect(result.errors).toBeUndefined();
    return result.data!.placeOrder;
  };

  beforeAll(async () => {
    schema = await buildOrdersSchema();
  });
  beforeEach(() => {
    store = createFakeOrderStore();
  });

  it('places a LIMIT order as PENDING_NEW with its exact price and ticker reference', async () => {
    const result = await runOperation(schema, PLACE, { input: { ...limitBuy, symbol: 'winz26' } }, ctx(alice));
    expect(result.errors).toBeUndefined();
    expect(result.data?.placeOrder).toMatchObject({
      accountId: 'u-alice', symbol: 'WINZ26', ticker: { symbol: 'WINZ26' }, side: 'BUY', type: 'LIMIT',
      quantity: 2, limitPrice: '125005.5', stopPrice: null, status: 'PENDING_NEW',
    });
  });

  it('places MARKET and STOP_LIMIT orders', async () => {
    const market = await runOperation(schema, PLACE, { input: { symbol: 'PETR4', side: 'SELL', type: 'MARKET', quantity: 100 } }, ctx(alice));
    expect(market.data?.placeOrder).toMatchObject({ type: 'MARKET', limitPrice: null, status: 'PENDING_NEW' });
    const stop = await runOperation(
      schema, PLACE, { input: { symbol: 'PETR4', side: 'SELL', type: 'STOP_LIMIT', quantity: 100, limitPrice: '37.80', stopPrice: '37.90' } }, ctx(alice),
    );
    expect(stop.data?.placeOrder).toMatchObject({ type: 'STOP_LIMIT', limitPrice: '37.8', stopPrice: '37.9' });
  });

  it('lists only the caller’s own orders, newest first, with filters', async () => {
    const first = await place(alice, limitBuy);
    const second = await place(alice, { symbol: 'PETR4', side: 'SELL', type: 'MARKET', quantity: 100 });
    await place(bob, limitBuy);
    const all = await runOperation(schema, '{ orders { id accountId } }', {}, ctx(alice));
    expect(all.data?.orders).toEqual([{ id: second.id, accountId: 'u-alice' }, { id: first.id, accountId: 'u-alice' }]);
    const filtered = await runOperation(schema, '{ orders(symbol: "winz26", status: PENDING_NEW) { id } }', {}, ctx(alice));
    expect(filtered.data?.orders).toEqual([{ id: first.id }]);
    const none = await runOperation(schema, '{ orders(status: FILLED) { id } }', {}, ctx(alice));
    expect(none.data?.orders).toEqual([]);
  });

  it('shows an order to its owner and answers ORDERS_NOT_FOUND to anyone else', async () => {
    const placed = await place(alice, limitBuy);
    const own = await runOperation(schema, 'query($id: ID!) { order(id: $id) { id limitPrice } }', { id: placed.id }, ctx(alice));
    expect(own.data?.order).toEqual({ id: placed.id, limitPrice: '125005.5' });
    const other = await runOperation(schema, 'query($id: ID!) { order(id: $id) { id } }', { id: placed.id }, ctx(bob));
    expect(other.errors?.[0].extensions?.code).toBe('ORDERS_NOT_FOUND');
    expect(other.data?.order).toBeNull();
    const missing = await runOperation(schema, '{ order(id: "no-such-order") { id } }', {}, ctx(alice));
    expect(missing.errors?.[0].extensions?.code).toBe('ORDERS_NOT_FOUND');
  });

  it('keeps orders private from anonymous callers', async () => {
    await place(alice, limitBuy);
    const list = await runOperation(schema, '{ orders { id } }', {}, ctx(null));
    expect(list.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const one = await runOperation(schema, '{ order(id: "x") { id } }', {}, ctx(null));
    expect(one.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses placing orders to anonymous callers and viewers, and stores nothing', async () => {
    const anonymous = await runOperation(schema, PLACE, { input: limitBuy }, ctx(null));
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forbidden = await runOperation(schema, PLACE, { input: limitBuy }, ctx(viewer));
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(store.rows).toHaveLength(0);
  });

  it.each([
    [{ ...limitBuy, symbol: 'WIN Z26', quantity: 0, limitPrice: '-1' }, ['symbol', 'quantity', 'limitPrice']],
    [{ ...limitBuy, quantity: 1_000_001 }, ['quantity']],
    [{ ...limitBuy, limitPrice: '125005.12345' }, ['limitPrice']],
    [{ ...limitBuy, limitPrice: '0' }, ['limitPrice']],
    [{ ...limitBuy, limitPrice: null }, ['limitPrice']],
    [{ ...limitBuy, type: 'MARKET' }, ['limitPrice']],
    [{ ...limitBuy, type: 'STOP_LIMIT' }, ['stopPrice']],
  ])('answers BAD_USER_INPUT with per-field issues and stores nothing (%#)', async (input, fields) => {
    const result = await runOperation(schema, PLACE, { input }, ctx(alice));
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((result.errors?.[0].extensions?.fields as Array<{ field: string }>).map((f) => f.field)).toEqual(fields);
    expect(store.rows).toHaveLength(0);
  });

  it('rejects an out-of-range limit', async () => {
    const result = await runOperation(schema, '{ orders(limit: 500) { id } }', {}, ctx(alice));
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves Order entities in one store call, and only the viewer’s own', async () => {
    const a = await place(alice, limitBuy);
    const b = await place(alice, { symbol: 'PETR4', side: 'SELL', type: 'MARKET', quantity: 100 });
    const theirs = await place(bob, limitBuy);
    store.byIdsCalls = 0;
    const result = await runOperation(
      schema,
      ENTITIES,
      { r: [{ __typename: 'Order', id: b.id }, { __typename: 'Order', id: theirs.id }, { __typename: 'Order', id: a.id }] },
      ctx(alice),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id: b.id, symbol: 'PETR4' }, null, { id: a.id, symbol: 'WINZ26' }]);
    expect(store.byIdsCalls).toBe(1);
  });

  it('refuses entity resolution without a viewer', async () => {
    const a = await place(alice, limitBuy);
    const result = await runOperation(schema, ENTITIES, { r: [{ __typename: 'Order', id: a.id }] }, ctx(null));
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
