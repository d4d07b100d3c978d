import { runOperation, testContext } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import { createAgentsContext } from '../src/context';
import { buildAgentsSchema } from '../src/schema';
import { MarketSessionService } from '../src/services/market-session.service';

const SESSION = 'query($at: DateTimeISO) { marketSession(at: $at) { phase at opensAt closesAt timezone } }';

describe('agents schema', () => {
  let schema: GraphQLSchema;
  const now = new Date('2026-11-26T14:30:00Z');
  const ctx = () => createAgentsContext(testContext(), new MarketSessionService(() => now));

  beforeAll(async () => {
    schema = await buildAgentsSchema();
  });

  it('tells the phase at a given instant, anonymously', async () => {
    const result = await runOperation(schema, SESSION, { at: '2026-11-26T19:56:00Z' }, ctx());
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
    const result = await runOperation(schema, '{ marketSession { phase at } }', {}, ctx());
    expect(result.data?.marketSession).toEqual({ phase: 'OPEN', at: '2026-11-26T14:30:00.000Z' });
  });

  it('accepts an instant written with a local offset', async () => {
    const result = await runOperation(schema, SESSION, { at: '2026-11-26T09:50:00-03:00' }, ctx());
    expect(result.data?.marketSession).toMatchObject({ phase: 'PRE_OPENING', at: '2026-11-26T12:50:00.000Z' });
  });

  it('rejects something that is not an instant', async () => {
    const result = await runOperation(schema, SESSION, { at: 'tomorrow' }, ctx());
    expect(result.errors).toHaveLength(1);
    expect(result.data).toBeUndefined();
  });
});
