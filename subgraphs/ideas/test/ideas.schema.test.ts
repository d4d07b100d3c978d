import { runOperation, runSubscription, testContext, type Viewer } from '@b3/kit';
import { type Database, openTestDatabase, resetDatabase } from '@b3/prisma';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { createIdeasContext, type IdeasServices } from '../src/context';
import { buildIdeasSchema } from '../src/schema';
import { CategoryService } from '../src/services/category.service';
import { IdeaEvents } from '../src/services/idea-events';
import { IdeaService } from '../src/services/idea.service';
import { createPrismaIdeaStore } from '../src/store/prisma-idea.store';
import { countingStore, MIGRATION_CATEGORIES, seedDefaultCategories } from './ideas-fixtures';

const trader: Viewer = { id: 'u-trader', roles: ['trader'] };
const otherTrader: Viewer = { id: 'u-other', roles: ['trader'] };
const viewer: Viewer = { id: 'u-viewer', roles: ['viewer'] };
const admin: Viewer = { id: 'u-admin', roles: ['admin'] };
const SIGNAL = '5f0c2b1e-7d8a-4c3b-9e21-0a1b2c3d4e5f';
const UNKNOWN = '00000000-0000-4000-8000-00000000beef';

const IDEA_FIELDS = 'id title description priority status tags ticker { symbol } signal { id } authorId createdAt updatedAt version category { slug } allowedStatuses';
const CREATE = `mutation($input: CreateIdeaInput!) { createIdea(input: $input) { ${IDEA_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateIdeaInput!) { updateIdea(id: $id, input: $input) { ${IDEA_FIELDS} } }`;
const BULK = 'mutation($input: BulkUpdateIdeasInput!) { bulkUpdateIdeas(input: $input) { applied changed ideas { id status priority version } problems { id field code message } } }';
const LIST = `query($filter: IdeaFilter, $orderBy: IdeaOrderBy, $first: Int, $after: String) {
  ideas(filter: $filter, orderBy: $orderBy, first: $first, after: $after) { totalCount edges { cursor node { id title priority } } pageInfo { hasNextPage endCursor } }
}`;
const CATEGORY_FIELDS = 'id name slug color icon order active updatedBy ideaCount';

