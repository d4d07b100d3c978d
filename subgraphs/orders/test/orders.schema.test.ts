import { runOperation, testContext, type Viewer } from '@b3/kit';
import { type Database, openTestDatabase, resetDatabase } from '@b3/prisma';
import type { GraphQLSchema } from 'graphql';
import { createOrdersContext } from '../src/context';
import type { RiskRejection } from '../src/domain/risk';
import { buildOrdersSchema } from '../src/schema';
import { OrderService, type OrderServicePorts } from '../src/services/order.service';
import type { RiskCheck, RiskCheckRequest } from '../src/services/risk-check.port';
import { createPrismaOrderStore } from '../src/store/prisma-order.store';
import type { OrderStore } from '../src/store/order.store';

const alice: Viewer = { id: 'u-alice', roles: ['trader'] };
const bob: Viewer = { id: 'u-bob', roles: ['trader'] };
const admin: Viewer = { id: 'u-admin', roles: ['admin'] };
const viewer: Viewer = { id: 'u-viewer', roles: ['viewer'] };

const ORDER_FIELDS = `id idempotencyKey account symbol ticker { symbol } side type timeInForce quantity price stopPrice status
  filledQuantity remainingQuantity averageFillPrice brokerOrderId rejectReason fills { fillId } version createdAt updatedAt`;
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ${ORDER_FIELDS} } }`;
const ORDERS = `query($filter: OrderFilterInput, $first: Int, $after: String) {
  orders(filter: $filter, first: $first, after: $after) { edges { cursor node { id account } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
}`;
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id symbol } } }';

let keys = 0;
const nextKey = (): string => `key-${String(++keys).padStart(8, '0')}`;
/** A valid LIMIT BUY of 100 PETR4 at 38.50 with a fresh idempotency key. */
const limitBuy = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  symbol: 'PETR4', side: 'BUY', type: 'LIMIT', quantity: 100, price: '38.50', idempotencyKey: nextKey(), ...overrides,
});

type Errors = ReadonlyArray<{ extensions?: Record<string, unknown> }> | undefined;
const codeOf = (errors: Errors): unknown => errors?.[0]?.extensions?.code;
const fieldsOf = (errors: Errors) => errors?.[0]?.extensions?.fields as Array<{ field: string; rule: string }> | undefined;

describe('orders schema', () => {
  let schema: GraphQLSchema;
  let db: Database;
  let store: OrderStore;
  let byIdsCalls: number;
  let ports: OrderServicePorts;
  let service: OrderService;

  const ctx = (who: Viewer | null) => createOrdersContext(testContext(who), service);
  const run = (who: Viewer | null, query: string, variables: Record<string, unknown> = {}) => runOperation<Record<string, any>>(schema, query, variables, ctx(who));
  const place = async (who: Viewer, input: Record<string, unknown>) => {
    const result = await run(who, PLACE, { input });
    expect(result.errors).toBeUndefined();
    return result.data!.placeOrder as { id: string; [field: string]: unknown };
  };
  const storedOrders = () => db.prisma.order.count();

  beforeAll(async () => {
    schema = await buildOrdersSchema();
    db = await openTestDatabase();
    const prismaStore = createPrismaOrderStore(db.prisma);
    // counts batch loads, to show entity resolution makes one store call per request
    store = { ...prismaStore, byIds: (ids) => (byIdsCalls++, prismaStore.byIds(ids)) };
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    byIdsCalls = 0;
    ports = {};
    // a clock that moves 1 ms per order, so "newest first" never depends on two orders sharing a millisecond
    let tick = Date.parse('2026-03-02T13:00:00.000Z');
    service = new OrderService(store, ports, { clock: () => new Date(tick++) });
  });

  describe('placeOrder', () => {
    it('writes a LIMIT order as PENDING with its exact price, default DAY and the ticker reference', async () => {
      const input = limitBuy({ symbol: ' petr4 ' });
      const placed = await place(alice, input);
      expect(placed).toMatchObject({
        idempotencyKey: input.idempotencyKey, account: 'u-alice', symbol: 'PETR4', ticker: { symbol: 'PETR4' }, side: 'BUY', type: 'LIMIT',
        timeInForce: 'DAY', quantity: 100, price: '38.5', stopPrice: null, status: 'PENDING', filledQuantity: 0, remainingQuantity: 100,
        averageFillPrice: null, brokerOrderId: null, rejectReason: null, fills: [], version: 1,
      });
      expect(placed.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await storedOrders()).toBe(1);
    });

    it.each([
      ['MARKET', { type: 'MARKET', price: null, timeInForce: 'IOC' }, { price: null, stopPrice: null, timeInForce: 'IOC' }],
      ['STOP', { side: 'SELL', type: 'STOP', price: null, stopPrice: '37.90', timeInForce: 'GTC' }, { price: null, stopPrice: '37.9' }],
      ['STOP_LIMIT', { side: 'SELL', type: 'STOP_LIMIT', price: '37.80', stopPrice: '37.90' }, { price: '37.8', stopPrice: '37.9' }],
      ['a future', { symbol: 'WINZ26', quantity: 2, price: '125005' }, { symbol: 'WINZ26', price: '125005' }],
      ['a fractional lot', { symbol: 'PETR4F', quantity: 7 }, { quantity: 7 }],
    ])('places %s', async (_name, overrides, expected) => {
      expect(await place(alice, limitBuy(overrides))).toMatchObject({ ...expected, status: 'PENDING' });
    });

    it('returns the original order for a repeated idempotency key, even when the other fields differ', async () => {
      const input = limitBuy();
      const first = await place(alice, input);
      const again = await place(alice, input);
      const different = await place(alice, { ...input, quantity: 500, price: '39' });
      expect(again).toEqual(first);
      expect(different).toEqual(first);
      expect(await storedOrders()).toBe(1);
      // a key belongs to an account: the same key from bob is bob's own new order
      expect((await place(bob, input)).id).not.toBe(first.id);
    });

    it('creates one order when ten placements with one key arrive together', async () => {
      const input = limitBuy();
      const results = await Promise.all(Array.from({ length: 10 }, () => run(alice, PLACE, { input })));
      for (const result of results) expect(result.errors).toBeUndefined();
      expect(new Set(results.map((r) => r.data!.placeOrder.id)).size).toBe(1);
      expect(await storedOrders()).toBe(1);
    });

    it.each([
      ['a malformed idempotency key', { idempotencyKey: 'short' }, [['idempotencyKey', 'MALFORMED']]],
      ['an unknown symbol', { symbol: 'XPTO99' }, [['symbol', 'UNKNOWN_SYMBOL']]],
      ['a future month that is not listed', { symbol: 'WINH26', quantity: 1, price: '125000' }, [['symbol', 'UNKNOWN_SYMBOL']]],
      ['GTC on a MARKET order', { type: 'MARKET', price: null, timeInForce: 'GTC' }, [['timeInForce', 'TIME_IN_FORCE']]],
      ['a zero quantity', { quantity: 0 }, [['quantity', 'OUT_OF_RANGE']]],
      ['a quantity over 999,999', { symbol: 'PETR4F', quantity: 1_000_000 }, [['quantity', 'OUT_OF_RANGE']]],
      ['a quantity off the lot', { quantity: 150 }, [['quantity', 'NOT_A_LOT_MULTIPLE']]],
      ['a LIMIT without price', { price: null }, [['price', 'REQUIRED']]],
      ['a STOP without stop price', { type: 'STOP', price: null }, [['stopPrice', 'REQUIRED']]],
      ['a MARKET order with a price', { type: 'MARKET' }, [['price', 'NOT_ALLOWED']]],
      ['a LIMIT order with a stop price', { stopPrice: '38' }, [['stopPrice', 'NOT_ALLOWED']]],
      ['a zero price', { price: '0' }, [['price', 'NOT_POSITIVE']]],
      ['a negative price', { price: '-1' }, [['price', 'MALFORMED']]],
      ['a price too large', { price: '100000000000000' }, [['price', 'TOO_LARGE']]],
      ['three decimals', { price: '38.505' }, [['price', 'TOO_MANY_DECIMALS']]],
      ['a price off the tick', { symbol: 'WINZ26', quantity: 1, price: '125003' }, [['price', 'OFF_TICK']]],
      ['a BUY stop-limit below its stop', { type: 'STOP_LIMIT', price: '38', stopPrice: '38.5' }, [['price', 'STOP_LIMIT_RELATION']]],
      ['a SELL stop-limit above its stop', { side: 'SELL', type: 'STOP_LIMIT', price: '39', stopPrice: '38.5' }, [['price', 'STOP_LIMIT_RELATION']]],
      [
        'several problems at once',
        { idempotencyKey: 'x', symbol: 'PETR4', quantity: 150, price: '38.505', stopPrice: '1' },
        [['idempotencyKey', 'MALFORMED'], ['quantity', 'NOT_A_LOT_MULTIPLE'], ['price', 'TOO_MANY_DECIMALS'], ['stopPrice', 'NOT_ALLOWED']],
      ],
    ])('refuses %s with BAD_USER_INPUT naming each field and rule, and stores nothing', async (_name, overrides, expected) => {
      const result = await run(alice, PLACE, { input: limitBuy(overrides) });
      expect(codeOf(result.errors)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result.errors)?.map((f) => [f.field, f.rule])).toEqual(expected);
      expect(await storedOrders()).toBe(0);
    });

    it('refuses anonymous callers and viewers, and stores nothing', async () => {
      expect(codeOf((await run(null, PLACE, { input: limitBuy() })).errors)).toBe('UNAUTHENTICATED');
      expect(codeOf((await run(viewer, PLACE, { input: limitBuy() })).errors)).toBe('FORBIDDEN');
      expect(await storedOrders()).toBe(0);
    });

    it("lets an admin place for another account, and a trader only for their own", async () => {
      const forBob = await place(admin, limitBuy({ account: 'u-bob' }));
      expect(forBob.account).toBe('u-bob');
      expect((await place(alice, limitBuy({ account: 'u-alice' }))).account).toBe('u-alice');
      expect(codeOf((await run(alice, PLACE, { input: limitBuy({ account: 'u-bob' }) })).errors)).toBe('FORBIDDEN');
      expect(await storedOrders()).toBe(2);
    });
  });

  describe('the risk check seam', () => {
    const rejection = (rule: RiskRejection['rule'], code: RiskRejection['code']): RiskRejection => ({
      rule, code, limit: '5000', actual: '6000', message: `${rule} refused`,
    });
    const riskCheck = (answer: (request: RiskCheckRequest) => Awaited<ReturnType<RiskCheck['check']>>) => {
      const requests: RiskCheckRequest[] = [];
      ports.risk = { check: async (request) => (requests.push(request), answer(request)) };
      return requests;
    };

    it('asks before writing, with the id the order then gets, and not again for a replay', async () => {
      const requests = riskCheck(() => ({ approved: true }));
      const input = limitBuy();
      const placed = await place(alice, input);
      await place(alice, input);
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ orderId: placed.id, order: { account: 'u-alice', symbol: 'PETR4', quantity: 100 }, instrument: { lotSize: 100 } });
    });

    it.each([
      ['MAX_ORDER_QUANTITY', 'RISK_REJECTED', 'RISK_REJECTED'],
      ['KILL_SWITCH', 'KILL_SWITCH_ACTIVE', 'KILL_SWITCH_ACTIVE'],
    ] as const)('turns a %s rejection into %s with rule, limit and actual, and writes nothing', async (rule, domainCode, code) => {
      riskCheck(() => ({ approved: false, rejection: rejection(rule, domainCode) }));
      const result = await run(alice, PLACE, { input: limitBuy() });
      expect(result.errors?.[0].extensions).toMatchObject({ code, rule, limit: '5000', actual: '6000' });
      expect(await storedOrders()).toBe(0);
    });
  });

  describe('reading orders', () => {
    it('pages through the caller’s own orders newest first, without gaps or duplicates', async () => {
      const mine: string[] = [];
      for (let i = 0; i < 7; i++) mine.unshift((await place(alice, limitBuy())).id);
      await place(bob, limitBuy());

      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const result = await run(alice, ORDERS, { first: 3, after });
        expect(result.errors).toBeUndefined();
        const { edges, pageInfo } = result.data!.orders;
        seen.push(...edges.map((e: { node: { id: string; account: string } }) => (expect(e.node.account).toBe('u-alice'), e.node.id)));
        expect(pageInfo).toMatchObject({ hasPreviousPage: false, startCursor: edges[0].cursor, endCursor: edges.at(-1).cursor });
        if (!pageInfo.hasNextPage) break;
        after = pageInfo.endCursor;
      }
      expect(seen).toEqual(mine);
    });

    it('filters by symbol (any case) and status', async () => {
      const win = await place(alice, limitBuy({ symbol: 'WINZ26', quantity: 1, price: '125000' }));
      await place(alice, limitBuy());
      const ids = async (filter: Record<string, unknown>) => (await run(alice, ORDERS, { filter })).data!.orders.edges.map((e: { node: { id: string } }) => e.node.id);
      expect(await ids({ symbol: 'winz26' })).toEqual([win.id]);
      expect(await ids({ status: 'FILLED' })).toEqual([]);
      expect(await ids({ status: 'PENDING' })).toHaveLength(2);
    });

    it('lets an admin list another account, and nobody else', async () => {
      const order = await place(alice, limitBuy());
      const asAdmin = await run(admin, ORDERS, { filter: { account: 'u-alice' } });
      expect(asAdmin.data!.orders.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([order.id]);
      expect(codeOf((await run(bob, ORDERS, { filter: { account: 'u-alice' } })).errors)).toBe('FORBIDDEN');
    });

    it.each([
      [{ first: 0 }, 'first'],
      [{ first: 201 }, 'first'],
      [{ after: 'not-a-cursor' }, 'after'],
      [{ after: Buffer.from('2026-03-02T13:00:00.000Z|not-a-uuid').toString('base64url') }, 'after'],
    ])('refuses page arguments %j as BAD_USER_INPUT on %s', async (variables, field) => {
      const result = await run(alice, ORDERS, variables);
      expect(codeOf(result.errors)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result.errors)?.map((f) => f.field)).toEqual([field]);
    });

    it('shows an order to its account and to admins, and answers ORDERS_NOT_FOUND to anyone else', async () => {
      const placed = await place(alice, limitBuy());
      const query = 'query($id: ID!) { order(id: $id) { id price } }';
      expect((await run(alice, query, { id: placed.id })).data?.order).toEqual({ id: placed.id, price: '38.5' });
      expect((await run(admin, query, { id: placed.id })).data?.order).toEqual({ id: placed.id, price: '38.5' });
      const other = await run(bob, query, { id: placed.id });
      expect(codeOf(other.errors)).toBe('ORDERS_NOT_FOUND');
      expect(other.data?.order).toBeNull();
      for (const id of ['no-such-order', '00000000-0000-4000-8000-000000000000', ' ']) {
        expect(codeOf((await run(alice, query, { id })).errors)).toBe('ORDERS_NOT_FOUND');
      }
    });

    it('keeps orders private from anonymous callers', async () => {
      expect(codeOf((await run(null, ORDERS)).errors)).toBe('UNAUTHENTICATED');
      expect(codeOf((await run(null, '{ order(id: "x") { id } }')).errors)).toBe('UNAUTHENTICATED');
    });

    it('resolves Order entities in one store call, and only those the viewer may see', async () => {
      const a = await place(alice, limitBuy());
      const b = await place(alice, limitBuy({ symbol: 'VALE3' }));
      const theirs = await place(bob, limitBuy());
      byIdsCalls = 0;
      const result = await run(alice, ENTITIES, {
        r: [{ __typename: 'Order', id: b.id }, { __typename: 'Order', id: theirs.id }, { __typename: 'Order', id: a.id }],
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toEqual([{ id: b.id, symbol: 'VALE3' }, null, { id: a.id, symbol: 'PETR4' }]);
      expect(byIdsCalls).toBe(1);
    });

    it('refuses entity resolution without a viewer', async () => {
      const a = await place(alice, limitBuy());
      expect(codeOf((await run(null, ENTITIES, { r: [{ __typename: 'Order', id: a.id }] })).errors)).toBe('UNAUTHENTICATED');
    });
  });
});
