import { runOperation, runSubscription, testContext, type Viewer } from '@b3/kit';
import { type Database, openTestDatabase, resetDatabase } from '@b3/prisma';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { createOrdersContext, type RiskServices } from '../src/context';
import { buildOrdersSchema } from '../src/schema';
import { KillSwitchService } from '../src/services/kill-switch.service';
import { OrderService } from '../src/services/order.service';
import { RiskService } from '../src/services/risk.service';
import { fixedPrices } from '../src/services/risk-inputs.port';
import { ALWAYS_OPEN_CALENDAR, RiskEngine, TradingCalendar } from '../src/domain/risk';
import { createPrismaOrderStore } from '../src/store/prisma-order.store';
import { createPrismaRiskStore } from '../src/store/prisma-risk.store';

const alice: Viewer = { id: 'u-alice', roles: ['trader'] };
const admin: Viewer = { id: 'u-admin', roles: ['admin'] };

type Errors = ReadonlyArray<{ extensions?: Record<string, unknown> }> | undefined;
const codeOf = (errors: Errors): unknown => errors?.[0]?.extensions?.code;
const fieldsOf = (errors: Errors) => (errors?.[0]?.extensions?.fields as Array<{ field: string }> | undefined)?.map((f) => f.field);

describe('risk schema', () => {
  let schema: GraphQLSchema;
  let db: Database;
  let orders: OrderService;
  let services: RiskServices;
  const ctx = (who: Viewer | null) => createOrdersContext(testContext(who), orders, services);
  const run = (who: Viewer | null, query: string, variables: Record<string, unknown> = {}) => runOperation<Record<string, any>>(schema, query, variables, ctx(who));

  beforeAll(async () => {
    schema = await buildOrdersSchema();
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    const orderStore = createPrismaOrderStore(db.prisma);
    const riskStore = createPrismaRiskStore(db.prisma);
    const killSwitch = new KillSwitchService(riskStore, orderStore);
    // The app's default rule set: the kill switch alone, so orders pass at any hour of the day.
    const risk = new RiskService(riskStore, () => killSwitch.state(), { rules: 'KILL_SWITCH' });
    services = { risk, killSwitch };
    orders = new OrderService(orderStore, { risk });
  });

  const ACTIVATE = 'mutation($r: String!) { activateKillSwitch(reason: $r) { active reason changedBy } }';
  const DEACTIVATE = 'mutation($r: String!) { deactivateKillSwitch(reason: $r) { active reason } }';
  const PLACE = 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id status } }';
  const market = (key: string) => ({ i: { symbol: 'PETR4', side: 'BUY', type: 'MARKET', quantity: 100, idempotencyKey: key } });

  it('lets only an admin switch it, with a 3–500 character reason, and refuses orders while on', async () => {
    expect((await run(alice, 'query { killSwitch { active } }')).data).toEqual({ killSwitch: { active: false } });
    expect(codeOf((await run(alice, ACTIVATE, { r: 'panic button' })).errors)).toBe('FORBIDDEN');
    const short = await run(admin, ACTIVATE, { r: 'no' });
    expect(codeOf(short.errors)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(short.errors)).toEqual(['reason']);

    expect((await run(admin, ACTIVATE, { r: 'exchange outage' })).data).toEqual({
      activateKillSwitch: { active: true, reason: 'exchange outage', changedBy: admin.id },
    });
    const refused = await run(alice, PLACE, market('ks-order-0001'));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'KILL_SWITCH_ACTIVE', rule: 'KILL_SWITCH', limit: 'inactive', actual: 'active' });

    expect(codeOf((await run(alice, DEACTIVATE, { r: 'back to work' })).errors)).toBe('FORBIDDEN');
    expect((await run(admin, DEACTIVATE, { r: 'outage over' })).data).toEqual({ deactivateKillSwitch: { active: false, reason: 'outage over' } });
    expect((await run(alice, PLACE, market('ks-order-0002'))).data).toMatchObject({ placeOrder: { status: 'PENDING' } });
  });

  it('streams the current state, then each change', async () => {
    const stream = (await runSubscription(schema, 'subscription { killSwitch { active reason } }', {}, ctx(alice))) as AsyncIterableIterator<ExecutionResult>;
    expect((await stream.next()).value).toEqual({ data: { killSwitch: { active: false, reason: null } } });
    await run(admin, ACTIVATE, { r: 'drill' });
    expect((await stream.next()).value).toEqual({ data: { killSwitch: { active: true, reason: 'drill' } } });
    await stream.return!();
  });

  it('edits limits as admin only, names invalid fields, and keeps the history', async () => {
    const SET = 'mutation($a: String!, $i: RiskLimitsInput!, $r: String!) { setRiskLimits(account: $a, input: $i, reason: $r) { maxOrderQuantity dailyLossLimit } }';
    expect(codeOf((await run(alice, SET, { a: alice.id, i: { maxOrderQuantity: 10 }, r: 'more room' })).errors)).toBe('FORBIDDEN');
    const invalid = await run(admin, SET, { a: alice.id, i: { dailyLossLimit: '99.99' }, r: 'typo' });
    expect(codeOf(invalid.errors)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(invalid.errors)).toEqual(['dailyLossLimit']);
    expect((await run(admin, SET, { a: alice.id, i: { maxOrderQuantity: 200, dailyLossLimit: null }, r: 'new desk' })).data).toEqual({
      setRiskLimits: { maxOrderQuantity: 200, dailyLossLimit: '10000' },
    });
    expect((await run(alice, 'query { riskLimits { maxOrderQuantity } }')).data).toEqual({ riskLimits: { maxOrderQuantity: 200 } });
    expect(codeOf((await run(alice, 'query { riskLimits(account: "u-bob") { maxOrderQuantity } }')).errors)).toBe('FORBIDDEN');
    expect((await run(admin, `query { riskLimitsHistory(account: "${alice.id}") { reason changedBy before { maxOrderQuantity } after { maxOrderQuantity } } }`)).data).toEqual({
      riskLimitsHistory: [{ reason: 'new desk', changedBy: admin.id, before: null, after: { maxOrderQuantity: 200 } }],
    });
  });

  it('previews every rule for an order being considered, recording nothing, for the own account only', async () => {
    const riskStore = createPrismaRiskStore(db.prisma);
    const risk = new RiskService(riskStore, () => services.killSwitch.state(), {
      rules: 'ALL',
      prices: fixedPrices({ PETR4: '38.50' }),
      engine: new RiskEngine({ calendar: new TradingCalendar(ALWAYS_OPEN_CALENDAR) }),
    });
    services = { ...services, risk };
    await risk.setRiskLimits(admin, alice.id, { maxOrderQuantity: 500, maxOrdersPerSecond: 1 }, 'small account for the preview');
    const PREVIEW = 'query($i: RiskPreviewInput!) { riskPreview(input: $i) { approved checks { rule passed limit actual message } } }';
    const big = await run(alice, PREVIEW, { i: { symbol: 'PETR4', side: 'BUY', type: 'LIMIT', quantity: 1000, price: '45.00' } });
    expect(big.data!.riskPreview.approved).toBe(false);
    const failed = big.data!.riskPreview.checks.filter((c: { passed: boolean }) => !c.passed).map((c: { rule: string; limit: string; actual: string }) => [c.rule, c.limit, c.actual]);
    // not stopped at the first failure: both the quantity and the price band are reported
    expect(failed).toEqual([['MAX_ORDER_QUANTITY', '500', '1000'], ['PRICE_BAND', expect.any(String), '45']]);
    expect(big.data!.riskPreview.checks).toHaveLength(8);
    // previews do not count towards the 1-per-second throttle, and leave no audit row
    for (let i = 0; i < 3; i++) {
      expect((await run(alice, PREVIEW, { i: { symbol: 'PETR4', side: 'BUY', type: 'LIMIT', quantity: 100, price: '38.50' } })).data!.riskPreview.approved).toBe(true);
    }
    expect(await db.prisma.riskDecision.count()).toBe(0);
    expect(codeOf((await run(alice, PREVIEW, { i: { account: 'u-bob', symbol: 'PETR4', side: 'BUY', type: 'MARKET', quantity: 100 } })).errors)).toBe('FORBIDDEN');
    expect(fieldsOf((await run(alice, PREVIEW, { i: { symbol: 'PETR4', side: 'BUY', type: 'LIMIT', quantity: 150, price: '38.505' } })).errors)).toEqual(['quantity', 'price']);
  });

  it("streams risk decisions on the caller's account", async () => {
    const stream = (await runSubscription(schema, 'subscription { riskEvents { orderId approved rule symbol } }', {}, ctx(alice))) as AsyncIterableIterator<ExecutionResult>;
    const next = stream.next();
    const placed = await run(alice, PLACE, market('ks-order-0003'));
    expect((await next).value).toEqual({ data: { riskEvents: { orderId: placed.data!.placeOrder.id, approved: true, rule: null, symbol: 'PETR4' } } });
    await stream.return!();
  });
});