type IdeaView = { id: string; title: string; status: string; version: number; priority: string; [k: string]: unknown };
type Page = { ideas: { totalCount: number; edges: Array<{ cursor: string; node: IdeaView }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

describe('ideas schema', () => {
  let schema: GraphQLSchema;
  let db: Database;
  let now: Date;
  let store: ReturnType<typeof countingStore>;
  let services: IdeasServices;
  const ctx = (who: Viewer | null) => createIdeasContext(testContext(who), services);
  const run = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, who: Viewer | null = null) =>
    runOperation<T>(schema, query, variables, ctx(who));
  const counts = async () => ({ ideas: await db.prisma.idea.count(), history: await db.prisma.ideaChange.count() });
  const create = async (input: Record<string, unknown> = {}, who: Viewer = trader): Promise<IdeaView> => {
    const result = await run<{ createIdea: IdeaView }>(CREATE, { input: { title: 'Comprar PETR4', description: 'Suporte em 37,50', categoryId: MIGRATION_CATEGORIES.analise, ...input } }, who);
    expect(result.errors).toBeUndefined();
    return result.data!.createIdea;
  };
  const update = (id: string, input: Record<string, unknown>, who: Viewer = trader) => run<{ updateIdea: IdeaView }>(UPDATE, { id, input }, who);
  /** BAD_USER_INPUT naming `field` as extensions.field (the first) and among extensions.fields. */
  const expectBadInput = (result: ExecutionResult, field: string) => {
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, fields: expect.arrayContaining([expect.objectContaining({ field })]) });
  };

  beforeAll(async () => {
    schema = await buildIdeasSchema();
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    now = new Date('2026-11-26T13:00:00.000Z');
    const clock = () => new Date(now);
    store = countingStore(createPrismaIdeaStore(db.prisma));
    await seedDefaultCategories(store);
    const events = new IdeaEvents();
    services = { ideas: new IdeaService(store, events, clock), categories: new CategoryService(store, clock), events };
  });

  describe('createIdea', () => {
    it('files a trader’s idea in a default category as NEW, normalised, with its ticker and signal references and a history', async () => {
      const created = await create({ title: '  Comprar PETR4 no suporte ', description: '**Tese**: suporte em 37,50\n', tags: ['#Swing', 'swing', 'Análise'], ticker: 'petr4', signalId: SIGNAL, priority: 'HIGH' });
      expect(created).toMatchObject({
        title: 'Comprar PETR4 no suporte',
        description: '**Tese**: suporte em 37,50',
        priority: 'HIGH',
        status: 'NEW',
        tags: ['swing', 'análise'],
        ticker: { symbol: 'PETR4' },
        signal: { id: SIGNAL },
        authorId: 'u-trader',
        createdAt: '2026-11-26T13:00:00.000Z',
        version: 1,
        category: { slug: 'analise' },
        allowedStatuses: ['REVIEW', 'REJECTED'],
      });
      const read = await run<{ idea: { history: unknown[]; viewerCanEdit: boolean } }>('query($id: ID!) { idea(id: $id) { viewerCanEdit history { kind field from to actorId at version } } }', { id: created.id }, trader);
      expect(read.data!.idea).toEqual({ viewerCanEdit: true, history: [{ kind: 'CREATED', field: null, from: null, to: null, actorId: 'u-trader', at: '2026-11-26T13:00:00.000Z', version: 1 }] });
    });

    it('defaults to MEDIUM, no tags, no ticker and no signal', async () => {
      expect(await create()).toMatchObject({ priority: 'MEDIUM', tags: [], ticker: null, signal: null });
    });

    it('refuses anonymous callers and viewers, storing nothing', async () => {
      const input = { title: 'Vender VALE3', description: 'd', categoryId: MIGRATION_CATEGORIES.geral };
      expect((await run(CREATE, { input })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await run(CREATE, { input }, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await counts()).toEqual({ ideas: 0, history: 0 });
    });

    it.each<[string, string, Record<string, unknown>]>([
      ['an empty title', 'title', { title: '  ' }],
      ['a title over 200 characters', 'title', { title: 'x'.repeat(201) }],
      ['a title on two lines', 'title', { title: 'linha 1\nlinha 2' }],
      ['an empty description', 'description', { description: '\n \n' }],
      ['a description over 2000 characters', 'description', { description: 'x'.repeat(2001) }],
      ['no category', 'categoryId', { categoryId: '' }],
      ['a category slug instead of its id', 'categoryId', { categoryId: 'estrategia' }],
      ['an unknown category', 'categoryId', { categoryId: UNKNOWN }],
      ['eleven tags', 'tags', { tags: Array.from({ length: 11 }, (_, i) => `tag${i}`) }],
      ['a tag with punctuation', 'tags', { tags: ['swing', 'compra!'] }],
      ['a tag over 32 characters', 'tags', { tags: ['x'.repeat(33)] }],
      ['a malformed ticker', 'ticker', { ticker: 'PETR 4' }],
      ['a malformed signal id', 'signalId', { signalId: 'sinal-1' }],
    ])('refuses %s as BAD_USER_INPUT naming %s, storing nothing', async (_name, field, input) => {
      const result = await run(CREATE, { input: { title: 'Comprar PETR4', description: 'd', categoryId: MIGRATION_CATEGORIES.analise, ...input } }, trader);
      expectBadInput(result, field);
      expect(await counts()).toEqual({ ideas: 0, history: 0 });
    });

    it('refuses an inactive category, storing nothing', async () => {
      await run('mutation($id: ID!) { updateIdeaCategory(id: $id, input: { active: false }) { active } }', { id: MIGRATION_CATEGORIES.infra }, admin);
      const result = await run(CREATE, { input: { title: 't', description: 'd', categoryId: MIGRATION_CATEGORIES.infra } }, trader);
      expectBadInput(result, 'categoryId');
      expect(result.errors?.[0]?.extensions?.fields).toEqual([{ field: 'categoryId', message: 'must be an active category' }]);
      expect(await counts()).toEqual({ ideas: 0, history: 0 });
    });

    it('names every broken rule at once, in the order of the input', async () => {
      const result = await run(CREATE, { input: { title: '', description: '', categoryId: UNKNOWN, tags: ['no!'], ticker: '??', signalId: 'x' } }, trader);
      expect(result.errors?.[0]?.extensions?.field).toBe('title');
      expect((result.errors?.[0]?.extensions?.fields as Array<{ field: string }>).map((f) => f.field)).toEqual(['title', 'description', 'categoryId', 'tags', 'ticker', 'signalId']);
      expect(await counts()).toEqual({ ideas: 0, history: 0 });
    });
  });

  describe('updateIdea', () => {
    it('moves an idea through its lifecycle, writing who changed which field from what to what', async () => {
      const idea = await create({ tags: ['swing'], ticker: 'PETR4' });
      const steps: Array<[Record<string, unknown>, Viewer]> = [
        [{ status: 'REVIEW', priority: 'HIGH' }, trader],
        [{ status: 'IN_PROGRESS', tags: ['swing', 'Daily'], ticker: '' }, admin],
        [{ status: 'COMPLETED' }, trader],
        [{ status: 'REVIEW', categoryId: MIGRATION_CATEGORIES.risco }, admin],
      ];
      for (const [i, [input, who]] of steps.entries()) {
        now = new Date(Date.UTC(2026, 10, 26, 14 + i));
        const result = await update(idea.id, input, who);
        expect(result.errors).toBeUndefined();
      }
      const read = await run<{ idea: { status: string; version: number; ticker: null; history: Array<Record<string, unknown>> } }>(
        'query($id: ID!) { idea(id: $id) { status version ticker { symbol } history { kind field from to actorId at version } } }',
        { id: idea.id },
      );
      expect(read.data!.idea).toMatchObject({ status: 'REVIEW', version: 5, ticker: null });
      expect(read.data!.idea.history.map((h) => [h.kind, h.field, h.from, h.to, h.actorId, h.version])).toEqual([
        ['CREATED', null, null, null, 'u-trader', 1],
        ['UPDATED', 'priority', 'MEDIUM', 'HIGH', 'u-trader', 2],
        ['UPDATED', 'status', 'NEW', 'REVIEW', 'u-trader', 2],
        ['UPDATED', 'status', 'REVIEW', 'IN_PROGRESS', 'u-admin', 3],
        ['UPDATED', 'tags', 'swing', 'swing, daily', 'u-admin', 3],
        ['UPDATED', 'ticker', 'PETR4', null, 'u-admin', 3],
        ['UPDATED', 'status', 'IN_PROGRESS', 'COMPLETED', 'u-trader', 4],
        ['UPDATED', 'categoryId', MIGRATION_CATEGORIES.analise, MIGRATION_CATEGORIES.risco, 'u-admin', 5],
        ['UPDATED', 'status', 'COMPLETED', 'REVIEW', 'u-admin', 5],
      ]);
      expect(read.data!.idea.history.at(-1)!.at).toBe('2026-11-26T17:00:00.000Z');
    });

    it('answers an update that changes nothing with the idea as it was (no version, no history)', async () => {
      const idea = await create({ ticker: 'PETR4' });
      const same = await update(idea.id, { title: 'Comprar PETR4', status: 'NEW', ticker: 'petr4' });
      expect(same.data!.updateIdea.version).toBe(1);
      expect(await counts()).toEqual({ ideas: 1, history: 1 });
    });

    it.each<[string, string, Record<string, unknown>]>([
      ['a move the table does not allow (NEW → COMPLETED)', 'status', { status: 'COMPLETED' }],
      ['a move the table does not allow (NEW → IN_PROGRESS)', 'status', { status: 'IN_PROGRESS' }],
      ['an empty title', 'title', { title: '' }],
      ['an empty description', 'description', { description: ' ' }],
      ['an empty category', 'categoryId', { categoryId: '' }],
      ['an unknown category', 'categoryId', { categoryId: UNKNOWN }],
      ['too many tags', 'tags', { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }],
      ['a malformed ticker', 'ticker', { ticker: 'X' }],
      ['a malformed signal id', 'signalId', { signalId: 'nope' }],
    ])('refuses %s as BAD_USER_INPUT naming %s, changing nothing', async (_name, field, input) => {
      const idea = await create();
      expectBadInput(await update(idea.id, { ...input }), field);
      const [row] = await db.prisma.idea.findMany();
      expect(row).toMatchObject({ version: 1, status: 'NEW', title: 'Comprar PETR4' });
      expect(await counts()).toEqual({ ideas: 1, history: 1 });
    });

    it('refuses moving a completed idea straight back to work, and an inactive category, naming each field', async () => {
      const idea = await create();
      for (const status of ['REVIEW', 'IN_PROGRESS', 'COMPLETED']) expect((await update(idea.id, { status })).errors).toBeUndefined();
      await run('mutation($id: ID!) { updateIdeaCategory(id: $id, input: { active: false }) { active } }', { id: MIGRATION_CATEGORIES.infra }, admin);
      const result = await update(idea.id, { status: 'IN_PROGRESS', categoryId: MIGRATION_CATEGORIES.infra, expectedVersion: 4 });
      expect((result.errors?.[0]?.extensions?.fields as Array<{ field: string; message: string }>)).toEqual([
        { field: 'categoryId', message: 'must be an active category' },
        { field: 'status', message: 'cannot move from COMPLETED to IN_PROGRESS; from COMPLETED an idea may move to REVIEW' },
      ]);
      expect((await db.prisma.idea.findFirstOrThrow()).version).toBe(4);
    });

    it('lets only the author or an admin change an idea; a stale expectedVersion is a CONFLICT', async () => {
      const idea = await create();
      expect((await update(idea.id, { priority: 'LOW' }, otherTrader)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await update(idea.id, { priority: 'LOW' }, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await update(idea.id, { priority: 'LOW' })).data!.updateIdea.version).toBe(2);
      const stale = await update(idea.id, { priority: 'HIGH', expectedVersion: 1 }, admin);
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion', version: 2 });
      expect((await update(idea.id, { priority: 'HIGH', expectedVersion: 2 }, admin)).data!.updateIdea).toMatchObject({ priority: 'HIGH', version: 3 });
      expect((await update(UNKNOWN, { priority: 'HIGH' })).errors?.[0]?.extensions?.code).toBe('IDEAS_NOT_FOUND');
    });
  });

  describe('deleteIdea', () => {
    it('deletes an idea (author or admin only); its history stays readable', async () => {
      const idea = await create();
      expect((await run('mutation($id: ID!) { deleteIdea(id: $id) }', { id: idea.id }, otherTrader)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await run('mutation($id: ID!) { deleteIdea(id: $id) }', { id: idea.id }, admin)).data).toEqual({ deleteIdea: true });
      expect((await run('query($id: ID!) { idea(id: $id) { id } }', { id: idea.id })).data).toEqual({ idea: null });
      const history = await run<{ ideaHistory: Array<{ kind: string; actorId: string }> }>('query($id: ID!) { ideaHistory(id: $id) { kind actorId } }', { id: idea.id });
      expect(history.data!.ideaHistory).toEqual([
        { kind: 'CREATED', actorId: 'u-trader' },
        { kind: 'DELETED', actorId: 'u-admin' },
      ]);
      expect((await run('mutation($id: ID!) { deleteIdea(id: $id) }', { id: idea.id }, admin)).errors?.[0]?.extensions?.code).toBe('IDEAS_NOT_FOUND');
    });
  });

  describe('bulkUpdateIdeas', () => {
    it('changes every idea or none: any problem is reported per id and nothing is written', async () => {
      const a = await create({ title: 'A' });
      const b = await create({ title: 'B' });
      const theirs = await create({ title: 'C' }, otherTrader);
      await update(b.id, { status: 'REVIEW' });
      const before = await counts();

      // REVIEW → IN_PROGRESS is fine for b, but NEW → IN_PROGRESS is not for a; theirs is not ours; one is unknown
      const refused = await run<{ bulkUpdateIdeas: Record<string, unknown> }>(BULK, { input: { ids: [a.id, b.id, theirs.id, UNKNOWN], status: 'IN_PROGRESS', priority: 'HIGH' } }, trader);
      expect(refused.data!.bulkUpdateIdeas).toEqual({
        applied: false,
        changed: 0,
        ideas: [],
        problems: [
          { id: a.id, field: 'status', code: 'BAD_USER_INPUT', message: 'cannot move from NEW to IN_PROGRESS; from NEW an idea may move to REVIEW, REJECTED' },
          { id: theirs.id, field: 'ids', code: 'FORBIDDEN', message: 'only the author or an admin may change it' },
          { id: UNKNOWN, field: 'ids', code: 'NOT_FOUND', message: 'no such idea' },
        ],
      });
      expect(await counts()).toEqual(before);
      expect((await db.prisma.idea.findMany({ orderBy: { title: 'asc' } })).map((i) => [i.title, i.status, i.priority, i.version])).toEqual([
        ['A', 'NEW', 'MEDIUM', 1],
        ['B', 'REVIEW', 'MEDIUM', 2],
        ['C', 'NEW', 'MEDIUM', 1],
      ]);

      now = new Date('2026-11-27T09:00:00.000Z');
      const applied = await run<{ bulkUpdateIdeas: { applied: boolean; changed: number; ideas: IdeaView[]; problems: unknown[] } }>(
        BULK,
        { input: { ids: [a.id, theirs.id, a.id], status: 'REJECTED', priority: 'LOW' } },
        admin,
      );
      expect(applied.data!.bulkUpdateIdeas).toEqual({
        applied: true,
        changed: 2,
        ideas: [
          { id: a.id, status: 'REJECTED', priority: 'LOW', version: 2 },
          { id: theirs.id, status: 'REJECTED', priority: 'LOW', version: 2 },
        ],
        problems: [],
      });
      const history = await db.prisma.ideaChange.findMany({ where: { kind: 'UPDATED', at: now }, orderBy: [{ ideaId: 'asc' }, { field: 'asc' }] });
      expect(history).toHaveLength(4);
      expect(new Set(history.map((h) => h.actorId))).toEqual(new Set(['u-admin']));
    });

    it('changes the most ideas it takes (500) in one transaction', async () => {
      const ids: string[] = [];
      for (let n = 0; n < 500; n++) ids.push((await services.ideas.create(trader, { title: `Ideia ${n}`, description: 'd', categoryId: MIGRATION_CATEGORIES.geral })).id);
      const result = await run<{ bulkUpdateIdeas: { applied: boolean; changed: number } }>(BULK, { input: { ids, status: 'REVIEW', priority: 'HIGH' } }, trader);
      expect(result.data!.bulkUpdateIdeas).toMatchObject({ applied: true, changed: 500 });
      expect(await db.prisma.idea.count({ where: { status: 'REVIEW', priority: 'HIGH', version: 2 } })).toBe(500);
      expect(await db.prisma.ideaChange.count({ where: { kind: 'UPDATED' } })).toBe(1000);
    }, 60_000);

    it('counts ideas already as asked as unchanged, and needs the trader role', async () => {
      const a = await create();
      const result = await run<{ bulkUpdateIdeas: { applied: boolean; changed: number } }>(BULK, { input: { ids: [a.id], priority: 'MEDIUM' } }, trader);
      expect(result.data!.bulkUpdateIdeas).toMatchObject({ applied: true, changed: 0 });
      expect((await run(BULK, { input: { ids: [a.id], priority: 'LOW' } }, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it.each<[string, string, Record<string, unknown>]>([
      ['no ids', 'ids', { ids: [], status: 'REVIEW' }],
      ['over 500 ids', 'ids', { ids: Array.from({ length: 501 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`), status: 'REVIEW' }],
      ['neither status nor priority', 'status', { ids: [UNKNOWN] }],
    ])('refuses %s as BAD_USER_INPUT naming %s', async (_name, field, input) => {
      const a = await create();
      const before = await counts();
      expectBadInput(await run(BULK, { input }, trader), field);
      expect(await counts()).toEqual(before);
      expect((await db.prisma.idea.findUniqueOrThrow({ where: { id: a.id } })).version).toBe(1);
    });
  });

  describe('ideas', () => {
    it('pages 250 ideas 20 at a time: 13 pages, no duplicates, no gaps, stable while new ideas arrive between reads', async () => {
      const created: string[] = [];
      for (let n = 0; n < 250; n++) {
        // seven ideas share each millisecond, so the id has to break ties
        now = new Date(Date.UTC(2026, 10, 20, 12, 0, 0, Math.floor(n / 7)));
        created.push((await services.ideas.create(trader, { title: `Ideia ${n}`, description: 'd', categoryId: MIGRATION_CATEGORIES.geral })).id);
      }
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page: ExecutionResult<Page> = await run<Page>(LIST, { first: 20, after });
        expect(page.errors).toBeUndefined();
        pages++;
        expect(page.data!.ideas.totalCount).toBe(250 + (pages - 1) * 2);
        seen.push(...page.data!.ideas.edges.map((e) => e.node.id));
        // two newer ideas arrive before the next page is read
        now = new Date(Date.UTC(2026, 10, 21, 12, pages));
        for (const k of [0, 1]) await services.ideas.create(otherTrader, { title: `Nova ${pages}.${k}`, description: 'd', categoryId: MIGRATION_CATEGORIES.geral });
        after = page.data!.ideas.pageInfo.hasNextPage ? page.data!.ideas.pageInfo.endCursor : null;
      } while (after);
      expect(pages).toBe(13);
      expect(seen).toHaveLength(250);
      expect(new Set(seen).size).toBe(250);
      expect(new Set(seen)).toEqual(new Set(created));
      // newest first: the reverse of creation, ties in creation order broken by id (descending)
      const rank = new Map(created.map((id, n) => [id, Math.floor(n / 7)]));
      for (let i = 1; i < seen.length; i++) {
        const [prev, next] = [seen[i - 1]!, seen[i]!];
        expect(rank.get(prev)! > rank.get(next)! || (rank.get(prev) === rank.get(next) && prev > next)).toBe(true);
      }
    }, 60_000);

    it('filters, sorts and searches', async () => {
      now = new Date('2026-11-10T10:00:00Z');
      const petr = await create({ title: 'Comprar ações da Petrobras', description: 'Rompimento de resistência', ticker: 'PETR4', tags: ['swing'], priority: 'CRITICAL' });
      now = new Date('2026-11-20T10:00:00Z');
      const vale = await create({ title: 'Vale em alta', description: 'Compra acima de 60', ticker: 'VALE3', priority: 'LOW', categoryId: MIGRATION_CATEGORIES.estrategia }, otherTrader);
      await update(vale.id, { status: 'REVIEW' }, otherTrader);
      const ids = async (variables: Record<string, unknown>) => {
        const result = await run<Page>(LIST, variables);
        expect(result.errors).toBeUndefined();
        return result.data!.ideas.edges.map((e) => e.node.id);
      };
      expect(await ids({ filter: { text: 'compra' }, orderBy: 'CREATED_AT_ASC' })).toEqual([petr.id, vale.id]);
      expect(await ids({ filter: { text: 'petrobras' } })).toEqual([petr.id]);
      expect(await ids({ filter: { status: ['REVIEW', 'IN_PROGRESS'] } })).toEqual([vale.id]);
      expect(await ids({ filter: { priority: ['CRITICAL'] } })).toEqual([petr.id]);
      expect(await ids({ filter: { category: MIGRATION_CATEGORIES.estrategia } })).toEqual([vale.id]);
      expect(await ids({ filter: { tag: '#SWING' } })).toEqual([petr.id]);
      expect(await ids({ filter: { ticker: 'vale3' } })).toEqual([vale.id]);
      expect(await ids({ filter: { author: 'u-other' } })).toEqual([vale.id]);
      expect(await ids({ filter: { createdFrom: '2026-11-15T00:00:00Z' } })).toEqual([vale.id]);
      expect(await ids({ filter: { createdTo: '2026-11-15T00:00:00Z' } })).toEqual([petr.id]);
      expect(await ids({ orderBy: 'PRIORITY_DESC' })).toEqual([petr.id, vale.id]);
      expect(await ids({ orderBy: 'PRIORITY_ASC' })).toEqual([vale.id, petr.id]);
      expect(await ids({ orderBy: 'UPDATED_AT_DESC' })).toEqual([vale.id, petr.id]);
      const nodes = await run<{ ideas: { nodes: Array<{ title: string; ticker: { symbol: string } }> } }>('{ ideas(filter: { ticker: "PETR4" }) { nodes { title ticker { symbol } } } }');
      expect(nodes.data!.ideas.nodes).toEqual([{ title: 'Comprar ações da Petrobras', ticker: { symbol: 'PETR4' } }]);
    });

    it.each<[string, string, Record<string, unknown>]>([
      ['a page size of 0', 'first', { first: 0 }],
      ['a page size over 100', 'first', { first: 101 }],
      ['a cursor it did not issue', 'after', { after: 'bm9wZQ' }],
      ['createdTo before createdFrom', 'createdTo', { filter: { createdFrom: '2026-11-02T00:00:00Z', createdTo: '2026-11-01T00:00:00Z' } }],
      ['a search over 200 characters', 'text', { filter: { text: 'x'.repeat(201) } }],
      ['a category that is not an id', 'category', { filter: { category: 'risco' } }],
      ['a malformed ticker', 'ticker', { filter: { ticker: 'PETR-4' } }],
    ])('refuses %s as BAD_USER_INPUT naming %s', async (_name, field, variables) => {
      expectBadInput(await run(LIST, variables), field);
    });

    it('refuses a cursor issued for another order', async () => {
      await create();
      await create();
      const first = await run<Page>(LIST, { first: 1 });
      const other = await run(LIST, { first: 1, after: first.data!.ideas.pageInfo.endCursor, orderBy: 'PRIORITY_DESC' });
      expectBadInput(other, 'after');
      expect(other.errors?.[0]?.extensions?.fields).toEqual([{ field: 'after', message: expect.stringContaining('orderBy CREATED_AT_DESC') }]);
    });
  });

  describe('ideaStats', () => {
    it('counts by status, priority and category, and per ISO week over the window', async () => {
      now = new Date('2026-11-03T10:00:00Z');
      const a = await create({ priority: 'HIGH' });
      now = new Date('2026-11-18T10:00:00Z');
      await create({ categoryId: MIGRATION_CATEGORIES.risco });
      now = new Date('2026-11-25T10:00:00Z');
      await create({ priority: 'HIGH' });
      for (const status of ['REVIEW', 'IN_PROGRESS', 'COMPLETED']) await update(a.id, { status });
      now = new Date('2026-11-26T13:00:00Z');
      const result = await run<{ ideaStats: Record<string, unknown> }>(
        '{ ideaStats(weeks: 4) { total byStatus { status count } byPriority { priority count } byCategory { category { slug } count } weeks { week start created completed } } }',
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.ideaStats).toEqual({
        total: 3,
        byStatus: [
          { status: 'NEW', count: 2 },
          { status: 'REVIEW', count: 0 },
          { status: 'IN_PROGRESS', count: 0 },
          { status: 'COMPLETED', count: 1 },
          { status: 'REJECTED', count: 0 },
        ],
        byPriority: [
          { priority: 'LOW', count: 0 },
          { priority: 'MEDIUM', count: 1 },
          { priority: 'HIGH', count: 2 },
          { priority: 'CRITICAL', count: 0 },
        ],
        byCategory: [
          { category: { slug: 'analise' }, count: 2 },
          { category: { slug: 'risco' }, count: 1 },
        ],
        weeks: [
          { week: '2026-W45', start: '2026-11-02T00:00:00.000Z', created: 1, completed: 0 },
          { week: '2026-W46', start: '2026-11-09T00:00:00.000Z', created: 0, completed: 0 },
          { week: '2026-W47', start: '2026-11-16T00:00:00.000Z', created: 1, completed: 0 },
          { week: '2026-W48', start: '2026-11-23T00:00:00.000Z', created: 1, completed: 1 },
        ],
      });
      const narrowed = await run<{ ideaStats: { total: number } }>('{ ideaStats(filter: { priority: [HIGH] }) { total } }');
      expect(narrowed.data!.ideaStats.total).toBe(2);
      expectBadInput(await run('{ ideaStats(weeks: 0) { total } }'), 'weeks');
      expectBadInput(await run('{ ideaStats(weeks: 105) { total } }'), 'weeks');
    });
  });

  describe('ideaChanged', () => {
    it('tells every subscriber (both dashboards) of each creation, change and deletion, in order', async () => {
      const subscribe = async () =>
        (await runSubscription(schema, 'subscription { ideaChanged { kind fields actorId idea { title status version ticker { symbol } category { slug } } } }', {}, ctx(null))) as AsyncIterableIterator<
          ExecutionResult<{ ideaChanged: Record<string, unknown> }>
        >;
      const [one, two] = [await subscribe(), await subscribe()];
      const idea = await create({ title: 'Ao vivo' });
      await update(idea.id, { status: 'REVIEW', priority: 'HIGH' });
      await update(idea.id, { status: 'COMPLETED' }); // refused: no event
      await run('mutation($id: ID!) { deleteIdea(id: $id) }', { id: idea.id }, trader);
      for (const stream of [one, two]) {
        const events = [];
        for (let i = 0; i < 3; i++) events.push((await stream.next()).value.data.ideaChanged);
        expect(events).toEqual([
          { kind: 'CREATED', fields: [], actorId: 'u-trader', idea: { title: 'Ao vivo', status: 'NEW', version: 1, ticker: null, category: { slug: 'analise' } } },
          { kind: 'UPDATED', fields: ['priority', 'status'], actorId: 'u-trader', idea: { title: 'Ao vivo', status: 'REVIEW', version: 2, ticker: null, category: { slug: 'analise' } } },
          { kind: 'DELETED', fields: [], actorId: 'u-trader', idea: { title: 'Ao vivo', status: 'REVIEW', version: 2, ticker: null, category: { slug: 'analise' } } },
        ]);
        await stream.return?.();
      }
      expect(services.events.subscriberCount).toBe(0);
    });
  });

  describe('categories', () => {
    const CREATE_CATEGORY = `mutation($input: IdeaCategoryInput!) { createIdeaCategory(input: $input) { ${CATEGORY_FIELDS} } }`;
    const UPDATE_CATEGORY = `mutation($id: ID!, $input: IdeaCategoryInput!) { updateIdeaCategory(id: $id, input: $input) { ${CATEGORY_FIELDS} } }`;

    it('lists the active ones in order, with their idea counts', async () => {
      await create();
      await create();
      const result = await run<{ ideaCategories: Array<{ slug: string; ideaCount: number }> }>('{ ideaCategories { slug ideaCount } }');
      expect(result.data!.ideaCategories).toEqual([
        { slug: 'geral', ideaCount: 0 },
        { slug: 'estrategia', ideaCount: 0 },
        { slug: 'analise', ideaCount: 2 },
        { slug: 'risco', ideaCount: 0 },
        { slug: 'infra', ideaCount: 0 },
      ]);
      expect(store.calls.countIdeasByCategory).toBe(1);
    });

    it('lets an admin create, change, deactivate and delete a category; others may not', async () => {
      const created = await run<{ createIdeaCategory: { id: string } }>(CREATE_CATEGORY, { input: { name: ' Opções ', color: '#f59e0b', icon: 'Sigma' } }, admin);
      expect(created.data!.createIdeaCategory).toMatchObject({ name: 'Opções', slug: 'opcoes', color: '#F59E0B', icon: 'sigma', order: 50, active: true, updatedBy: 'u-admin', ideaCount: 0 });
      const id = created.data!.createIdeaCategory.id;
      expect((await run(CREATE_CATEGORY, { input: { name: 'X' } }, trader)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await run(CREATE_CATEGORY, { input: { name: 'X' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const changed = await run<{ updateIdeaCategory: Record<string, unknown> }>(UPDATE_CATEGORY, { id, input: { order: 5, icon: '', active: false } }, admin);
      expect(changed.data!.updateIdeaCategory).toMatchObject({ name: 'Opções', order: 5, icon: null, active: false });
      const listed = await run<{ ideaCategories: Array<{ slug: string }> }>('{ ideaCategories(includeInactive: true) { slug } }');
      expect(listed.data!.ideaCategories.map((c) => c.slug)).toEqual(['geral', 'opcoes', 'estrategia', 'analise', 'risco', 'infra']);
      expect((await run('{ ideaCategories { slug } }')).data!.ideaCategories).toHaveLength(5);
      expect((await run('mutation($id: ID!) { deleteIdeaCategory(id: $id) }', { id }, admin)).data).toEqual({ deleteIdeaCategory: true });
      expect((await run('mutation($id: ID!) { deleteIdeaCategory(id: $id) }', { id }, admin)).errors?.[0]?.extensions?.code).toBe('IDEAS_CATEGORY_NOT_FOUND');
    });

    it('keeps an inactive category’s ideas, and refuses to delete a category in use with a CONFLICT naming the count', async () => {
      await create();
      await create();
      await run(UPDATE_CATEGORY, { id: MIGRATION_CATEGORIES.analise, input: { active: false } }, admin);
      expect((await run<Page>(LIST, { filter: { category: MIGRATION_CATEGORIES.analise } })).data!.ideas.totalCount).toBe(2);
      const refused = await run('mutation($id: ID!) { deleteIdeaCategory(id: $id) }', { id: MIGRATION_CATEGORIES.analise }, admin);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', ideas: 2 });
      expect(refused.errors?.[0]?.message).toContain('2 idea(s)');
      expect(await db.prisma.ideaCategory.count()).toBe(5);
    });

    it.each<[string, string, Record<string, unknown>]>([
      ['no name', 'name', { color: '#FFFFFF' }],
      ['a name over 60 characters', 'name', { name: 'x'.repeat(61) }],
      ['a slug with spaces', 'slug', { name: 'Boa', slug: 'boa categoria' }],
      ['a colour that is not #RRGGBB', 'color', { name: 'Boa', color: 'red' }],
      ['a short colour', 'color', { name: 'Boa', color: '#FFF' }],
      ['an icon with spaces', 'icon', { name: 'Boa', icon: 'chart line' }],
      ['a negative order', 'order', { name: 'Boa', order: -1 }],
    ])('refuses %s as BAD_USER_INPUT naming %s, storing nothing', async (_name, field, input) => {
      expectBadInput(await run(CREATE_CATEGORY, { input }, admin), field);
      expect(await db.prisma.ideaCategory.count()).toBe(5);
    });

    it('refuses a name or slug another category has, as a CONFLICT naming the field', async () => {
      expect((await run(CREATE_CATEGORY, { input: { name: 'Risco' , slug: 'risco-2' } }, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'name' });
      expect((await run(CREATE_CATEGORY, { input: { name: 'Outro risco', slug: 'risco' } }, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'slug' });
      expect((await run(UPDATE_CATEGORY, { id: MIGRATION_CATEGORIES.infra, input: { name: 'Geral' } }, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'name' });
      expect(await db.prisma.ideaCategory.count()).toBe(5);
    });
  });

  describe('federation and batching', () => {
    it('resolves Idea entities in one store read, null for unknown ids', async () => {
      const a = await create({ title: 'A' });
      const b = await create({ title: 'B' });
      store.calls.ideasByIds = 0;
      const result = await run('query($r: [_Any!]!) { _entities(representations: $r) { ... on Idea { title } } }', {
        r: [{ __typename: 'Idea', id: b.id }, { __typename: 'Idea', id: UNKNOWN }, { __typename: 'Idea', id: 'not-a-uuid' }, { __typename: 'Idea', id: a.id }],
      });
      expect(result.data?._entities).toEqual([{ title: 'B' }, null, null, { title: 'A' }]);
      expect(store.calls.ideasByIds).toBe(1);
    });

    it('loads the categories and histories of a page of ideas in one read each', async () => {
      for (let n = 0; n < 12; n++) await create({ categoryId: n % 2 ? MIGRATION_CATEGORIES.risco : MIGRATION_CATEGORIES.analise });
      store.calls.categoriesByIds = 0;
      store.calls.historyOf = 0;
      const result = await run<{ ideas: { nodes: Array<{ category: { slug: string }; history: unknown[] }> } }>('{ ideas(first: 12) { nodes { category { slug } history { kind } } } }');
      expect(result.data!.ideas.nodes).toHaveLength(12);
      expect(result.data!.ideas.nodes.every((n) => n.history.length === 1)).toBe(true);
      expect(store.calls.categoriesByIds).toBe(1);
      expect(store.calls.historyOf).toBe(1);
    });

    it('publishes the transition table', async () => {
      const result = await run<{ ideaStatusTransitions: Array<{ from: string; to: string[] }> }>('{ ideaStatusTransitions { from to } }');
      expect(result.data!.ideaStatusTransitions).toEqual([
        { from: 'NEW', to: ['REVIEW', 'REJECTED'] },
        { from: 'REVIEW', to: ['IN_PROGRESS', 'REJECTED', 'NEW'] },
        { from: 'IN_PROGRESS', to: ['COMPLETED', 'REVIEW', 'REJECTED'] },
        { from: 'COMPLETED', to: ['REVIEW'] },
        { from: 'REJECTED', to: ['NEW'] },
      ]);
    });
  });
});
