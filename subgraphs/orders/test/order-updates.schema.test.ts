import { runOperation, runSubscription, testContext, type Viewer } from '@b3/kit';
import { type Database, openTestDatabase, resetDatabase } from '@b3/prisma';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { createOrdersContext } from '../src/context';
import { buildOrdersSchema } from '../src/schema';
import { OrderService } from '../src/services/order.service';
import { createPrismaOrderStore } from '../src/store/prisma-order.store';

const alice: Viewer = { id: 'u-alice', roles: ['trader'] };
const bob: Viewer = { id: 'u-bob', roles: ['trader'] };
const PLACE = 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }';
const UPDATES = 'subscription { orderUpdates { id symbol status version ticker { symbol } } }';

describe('orderUpdates', () => {
  let schema: GraphQLSchema;
  let db: Database;
  let orders: OrderService;
  const place = (who: Viewer, input: Record<string, unknown>) => runOperation<{ placeOrder: { id: string } }>(schema, PLACE, { input }, createOrdersContext(testContext(who), orders));
  const subscribe = async (who: Viewer | null) => runSubscription(schema, UPDATES, {}, createOrdersContext(testContext(who), orders));

  beforeAll(async () => {
    schema = await buildOrdersSchema();
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    orders = new OrderService(createPrismaOrderStore(db.prisma));
  });

  it("streams each of the caller's own new orders, and nobody else's, and nothing for an idempotent replay", async () => {
    const stream = (await subscribe(alice)) as AsyncIterableIterator<ExecutionResult>;
    const first = stream.next();
    await place(bob, { symbol: 'PETR4', side: 'BUY', type: 'MARKET', quantity: 100, idempotencyKey: 'bob-order-1' });
    const win = { symbol: 'WINZ26', side: 'SELL', type: 'MARKET', quantity: 1, idempotencyKey: 'alice-order-1' };
    const placed = await place(alice, win);
    await place(alice, win); // the same key again: no new order, so no update
    await place(alice, { symbol: 'VALE3', side: 'BUY', type: 'MARKET', quantity: 100, idempotencyKey: 'alice-order-2' });

    expect((await first).value).toEqual({
      data: { orderUpdates: { id: placed.data!.placeOrder.id, symbol: 'WINZ26', status: 'PENDING', version: 1, ticker: { symbol: 'WINZ26' } } },
    });
    expect(((await stream.next()).value as ExecutionResult).data).toMatchObject({ orderUpdates: { symbol: 'VALE3' } });
    await stream.return!();
  });

  it('refuses anonymous subscribers', async () => {
    const result = (await subscribe(null)) as ExecutionResult;
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
