import { runOperation, runSubscription, testContext, type Viewer } from '@b3/kit';
import { type Database, openTestDatabase, resetDatabase } from '@b3/prisma';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { createAgentsContext } from '../src/context';
import type { Recommendation } from '../src/domain/recommendation';
import { buildAgentsSchema } from '../src/schema';
import { createPrismaRecommendationStore } from '../src/store/prisma-recommendation.store';
import { tradeSignal } from './builders';
import { agentsWithFakes } from './harness';

const trader: Viewer = { id: 'demo-trader', roles: ['trader'] };
const otherTrader: Viewer = { id: 'u-other', roles: ['trader'] };
const viewer: Viewer = { id: 'demo-viewer', roles: ['viewer'] };
const admin: Viewer = { id: 'demo-admin', roles: ['admin'] };

const SESSION = 'query($at: DateTimeISO) { marketSession(at: $at) { phase at opensAt closesAt timezone } }';
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticker { symbol analysis(interval: M1) { symbol interval direction confidence confidenceLabel price reasons candles indicators { rsi macd ema9 vwap atr } commentary } } } }';
const ORCHESTRATE = 'mutation($id: ID!, $account: String) { orchestrate(signalId: $id, account: $account) { id account action suggestedQuantity trigger requestedBy signal { id } ticker { symbol } analysis { direction confidenceLabel } assessment { approved riskLevel quantity rules { rule passed } } commentary } }';
const VALIDATE = `mutation($input: ValidateTradeInput!) { validateTrade(input: $input) {
  account symbol side quantity price stopPrice stopDistance riskLevel approved reasons
  checks { dailyLoss { passed limit actual } positionSize { passed limit actual } tradingHours { passed } volatility { passed limit actual message } }
  rules { rule passed } } }`;
const LIST = 'query($filter: RecommendationFilter, $first: Int, $after: String) { recommendations(filter: $filter, first: $first, after: $after) { edges { cursor node { id account symbol } } pageInfo { hasNextPage endCursor } } }';

type Data = Record<string, unknown>;

