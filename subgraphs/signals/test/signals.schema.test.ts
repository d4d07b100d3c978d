import { runOperation, testContext, type Viewer } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import { createSignalsContext } from '../src/context';
import { buildSignalsSchema } from '../src/schema';
import { SignalService } from '../src/services/signal.service';
import { createFakeSignalStore } from './fake-signal.store';

const trader: Viewer = { id: 'u-trader', roles: ['trader'] };
const viewer: Viewer = { id: 'u-viewer', roles: ['viewer'] };
const INGEST = `mutation($input: IngestSignalInput!) {
  ingestSignal(input: $input) { id source rawText asset ticker { symbol } direction entry stop target receivedAt }
}`;

describe('signals schema', () => {
  let schema: GraphQLSchema;
  let store: ReturnType<typeof createFakeSignalStore>;
  let now: Date;
  const ctx = (who: Viewer | null) => createSignalsContext(testContext(who), new SignalService(store, () => now));
  const ingest = async (text: string, at: string) => {
    now = new Date(at);
    const result = await runOperation<{ ingestSignal: { id: string } }>(schema, INGEST, { input: { source: 'telegram:@sinais', text } }, ctx(trader));
    expect(result.errors).toBeUndefined();
    return result.data!.ingestSignal;
  };

  beforeAll(async () => {
    schema = await buildSignalsSchema();
  });
  beforeEach(() => {
    store = createFakeSignalStore();
    now = new Date('2026-11-26T13:00:00Z');
  });

  it('parses and stores a Portuguese signal with exact decimal levels', async () => {
    const text = 'COMPRA PETR4 entrada 38,50 stop 37,90 alvo 39,80';
    const result = await runOperation(schema, INGEST, { input: { source: ' telegram:@sinais ', text } }, ctx(trader));
    expect(result.errors).toBeUndefined();
    expect(result.data?.ingestSignal).toMatchObject({
      source: 'telegram:@sinais', rawText: text, asset: 'PETR4', ticker: { symbol: 'PETR4' }, direction: 'BUY',
      entry: '38.5', stop: '37.9', target: '39.8', receivedAt: '2026-11-26T13:00:00.000Z',
    });
  });

  it('lists signals newest first, optionally for one asset', async () => {
    const win = await ingest('VENDA WINZ26 @ 125.000 stop 125.300 alvo 124.500', '2026-11-26T13:00:00Z');
    const petr = await ingest('BUY PETR4 entry 38.50', '2026-11-26T13:05:00Z');
    const all = await runOperation(schema, '{ signals { id entry } }', {}, ctx(null));
    expect(all.data?.signals).toEqual([{ id: petr.id, entry: '38.5' }, { id: win.id, entry: '125000' }]);
    const one = await runOperation(schema, '{ signals(asset: "winz26") { id direction stop target } }', {}, ctx(null));
    expect(one.data?.signals).toEqual([{ id: win.id, direction: 'SELL', stop: '125300', target: '124500' }]);
  });

  it('answers SIGNALS_UNPARSEABLE with the reason and stores nothing', async () => {
    for (const text of ['Bom dia, pessoal!', 'COMPRA PETR4 entrada 38,50 stop 39,00']) {
      const result = await runOperation(schema, INGEST, { input: { source: 'telegram', text } }, ctx(trader));
      expect(result.errors?.[0].extensions?.code).toBe('SIGNALS_UNPARSEABLE');
      expect(typeof result.errors?.[0].extensions?.reason).toBe('string');
    }
    expect(store.rows).toHaveLength(0);
  });

  it('answers BAD_USER_INPUT for an empty text or a bad source, and stores nothing', async () => {
    const result = await runOperation(schema, INGEST, { input: { source: '', text: '   ' } }, ctx(trader));
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((result.errors?.[0].extensions?.fields as Array<{ field: string }>).map((f) => f.field)).toEqual(['source', 'text']);
    const tooLong = await runOperation(schema, INGEST, { input: { source: 'x', text: `COMPRA PETR4 ${'a'.repeat(4000)}` } }, ctx(trader));
    expect(tooLong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(store.rows).toHaveLength(0);
  });

  it('refuses anonymous callers and viewers, and stores nothing', async () => {
    const input = { source: 'telegram', text: 'COMPRA PETR4' };
    const anonymous = await runOperation(schema, INGEST, { input }, ctx(null));
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forbidden = await runOperation(schema, INGEST, { input }, ctx(viewer));
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(store.rows).toHaveLength(0);
  });

  it('rejects an out-of-range limit', async () => {
    const result = await runOperation(schema, '{ signals(limit: 0) { id } }', {}, ctx(null));
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves Signal entities in one store call, null for unknown ids', async () => {
    const a = await ingest('COMPRA PETR4', '2026-11-26T13:00:00Z');
    const b = await ingest('VENDA VALE3', '2026-11-26T13:01:00Z');
    store.byIdsCalls = 0;
    const result = await runOperation(
      schema,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Signal { asset direction } } }',
      { r: [{ __typename: 'Signal', id: b.id }, { __typename: 'Signal', id: 'missing' }, { __typename: 'Signal', id: a.id }] },
      ctx(null),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ asset: 'VALE3', direction: 'SELL' }, null, { asset: 'PETR4', direction: 'BUY' }]);
    expect(store.byIdsCalls).toBe(1);
  });
});
