import { runOperation, testContext, type Viewer } from '@b3/kit';
import type { GraphQLSchema } from 'graphql';
import { createIdeasContext } from '../src/context';
import { buildIdeasSchema } from '../src/schema';
import { IdeaService } from '../src/services/idea.service';
import { createFakeIdeaStore } from './fake-idea.store';

const trader: Viewer = { id: 'u-trader', roles: ['trader'] };
const viewer: Viewer = { id: 'u-viewer', roles: ['viewer'] };
const CREATE = 'mutation($input: CreateIdeaInput!) { createIdea(input: $input) { id title symbol tags authorId ticker { symbol } } }';

describe('ideas schema', () => {
  let schema: GraphQLSchema;
  let store: ReturnType<typeof createFakeIdeaStore>;
  const ctx = (who: Viewer | null) => createIdeasContext(testContext(who), new IdeaService(store));

  beforeAll(async () => {
    schema = await buildIdeasSchema();
  });
  beforeEach(() => {
    store = createFakeIdeaStore();
  });

  it('lets a trader create an idea that then appears in the list with its ticker reference', async () => {
    const created = await runOperation(schema, CREATE, { input: { title: ' Long PETR4 on breakout ', symbol: 'petr4', tags: ['Swing', 'swing'] } }, ctx(trader));
    expect(created.errors).toBeUndefined();
    expect(created.data?.createIdea).toMatchObject({ title: 'Long PETR4 on breakout', symbol: 'PETR4', tags: ['swing'], authorId: 'u-trader', ticker: { symbol: 'PETR4' } });
    const listed = await runOperation(schema, '{ ideas(symbol: "PETR4") { title ticker { symbol } } }', {}, ctx(null));
    expect(listed.data?.ideas).toEqual([{ title: 'Long PETR4 on breakout', ticker: { symbol: 'PETR4' } }]);
  });

  it('refuses anonymous callers and viewers, and stores nothing', async () => {
    const input = { title: 'Short VALE3', symbol: 'VALE3' };
    const anonymous = await runOperation(schema, CREATE, { input }, ctx(null));
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forbidden = await runOperation(schema, CREATE, { input }, ctx(viewer));
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(store.rows).toHaveLength(0);
  });

  it('reports every invalid field as BAD_USER_INPUT and stores nothing', async () => {
    const result = await runOperation(schema, CREATE, { input: { title: 'x', symbol: 'not a ticker', tags: ['ok', 'Bad Tag!'] } }, ctx(trader));
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (result.errors?.[0].extensions?.fields as Array<{ field: string }>).map((f) => f.field);
    expect(fields).toEqual(['title', 'symbol', 'tags']);
    expect(store.rows).toHaveLength(0);
  });

  it('rejects an out-of-range limit', async () => {
    const result = await runOperation(schema, '{ ideas(limit: 0) { id } }', {}, ctx(null));
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves Idea entities in one store call', async () => {
    const a = await store.create({ title: 'A idea', body: '', symbol: 'PETR4', tags: [] }, 'u');
    const b = await store.create({ title: 'B idea', body: '', symbol: 'VALE3', tags: [] }, 'u');
    const result = await runOperation(
      schema,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Idea { title } } }',
      { r: [{ __typename: 'Idea', id: b.id }, { __typename: 'Idea', id: a.id }] },
      ctx(null),
    );
    expect(result.data?._entities).toEqual([{ title: 'B idea' }, { title: 'A idea' }]);
    expect(store.byIdsCalls).toBe(1);
  });
});