describe('agents schema', () => {
  let schema: GraphQLSchema;
  let db: Database;
  let agents: ReturnType<typeof agentsWithFakes>;
  let now: Date;
  const run = <T = Data>(query: string, variables: Data = {}, who: Viewer | null = null) => runOperation<T>(schema, query, variables, createAgentsContext(testContext(who), agents.services));
  const code = (result: ExecutionResult) => result.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    schema = await buildAgentsSchema();
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    now = new Date('2026-11-26T14:00:00Z');
    agents = agentsWithFakes({ store: createPrismaRecommendationStore(db.prisma), clock: () => now });
    agents.feed.signals.push(tradeSignal(), tradeSignal({ id: '7f1c1f0e-8a0b-4c59-9d7e-2b7a2f1d0002', asset: 'VALE3', entryMin: '60', entryMax: '60', stop: '58' }));
  });

  describe('market session', () => {
    it('tells the phase at a given instant, anonymously', async () => {
      const result = await run(SESSION, { at: '2026-11-26T19:56:00Z' });
      expect(result.errors).toBeUndefined();
      expect(result.data?.marketSession).toEqual({
        phase: 'CLOSING_CALL',
        at: '2026-11-26T19:56:00.000Z',
        opensAt: '2026-11-26T13:00:00.000Z',
        closesAt: '2026-11-26T20:00:00.000Z',
        timezone: 'America/Sao_Paulo',
      });
    });

    it('uses the current time when no instant is given', async () => {
      now = new Date('2026-11-26T14:30:00Z');
      const result = await run('{ marketSession { phase at } }');
      expect(result.data?.marketSession).toEqual({ phase: 'OPEN', at: '2026-11-26T14:30:00.000Z' });
    });

    it('accepts an instant written with a local offset, and rejects one that is not an instant', async () => {
      expect((await run(SESSION, { at: '2026-11-26T09:50:00-03:00' })).data?.marketSession).toMatchObject({ phase: 'PRE_OPENING', at: '2026-11-26T12:50:00.000Z' });
      const bad = await run(SESSION, { at: 'tomorrow' });
      expect(bad.errors).toHaveLength(1);
      expect(bad.data).toBeUndefined();
    });
  });

  describe('Ticker.analysis (federation)', () => {
    it('resolves analysis on Ticker references in one market call, for any signed-in user', async () => {
      const result = await run<{ _entities: Array<Data> }>(ENTITIES, { r: [{ __typename: 'Ticker', symbol: 'PETR4' }, { __typename: 'Ticker', symbol: 'VALE3' }] }, viewer);
      expect(result.errors).toBeUndefined();
      const [petr, vale] = result.data!._entities;
      expect(petr).toMatchObject({ symbol: 'PETR4', analysis: { symbol: 'PETR4', interval: 'M1', direction: 'BUY', confidence: 1, confidenceLabel: 'HIGH', price: '37.9', candles: 80, commentary: null } });
      expect((petr.analysis as { reasons: string[] }).reasons).toHaveLength(6);
      expect((petr.analysis as { indicators: Data }).indicators).toMatchObject({ rsi: '100', macd: '0.7', ema9: '37.5', atr: '0.3' });
      expect(vale).toMatchObject({ analysis: { direction: 'HOLD' } });
      expect(agents.market.calls).toHaveLength(1);
    });

    it('needs a signed-in user, and fails only the field of an unknown symbol', async () => {
      expect(code(await run(ENTITIES, { r: [{ __typename: 'Ticker', symbol: 'PETR4' }] }))).toBe('UNAUTHENTICATED');
      const partial = await run<{ _entities: Array<Data> }>(ENTITIES, { r: [{ __typename: 'Ticker', symbol: 'PETR4' }, { __typename: 'Ticker', symbol: 'NOPE3' }] }, viewer);
      expect(partial.data!._entities[0]).toMatchObject({ analysis: { direction: 'BUY' } });
      expect(partial.data!._entities[1]).toMatchObject({ symbol: 'NOPE3', analysis: null });
      expect(code(partial)).toBe('AGENTS_UNKNOWN_SYMBOL');
    });
  });

  describe('on-demand runs', () => {
    it('analyze: traders may, viewers may not', async () => {
      expect(code(await run('mutation { analyze(symbol: "PETR4") { direction } }', {}, viewer))).toBe('FORBIDDEN');
      const result = await run('mutation { analyze(symbol: "petr4", interval: M15) { symbol interval direction confidenceLabel } }', {}, trader);
      expect(result.data?.analyze).toEqual({ symbol: 'PETR4', interval: 'M15', direction: 'BUY', confidenceLabel: 'HIGH' });
    });

    it("validateTrade asks orders for the caller's own account and reports every check", async () => {
      const input = { symbol: 'PETR4', side: 'BUY', quantity: 100, price: '38.50', stopPrice: '37' };
      const result = await run<{ validateTrade: Data }>(VALIDATE, { input }, trader);
      expect(result.errors).toBeUndefined();
      expect(result.data!.validateTrade).toMatchObject({
        account: 'demo-trader',
        symbol: 'PETR4',
        side: 'BUY',
        quantity: 100,
        price: '38.5',
        stopPrice: '37',
        stopDistance: '1.5',
        riskLevel: 'LOW',
        approved: true,
        checks: { dailyLoss: { passed: true, limit: '10000', actual: '0' }, positionSize: { passed: true }, tradingHours: { passed: true }, volatility: { passed: true, limit: '0.3', actual: '1.5' } },
      });
      expect((result.data!.validateTrade.rules as unknown[]).length).toBe(8);
      expect(agents.desk.calls[0]).toEqual({ account: 'demo-trader', order: { symbol: 'PETR4', side: 'BUY', quantity: 100, price: '38.5' } });
    });

    it('validateTrade for another account: only an admin; bad input names the fields', async () => {
      const input = { account: 'someone-else', symbol: 'PETR4', side: 'BUY', quantity: 100, price: '38.5' };
      expect(code(await run(VALIDATE, { input }, trader))).toBe('FORBIDDEN');
      expect((await run<{ validateTrade: Data }>(VALIDATE, { input }, admin)).data!.validateTrade).toMatchObject({ account: 'someone-else' });
      const bad = await run(VALIDATE, { input: { symbol: 'PETR4', side: 'SELL', quantity: -1, price: '38.5', stopPrice: '38' } }, trader);
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'quantity' }), expect.objectContaining({ field: 'stopPrice', rule: 'WRONG_SIDE' })] });
    });

    it('orchestrate stores and returns a recommendation for the caller; an unknown signal is AGENTS_SIGNAL_NOT_FOUND', async () => {
      const result = await run<{ orchestrate: Data }>(ORCHESTRATE, { id: tradeSignal().id }, trader);
      expect(result.errors).toBeUndefined();
      expect(result.data!.orchestrate).toMatchObject({
        account: 'demo-trader',
        action: 'TAKE',
        suggestedQuantity: 600,
        trigger: 'ON_DEMAND',
        requestedBy: 'demo-trader',
        signal: { id: tradeSignal().id },
        ticker: { symbol: 'PETR4' },
        analysis: { direction: 'BUY', confidenceLabel: 'HIGH' },
        assessment: { approved: true, riskLevel: 'LOW', quantity: 600 },
        commentary: null,
      });
      expect(code(await run(ORCHESTRATE, { id: '00000000-0000-4000-8000-000000000000' }, trader))).toBe('AGENTS_SIGNAL_NOT_FOUND');
      expect(code(await run(ORCHESTRATE, { id: tradeSignal().id }, viewer))).toBe('FORBIDDEN');
      expect(code(await run(ORCHESTRATE, { id: tradeSignal().id, account: 'u-other' }, trader))).toBe('FORBIDDEN');
    });
  });

  describe('decision history', () => {
    const orchestrateAs = async (who: Viewer, id = tradeSignal().id) => {
      const r = await run<{ orchestrate: { id: string } }>(ORCHESTRATE, { id }, who);
      expect(r.errors).toBeUndefined();
      now = new Date(now.getTime() + 1_000);
      return r.data!.orchestrate.id;
    };

    it('keeps every decision exactly as made (decimals as text, instants in UTC)', async () => {
      const expected = await agents.services.analysis.analyze('PETR4', 'M5');
      const id = await orchestrateAs(trader);
      const stored = (await agents.store.byId(id as Recommendation['id']))!;
      expect(stored.analysis).toEqual(expected);
      expect(stored.assessment.proposal).toEqual({ account: 'demo-trader', symbol: 'PETR4', side: 'BUY', quantity: 600, price: '38.5', stopPrice: '37' });
      expect(stored.createdAt.toISOString()).toBe('2026-11-26T14:00:00.000Z');
      const [row] = await db.prisma.$queryRaw<Array<{ confidence: string; price: string }>>`SELECT confidence::text, price::text FROM agent_recommendations`;
      expect(row).toEqual({ confidence: '1.0000', price: '37.9000' });
    });

    it('pages newest first with opaque cursors, and checks its arguments', async () => {
      const ids = [await orchestrateAs(trader), await orchestrateAs(trader, '7f1c1f0e-8a0b-4c59-9d7e-2b7a2f1d0002'), await orchestrateAs(trader)];
      const page1 = await run<{ recommendations: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(LIST, { first: 2 }, trader);
      expect(page1.data!.recommendations.edges.map((e) => e.node.id)).toEqual([ids[2], ids[1]]);
      expect(page1.data!.recommendations.pageInfo.hasNextPage).toBe(true);
      const page2 = await run<{ recommendations: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean } } }>(LIST, { first: 2, after: page1.data!.recommendations.pageInfo.endCursor }, trader);
      expect(page2.data!.recommendations.edges.map((e) => e.node.id)).toEqual([ids[0]]);
      expect(page2.data!.recommendations.pageInfo.hasNextPage).toBe(false);
      const vale = await run<{ recommendations: { edges: Array<{ node: { symbol: string } }> } }>(LIST, { filter: { symbol: 'vale3' } }, trader);
      expect(vale.data!.recommendations.edges.map((e) => e.node.symbol)).toEqual(['VALE3']);
      expect((await run(LIST, { first: 0 }, trader)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect((await run(LIST, { after: 'bm9wZQ' }, trader)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it("is private to its account: others see none of it, an admin sees every account's", async () => {
      const mine = await orchestrateAs(trader);
      await orchestrateAs(otherTrader);
      const accounts = async (who: Viewer, filter: Data = {}) =>
        (await run<{ recommendations: { edges: Array<{ node: { account: string } }> } }>(LIST, { filter }, who)).data?.recommendations.edges.map((e) => e.node.account);
      expect(await accounts(trader)).toEqual(['demo-trader']);
      expect(await accounts(viewer)).toEqual([]);
      expect(await accounts(admin)).toEqual(['u-other', 'demo-trader']);
      expect(await accounts(admin, { account: 'u-other' })).toEqual(['u-other']);
      expect(code(await run(LIST, { filter: { account: 'u-other' } }, trader))).toBe('FORBIDDEN');
      expect((await run<{ recommendation: Data | null }>('query($id: ID!) { recommendation(id: $id) { id } }', { id: mine }, otherTrader)).data!.recommendation).toBeNull();
      expect((await run<{ recommendation: Data | null }>('query($id: ID!) { recommendation(id: $id) { id } }', { id: mine }, trader)).data!.recommendation).toEqual({ id: mine });
      expect(code(await run(LIST, {}, null))).toBe('UNAUTHENTICATED');
    });

    it('extends Signal: its newest recommendation and assessment for the account, batched', async () => {
      await orchestrateAs(trader);
      const latest = await orchestrateAs(trader);
      const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Signal { id recommendation { id action } assessment { approved riskLevel } } } }';
      const r = await run<{ _entities: Data[] }>(query, { r: [{ __typename: 'Signal', id: tradeSignal().id }, { __typename: 'Signal', id: 'no-recommendation-yet' }] }, trader);
      expect(r.errors).toBeUndefined();
      expect(r.data!._entities).toEqual([
        { id: tradeSignal().id, recommendation: { id: latest, action: 'TAKE' }, assessment: { approved: true, riskLevel: 'LOW' } },
        { id: 'no-recommendation-yet', recommendation: null, assessment: null },
      ]);
      // another account has no recommendation on it
      const other = await run<{ _entities: Data[] }>(query, { r: [{ __typename: 'Signal', id: tradeSignal().id }] }, otherTrader);
      expect(other.data!._entities[0]).toMatchObject({ recommendation: null });
    });

    it("publishes each new recommendation on recommendationCreated, to its account's subscribers", async () => {
      const subscribe = (who: Viewer) =>
        runSubscription<{ recommendationCreated: Data }>(schema, 'subscription { recommendationCreated { account action signal { id } } }', {}, createAgentsContext(testContext(who), agents.services));
      const mine = (await subscribe(trader)) as AsyncIterableIterator<ExecutionResult<{ recommendationCreated: Data }>>;
      const others = (await subscribe(otherTrader)) as AsyncIterableIterator<ExecutionResult<{ recommendationCreated: Data }>>;
      const next = mine.next();
      // an automatic run (the feed's new signal) for the configured account, demo-trader
      agents.services.orchestrator.start();
      agents.feed.emit(tradeSignal({ id: '7f1c1f0e-8a0b-4c59-9d7e-2b7a2f1d0003' }));
      await agents.services.orchestrator.settled();
      expect((await next).value.data.recommendationCreated).toEqual({ account: 'demo-trader', action: 'TAKE', signal: { id: '7f1c1f0e-8a0b-4c59-9d7e-2b7a2f1d0003' } });
      const nothing = await Promise.race([others.next(), new Promise((r) => setTimeout(() => r('nothing'), 50))]);
      expect(nothing).toBe('nothing');
      await mine.return?.();
      await others.return?.();
      await agents.services.orchestrator.close();
      expect(agents.events.subscribers).toBe(0);
      const anonymous = await runSubscription(schema, 'subscription { recommendationCreated { id } }', {}, createAgentsContext(testContext(null), agents.services));
      expect((anonymous as ExecutionResult).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});
