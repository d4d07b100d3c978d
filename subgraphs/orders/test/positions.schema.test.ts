import { runOperation, runSubscription, testContext, type Viewer } from '@b3/kit';
import { type Database, openTestDatabase, resetDatabase } from '@b3/prisma';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { createOrdersContext, type RiskServices } from '../src/context';
import { dailyLoss } from '../src/domain/risk';
import { buildOrdersSchema } from '../src/schema';
import { KillSwitchService } from '../src/services/kill-switch.service';
import { MarketMarks } from '../src/services/market-marks';
import { OrderService } from '../src/services/order.service';
import { PositionService } from '../src/services/position.service';
import { RiskService } from '../src/services/risk.service';
import { createPrismaOrderStore } from '../src/store/prisma-order.store';
import { createPrismaPositionStore } from '../src/store/prisma-position.store';
import { createPrismaRiskStore } from '../src/store/prisma-risk.store';
import { orderWithFills } from './fills.fixture';

const alice: Viewer = { id: 'u-alice', roles: ['trader'] };
const bob: Viewer = { id: 'u-bob', roles: ['trader'] };
const viewer: Viewer = { id: 'u-viewer', roles: ['viewer'] };
const admin: Viewer = { id: 'u-admin', roles: ['admin'] };

/** 12:00 in São Paulo on 2 March 2026; the fixtures' fills are at 10:00 the same day. */
const NOON = new Date('2026-03-02T15:00:00.000Z');

const POSITIONS = `query($a: String) { positions(account: $a) {
  account symbol ticker { symbol } netQuantity side averagePrice realizedPnl realizedToday unrealizedPnl dailyPnl mark markSource sessionDate } }`;
const PNL = 'query($a: String) { pnl(account: $a) { account sessionDate currency realizedToday unrealized unrealizedChange daily } }';
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticker { symbol position { account netQuantity averagePrice } } } }';

type Errors = ReadonlyArray<{ extensions?: Record<string, unknown> }> | undefined;
const codeOf = (errors: Errors): unknown => errors?.[0]?.extensions?.code;
const trade = (symbol: string, price: string, tradeNumber = 1) => [{ symbol, price, quantity: 100, tradeNumber, time: '2026-03-02T14:59:00.000Z' }];

