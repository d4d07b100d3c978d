import { buildFederatedSchema, DomainError, runOperation } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import type { OptionChain } from '../src/domain/option-chain';
import { GammaResolver, type GammaContext } from '../src/graphql/gamma.resolver';
import { GammaService } from '../src/services/gamma.service';
import type { OptionChainSource } from '../src/services/option-chain.port';

/** A stored-chain fake: answers from a map and records what it was asked. */
class FakeOptionChainSource implements OptionChainSource {
  readonly asked: string[] = [];
  constructor(private readonly chains: Record<string, OptionChain> = {}) {}
  async latestChain(underlying: string): Promise<OptionChain | null> {
    this.asked.push(underlying);
    return this.chains[underlying] ?? null;
  }
}

/** Puts under spot, calls over it: one flip just below 100 (priced by hand in gamma-levels.test.ts). */
const petr4Chain = (): OptionChain => ({
  underlying: 'PETR4',
  underlyingPrice: '100',
  rate: 0.1,
  asOf: '2026-01-06T21:00:00.000Z',
  options: [
    { symbol: 'PETRN95', underlying: 'PETR4', kind: 'PUT', strike: '95', openInterest: 5000, impliedVol: 0.28, expiry: '2026-03-20', multiplier: 100 },
    { symbol: 'PETRC105', underlying: 'PETR4', kind: 'CALL', strike: '105', openInterest: 4000, impliedVol: 0.24, expiry: '2026-03-20', multiplier: 100 },
  ],
});

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('GammaService', () => {
  it('computes levels from the latest stored chain', async () => {
    const source = new FakeOptionChainSource({ PETR4: petr4Chain() });
    const levels = await new GammaService(source).gammaLevels('PETR4', { gridSteps: 100 });
    expect(source.asked).toEqual(['PETR4']);
    expect(levels).toMatchObject({ underlying: 'PETR4', underlyingPrice: '100', callWall: '105', putWall: '95' });
    expect(levels.profile).toHaveLength(101);
    expect(levels.gammaFlip).not.toBeNull();
  });

  it('answers MARKET_NO_OPTION_CHAIN when nothing is stored for the underlying', async () => {
    const error = await rejection(new GammaService(new FakeOptionChainSource()).gammaLevels('VALE3'));
    expect(error.code).toBe('MARKET_NO_OPTION_CHAIN');
    expect(error.extensions).toMatchObject({ underlying: 'VALE3' });
  });

  it('reports a stored chain that fails validation as MARKET_INVALID_OPTION_CHAIN, keeping field and reason', async () => {
    const broken = petr4Chain();
    broken.options[1].impliedVol = 0;
    const error = await rejection(new GammaService(new FakeOptionChainSource({ PETR4: broken })).gammaLevels('PETR4'));
    expect(error.code).toBe('MARKET_INVALID_OPTION_CHAIN');
    expect(error.extensions).toMatchObject({ reason: 'ZERO_VOL', field: 'options[1].impliedVol', symbol: 'PETRC105', underlying: 'PETR4' });
    expect(error.message).toContain('PETRC105');
  });

  it('rejects a source answering with another underlying', async () => {
    const error = await rejection(new GammaService(new FakeOptionChainSource({ VALE3: petr4Chain() })).gammaLevels('VALE3'));
    expect(error.code).toBe('MARKET_INVALID_OPTION_CHAIN');
    expect(error.extensions).toMatchObject({ reason: 'MIXED_UNDERLYINGS', field: 'underlying' });
  });

  it('checks the arguments before asking the source', async () => {
    const source = new FakeOptionChainSource({ PETR4: petr4Chain() });
    const service = new GammaService(source);
    expect((await rejection(service.gammaLevels('PETR4', { gridSteps: 5 }))).extensions).toMatchObject({
      code: 'BAD_USER_INPUT', field: 'gridSteps',
    });
    expect((await rejection(service.gammaLevels('petr4!'))).code).toBe('BAD_USER_INPUT');
    expect(source.asked).toEqual([]);
  });

  it('evaluates an inline chain without the source, its problems being BAD_USER_INPUT', () => {
    const source = new FakeOptionChainSource();
    const service = new GammaService(source);
    expect(service.evaluateChain(petr4Chain()).callWall).toBe('105');
    const chain = petr4Chain();
    chain.options[0].openInterest = 0;
    chain.options[1].openInterest = 0;
    expect(() => service.evaluateChain(chain)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(source.asked).toEqual([]);
  });
});

describe('gamma resolvers', () => {
  let schema: GraphQLSchema;
  const ctx = (chains: Record<string, OptionChain> = {}): GammaContext => ({ gamma: new GammaService(new FakeOptionChainSource(chains)) });

  beforeAll(async () => {
    schema = await buildFederatedSchema<GammaContext>({ resolvers: [GammaResolver] });
  });

  it('answers gammaLevels with exact decimal prices', async () => {
    const result = await runOperation<{ gammaLevels: Record<string, unknown> }>(
      schema,
      `{ gammaLevels(underlying: "PETR4", gridSteps: 10, gridRangePct: 5) {
          underlying underlyingPrice asOf callWall putWall gammaFlip totalGex
          strikes { strike callGex putGex netGex callOpenInterest putOpenInterest }
          profile { price netGex } } }`,
      {},
      ctx({ PETR4: petr4Chain() }),
    );
    expect(result.errors).toBeUndefined();
    const levels = result.data!.gammaLevels;
    expect(levels).toMatchObject({ underlying: 'PETR4', underlyingPrice: '100', asOf: '2026-01-06T21:00:00.000Z', callWall: '105', putWall: '95' });
    expect(levels.strikes).toEqual([
      expect.objectContaining({ strike: '95', callGex: 0, callOpenInterest: 0, putOpenInterest: 5000 }),
      expect.objectContaining({ strike: '105', putGex: 0, callOpenInterest: 4000, putOpenInterest: 0 }),
    ]);
    expect((levels.profile as Array<{ price: string }>).map((p) => p.price)).toEqual([
      '95', '96', '97', '98', '99', '100', '101', '102', '103', '104', '105',
    ]);
  });

  it('maps a missing chain to MARKET_NO_OPTION_CHAIN and a bad grid to BAD_USER_INPUT naming the argument', async () => {
    const missing = await runOperation(schema, '{ gammaLevels(underlying: "VALE3") { totalGex } }', {}, ctx());
    expect(missing.errors?.[0].extensions?.code).toBe('MARKET_NO_OPTION_CHAIN');
    const grid = await runOperation(schema, '{ gammaLevels(underlying: "PETR4", gridRangePct: 60) { totalGex } }', {}, ctx({ PETR4: petr4Chain() }));
    expect(grid.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gridRangePct' });
    expect(grid.errors?.[0].message).toContain('gridRangePct');
  });

  it('computes levels of an inline chain, defaulting each option to the chain underlying', async () => {
    const chain = {
      underlying: 'PETR4',
      underlyingPrice: '100',
      rate: 0.1,
      asOf: '2026-01-06T21:00:00.000Z',
      options: petr4Chain().options.map(({ underlying: _underlying, ...option }) => option),
    };
    const query = `query($chain: OptionChainInput!) { computeGammaLevels(chain: $chain) { callWall putWall gammaFlip profile { price } } }`;
    const result = await runOperation<{ computeGammaLevels: { callWall: string; profile: unknown[] } }>(schema, query, { chain }, ctx());
    expect(result.errors).toBeUndefined();
    expect(result.data?.computeGammaLevels).toMatchObject({ callWall: '105', putWall: '95' });
    expect(result.data?.computeGammaLevels.profile).toHaveLength(201);

    const zeroVol = { ...chain, options: chain.options.map((o) => ({ ...o, impliedVol: 0 })) };
    const bad = await runOperation(schema, query, { chain: zeroVol }, ctx());
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ZERO_VOL', symbol: 'PETRN95' });
  });
});
