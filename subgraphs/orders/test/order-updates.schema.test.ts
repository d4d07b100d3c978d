import { runOperation, runSubscription, testContext, type Viewer } from '@b3/kit';
import type { ExecutionResult } from 'graphql';
import { createOrdersContext } from '../src/context';
import { buildOrdersSchema } from '../src/schema';
import { OrderService } from '../src/services/order.service';
import { createFakeOrderStore } from './fake-order.store';

const alice: Viewer = { id: 'u-alice', roles: ['trader'] };
const bob: Viewer = { id: 'u-bob', roles: ['trader'] };
const PLACE = 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }';
const UPDATES = 'subscription { orderUpdates { symbol status ticker { symbol } } }';

describe('orderUpdates', () => {
  it("streams each of the caller's own orders as it changes, and nobody else's", async () => {
    const schema = await buildOrdersSchema();
    const orders = new OrderService(createFakeOrderStore());
    const stream = (await runSubscription(schema, UPDATES, {}, createOrdersContext(testContext(alice), orders))) as AsyncIterableIterator<ExecutionResult>;
    const first = stream.next();
    await runOperation(schema, PLACE, { input: { symbol: 'PETR4', side: 'BUY', type: 'MARKET', quantity: 100 } }, createOrdersContext(testContext(bob), orders));
    await runOperation(schema, PLACE, { input: { symbol: 'WINZ26', side: 'SELL', type: 'MARKET', quantity: 1 } }, createOrdersContext(testContext(alice), orders));
    expect((await first).value).toEqual({ data: { orderUpdates: { symbol: 'WINZ26', status: 'PENDING_NEW', ticker: { symbol: 'WINZ26' } } } });
    await stream.return!();
  });

  it('refuses anonymous subscribers', async () => {
    const schema = await buildOrdersSchema();
    const result = (await runSubscription(schema, UPDATES, {}, createOrdersContext(testContext(null), new OrderService(createFakeOrderStore())))) as ExecutionResult;
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