describe('positions schema', () => {
  let schema: GraphQLSchema;
  let db: Database;
  let orders: OrderService;
  let services: RiskServices;
  let marks: MarketMarks;
  let positions: PositionService;
  /** Every auto-trip attempt, so a test can wait for the kill switch to finish. */
  let trips: Promise<unknown>[];

  const ctx = (who: Viewer | null) => createOrdersContext(testContext(who), orders, services, positions);
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
    const clock = () => NOON;
    marks = new MarketMarks({ clock });
    trips = [];
    // wired as app.ts wires it: the account's P&L goes to the kill switch's daily-loss trip
    positions = new PositionService(createPrismaPositionStore(db.prisma), marks, {
      clock,
      onAccountPnl: (account, pnl) => {
        const trip = dailyLoss(pnl) === '0' ? Promise.resolve(null) : risk.limitsOf(account).then((limits) => killSwitch.tripIfBreached(account, pnl, limits));
        trips.push(trip);
        return trip.then(() => undefined);
      },
    });
    const risk = new RiskService(riskStore, () => killSwitch.state(), { rules: 'KILL_SWITCH', pnl: positions, prices: marks, clock });
    services = { risk, killSwitch };
    orders = new OrderService(orderStore, { risk });
  });
  afterEach(() => {
    positions.close();
  });

  /** buy 100 @ 10 and 100 @ 11, sell 150 @ 12: 50 left at an average of 10.50, 225 realized. */
  const aliceTrades = async () => {
    await orderWithFills(db, { account: 'u-alice', symbol: 'PETR4', side: 'BUY' }, [
      { quantity: 100, price: '10.00' },
      { quantity: 100, price: '11.00', time: '2026-03-02T13:01:00.000Z' },
    ]);
    await orderWithFills(db, { account: 'u-alice', symbol: 'PETR4', side: 'SELL' }, [{ quantity: 150, price: '12.00', time: '2026-03-02T13:02:00.000Z' }]);
  };

  it('shows positions and P&L by the average-price method, marked at the last trade', async () => {
    await aliceTrades();
    marks.ingestTrades(trade('PETR4', '12.50'));

    expect((await run(alice, POSITIONS)).data).toEqual({
      positions: [
        {
          account: 'u-alice', symbol: 'PETR4', ticker: { symbol: 'PETR4' }, netQuantity: 50, side: 'LONG', averagePrice: '10.5',
          // (12 − 10.50) × 150 realized; (12.50 − 10.50) × 50 unrealized; all of it today
          realizedPnl: '225.00', realizedToday: '225.00', unrealizedPnl: '100.00', dailyPnl: '325.00',
          mark: '12.5', markSource: 'LAST_TRADE', sessionDate: '2026-03-02',
        },
      ],
    });
    expect((await run(alice, PNL)).data).toEqual({
      pnl: { account: 'u-alice', sessionDate: '2026-03-02', currency: 'BRL', realizedToday: '225.00', unrealized: '100.00', unrealizedChange: '100.00', daily: '325.00' },
    });
    // the risk engine sees the same numbers through PnlSource
    expect(await positions.accountPnl('u-alice')).toEqual({ realizedToday: '225.00', unrealized: '100.00' });
    expect(await positions.position('u-alice', 'PETR4')).toBe(50);
  });

  it('streams the current positions, then each refresh after new fills', async () => {
    await aliceTrades();
    const stream = (await runSubscription(schema, 'subscription { positions { symbol netQuantity realizedToday } }', {}, ctx(alice))) as AsyncIterableIterator<ExecutionResult>;
    expect((await stream.next()).value).toEqual({ data: { positions: { symbol: 'PETR4', netQuantity: 50, realizedToday: '225.00' } } });

    await orderWithFills(db, { account: 'u-alice', symbol: 'PETR4', side: 'SELL' }, [{ quantity: 50, price: '9.50', time: '2026-03-02T14:00:00.000Z' }]);
    await positions.refresh('u-alice', 'PETR4');
    // closing the 50 at 9.50: (9.50 − 10.50) × 50 = −50, so 175 for the day
    expect((await stream.next()).value).toEqual({ data: { positions: { symbol: 'PETR4', netQuantity: 0, realizedToday: '175.00' } } });
    await stream.return!();
  });

  it("resolves Ticker.position through _entities for the caller's own account, null when signed out", async () => {
    await aliceTrades();
    await orderWithFills(db, { account: 'u-bob', symbol: 'VALE3', side: 'BUY' }, [{ quantity: 100, price: '60' }]);
    const representations = { r: [{ __typename: 'Ticker', symbol: 'PETR4' }, { __typename: 'Ticker', symbol: 'VALE3' }] };

    const mine = await run(alice, ENTITIES, representations);
    expect(mine.errors).toBeUndefined();
    expect(mine.data?._entities).toEqual([
      { symbol: 'PETR4', position: { account: 'u-alice', netQuantity: 50, averagePrice: '10.5' } },
      { symbol: 'VALE3', position: null },
    ]);
    expect((await run(bob, ENTITIES, representations)).data?._entities).toEqual([
      { symbol: 'PETR4', position: null },
      { symbol: 'VALE3', position: { account: 'u-bob', netQuantity: 100, averagePrice: '60' } },
    ]);
    const anonymous = await run(null, ENTITIES, representations);
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data?._entities).toEqual([
      { symbol: 'PETR4', position: null },
      { symbol: 'VALE3', position: null },
    ]);
  });

  it('trips the kill switch once the day loses more than the limit as the market falls', async () => {
    await orderWithFills(db, { account: 'u-alice', symbol: 'PETR4', side: 'BUY' }, [{ quantity: 1000, price: '40' }]);
    marks.ingestTrades(trade('PETR4', '35', 1));
    expect((await run(alice, PNL)).data?.pnl.daily).toBe('-5000.00');
    await Promise.all(trips);
    expect((await run(alice, 'query { killSwitch { active } }')).data).toEqual({ killSwitch: { active: false } });

    // 1,000 × (29.50 − 40) = −10,500: past the default daily loss limit of 10,000
    marks.ingestTrades(trade('PETR4', '29.50', 2));
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(trips);
    expect((await run(alice, 'query { killSwitch { active changedBy reason } }')).data).toEqual({
      killSwitch: { active: true, changedBy: 'DAILY_LOSS', reason: 'Account u-alice lost 10500 BRL today; its daily loss limit is 10000' },
    });
  });

  it('refuses anonymous callers', async () => {
    expect(codeOf((await run(null, POSITIONS)).errors)).toBe('UNAUTHENTICATED');
    expect(codeOf((await run(null, PNL)).errors)).toBe('UNAUTHENTICATED');
    const subscription = (await runSubscription(schema, 'subscription { positions { symbol } }', {}, ctx(null))) as ExecutionResult;
    expect(codeOf(subscription.errors)).toBe('UNAUTHENTICATED');
  });

  it("lets a viewer read their own positions and nobody else's; an admin may name an account", async () => {
    await aliceTrades();
    await orderWithFills(db, { account: 'u-viewer', symbol: 'VALE3', side: 'BUY' }, [{ quantity: 100, price: '60' }]);

    expect((await run(viewer, POSITIONS)).data?.positions.map((p: { symbol: string }) => p.symbol)).toEqual(['VALE3']);
    expect((await run(viewer, PNL)).data?.pnl.account).toBe('u-viewer');
    expect(codeOf((await run(viewer, POSITIONS, { a: 'u-alice' })).errors)).toBe('FORBIDDEN');
    expect(codeOf((await run(viewer, PNL, { a: 'u-alice' })).errors)).toBe('FORBIDDEN');
    const subscription = (await runSubscription(schema, 'subscription { positions(account: "u-alice") { symbol } }', {}, ctx(viewer))) as ExecutionResult;
    expect(codeOf(subscription.errors)).toBe('FORBIDDEN');

    expect((await run(admin, POSITIONS, { a: 'u-alice' })).data?.positions.map((p: { symbol: string }) => p.symbol)).toEqual(['PETR4']);
    expect((await run(admin, PNL, { a: 'u-alice' })).data?.pnl.realizedToday).toBe('225.00');
  });
});
