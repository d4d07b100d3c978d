import { runOperation } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import { buildMarketSchema } from '../src/schema';
import { importSampleData } from '../src/services/sample-data';
import { openDuckDbTickStore } from '../src/store/duckdb-tick.store';
import type { TickStore } from '../src/store/tick.store';
import { createMarketFixture, type MarketFixture } from './market-fixture';

/** The composed market schema over the bundled sample files, as `npm start` serves it. */
describe('market reference data and gamma levels on the sample files', () => {
  let schema: GraphQLSchema;
  let store: TickStore;
  let fixture: MarketFixture;

  beforeAll(async () => {
    schema = await buildMarketSchema();
    store = await openDuckDbTickStore(':memory:');
    fixture = await createMarketFixture(store);
    await importSampleData(fixture.b3Import);
  });
  afterAll(async () => {
    await fixture.close();
    await store.close();
  });

  const run = (query: string) => runOperation(schema, query, {}, fixture.ctx());

  it('computes gamma levels of the sample BOVA11 chain with walls on listed strikes and a flip inside the grid', async () => {
    const result = await run('{ gammaLevels(underlying: "BOVA11") { underlying underlyingPrice callWall putWall gammaFlip totalGex strikes { strike } profile { price netGex } } }');
    expect(result.errors).toBeUndefined();
    const levels = result.data?.gammaLevels as {
      underlyingPrice: string; callWall: string; putWall: string; gammaFlip: string | null; totalGex: number;
      strikes: Array<{ strike: string }>; profile: Array<{ price: string; netGex: number }>;
    };
    expect(levels.underlyingPrice).toBe('153.62');
    const strikes = levels.strikes.map((s) => s.strike);
    expect(strikes).toContain(levels.callWall);
    expect(strikes).toContain(levels.putWall);
    expect(levels.profile).toHaveLength(201);
    if (levels.gammaFlip !== null) {
      const flip = Number(levels.gammaFlip);
      expect(flip).toBeGreaterThan(Number(levels.profile[0].price));
      expect(flip).toBeLessThan(Number(levels.profile[200].price));
    }
  });

  it('answers unknown underlyings with MARKET_NO_OPTION_CHAIN', async () => {
    const result = await run('{ gammaLevels(underlying: "PETR4") { callWall } }');
    expect(result.errors?.[0].extensions?.code).toBe('MARKET_NO_OPTION_CHAIN');
  });

  it('serves snapshots and indicators, and names the bad argument', async () => {
    const ok = await run('{ b3Indicators { name value } b3Snapshot(instrument: "DI1", contractMonth: "F27") { instrument contractMonth settlementPrice } }');
    expect(ok.errors).toBeUndefined();
    expect((ok.data?.b3Indicators as Array<{ name: string }>).map((i) => i.name)).toContain('SELIC');
    expect(ok.data?.b3Snapshot).toMatchObject({ instrument: 'DI1', contractMonth: 'F27' });
    const bad = await run('{ b3Snapshot(instrument: "DI1", contractMonth: "A27") { settlementPrice } }');
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contractMonth' });
    const unknown = await run('{ b3Snapshots(instrument: "XYZ") { settlementPrice } }');
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'instrument' });
  });
});
