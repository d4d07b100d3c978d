import { writeFileSync } from 'node:fs';
import { runOperation, runSubscription, type Viewer } from '@b3/kit';
import { type Database, openTestDatabase } from '@b3/prisma';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { loadDocsConfig } from '../src/config';
import { platformSystems } from '../src/platform-systems';
import { buildDocsSchema } from '../src/schema';
import { createPrismaSystemStore } from '../src/store/prisma-system.store';
import type { DocFile } from '../src/domain/doc-file';
import type { SystemId } from '../src/domain/system';
import { admin, createDocsHarness, type DocsHarness, otherTrader, trader, viewer } from './docs-harness';
import { createFakeStatusSources } from './fake-status.sources';

const REGISTER = 'mutation($input: RegisterSystemInput!) { registerSystem(input: $input) { id name description type url host port owner version tags builtIn status createdAt } }';
const UPDATE_SYSTEM = 'mutation($id: ID!, $input: UpdateSystemInput!) { updateSystem(id: $id, input: $input) { id name description owner tags port } }';
const CREATE_IDEA = `mutation($input: CreateDocIdeaInput!) { createDocIdea(input: $input) {
  id title description status position category priority assignee estimatedHours actualHours dueDate createdBy system { name } } }`;
const UPDATE_IDEA = 'mutation($id: ID!, $input: UpdateDocIdeaInput!) { updateDocIdea(id: $id, input: $input) { id title assignee estimatedHours dueDate system { name } } }';
const MOVE = 'mutation($id: ID!, $status: DocIdeaStatus!, $position: Int!) { moveDocIdea(id: $id, status: $status, position: $position) { status position } }';
const BOARD = '{ docIdeaBoard { status totalCount ideas { title position } } }';
const ATTACH = 'mutation($input: AttachDocFilesInput!) { attachDocFiles(input: $input) { id name public attachedAt downloadPath idea { title } system { name } } }';

type Extensions = { code?: string; field?: string; fields?: Array<{ field: string }> };
const extensionsOf = (result: ExecutionResult): Extensions => (result.errors?.[0]?.extensions ?? {}) as Extensions;

describe('docs schema', () => {
  let schema: GraphQLSchema;
  let db: Database;
  let h: DocsHarness;
  const run = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, who: Viewer | null = null) => runOperation<T>(schema, query, variables, h.ctx(who));

  beforeAll(async () => {
    schema = await buildDocsSchema();
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    h = await createDocsHarness(db, { sources: createFakeStatusSources(), platform: loadDocsConfig({}).platform, clock: () => new Date('2026-11-27T12:00:00Z') });
    await h.services.registry.seed(platformSystems({}));
  });
  afterEach(() => h.cleanup());

  describe('systems registry', () => {
    it('lists every platform process, seeded at the ports of this run, then registered systems', async () => {
      await run(REGISTER, { input: { name: 'grafana', description: 'Dashboards', type: 'WEBAPP', url: 'http://127.0.0.1:3000/' } }, admin);
      const result = await run<{ systems: Array<Record<string, unknown>> }>('{ systems { id name type url host port owner version tags builtIn status } }');
      expect(result.errors).toBeUndefined();
      const names = result.data!.systems.map((s) => s.name);
      expect(names).toEqual(['agents', 'bridge', 'bus', 'dashboard', 'docs', 'gateway', 'ideas', 'launcher', 'market', 'orders', 'signals', 'grafana']);
      const byName = new Map(result.data!.systems.map((s) => [s.name, s]));
      expect(byName.get('orders')).toEqual({
        id: 'platform:orders', name: 'orders', type: 'SUBGRAPH', url: 'http://127.0.0.1:3205/graphql', host: '127.0.0.1', port: 3205, owner: 'platform', version: '0.1.0', tags: ['platform', 'subgraph'], builtIn: true, status: 'UNKNOWN',
      });
      expect(byName.get('gateway')).toMatchObject({ type: 'API', port: 8000 });
      expect(byName.get('dashboard')).toMatchObject({ type: 'WEBAPP', url: 'http://127.0.0.1:3101/' });
      expect(byName.get('launcher')).toMatchObject({ type: 'API', port: 3500 });
      expect(byName.get('bus')).toMatchObject({ type: 'TOOL', url: 'mqtt://127.0.0.1:3510', port: 3510 });

      // the next start runs with other ports: the registry follows them, without duplicates
      await h.services.registry.seed(platformSystems({ ORDERS_PORT: '4205', BUS_URL: 'redis://:secret@127.0.0.1:6390' }));
      const again = await run<{ systems: Array<{ name: string; url: string; port: number }> }>('{ systems(filter: { tag: "platform" }) { name url port } }');
      expect(again.data!.systems).toHaveLength(11);
      expect(again.data!.systems.find((s) => s.name === 'orders')).toEqual({ name: 'orders', url: 'http://127.0.0.1:4205/graphql', port: 4205 });
      // a bus password is never shown
      expect(again.data!.systems.find((s) => s.name === 'bus')).toEqual({ name: 'bus', url: 'redis://127.0.0.1:6390', port: 6390 });
    });

    it('lets an admin register, change and delete a system', async () => {
      const created = await run<{ registerSystem: Record<string, unknown> }>(REGISTER, { input: { name: ' Grafana ', description: 'Dashboards', type: 'WEBAPP', url: 'http://127.0.0.1:3000/', tags: ['Ops'] } }, admin);
      expect(created.errors).toBeUndefined();
      expect(created.data!.registerSystem).toMatchObject({ name: 'grafana', host: '127.0.0.1', port: 3000, tags: ['ops'], builtIn: false, status: 'UNKNOWN', createdAt: '2026-11-27T12:00:00.000Z' });
      const id = created.data!.registerSystem.id as string;
      const changed = await run(UPDATE_SYSTEM, { id, input: { owner: 'ops', url: 'http://127.0.0.1:3001/' } }, admin);
      expect(changed.data).toEqual({ updateSystem: { id, name: 'grafana', description: 'Dashboards', owner: 'ops', tags: ['ops'], port: 3001 } });
      expect((await run('mutation($id: ID!) { deleteSystem(id: $id) }', { id }, admin)).data).toEqual({ deleteSystem: true });
      expect(await db.prisma.systemEntry.count({ where: { builtIn: false } })).toBe(0);
      expect(extensionsOf(await run('mutation($id: ID!) { deleteSystem(id: $id) }', { id }, admin)).code).toBe('DOCS_SYSTEM_NOT_FOUND');
    });

    it.each([
      ['name', { name: 'a b' }],
      ['description', { description: ' ' }],
      ['url', { url: 'ftp://example.test/' }],
      ['host', { host: 'not a host' }],
      ['port', { port: 0 }],
      ['owner', { owner: 'o'.repeat(121) }],
      ['version', { version: 'v'.repeat(65) }],
      ['tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
      ['tags[0]', { tags: ['Bad Tag'] }],
    ])('refuses an invalid %s with BAD_USER_INPUT naming it, and stores nothing', async (field, bad) => {
      const result = await run(REGISTER, { input: { name: 'grafana', description: 'Dashboards', ...bad } }, admin);
      expect(extensionsOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field, fields: [expect.objectContaining({ field })] });
      expect(await db.prisma.systemEntry.count({ where: { builtIn: false } })).toBe(0);
    });

    it('names every invalid field at once', async () => {
      const result = await run(REGISTER, { input: { name: 'x', description: '', url: 'nope', port: 70000 } }, admin);
      expect(extensionsOf(result).fields?.map((f) => f.field)).toEqual(['name', 'description', 'url', 'port']);
    });

    it('refuses anonymous callers and non-admins, a taken name, and changes to what the platform owns', async () => {
      const input = { name: 'grafana', description: 'Dashboards' };
      expect(extensionsOf(await run(REGISTER, { input })).code).toBe('UNAUTHENTICATED');
      expect(extensionsOf(await run(REGISTER, { input }, trader)).code).toBe('FORBIDDEN');
      await run(REGISTER, { input }, admin);
      expect(extensionsOf(await run(REGISTER, { input: { ...input, name: 'GRAFANA' } }, admin))).toMatchObject({ code: 'CONFLICT', field: 'name' });
      expect(extensionsOf(await run(REGISTER, { input: { ...input, name: 'orders' } }, admin))).toMatchObject({ code: 'CONFLICT', field: 'name' });

      const platform = await run(UPDATE_SYSTEM, { id: 'platform:orders', input: { port: 9999, name: 'orders2', description: 'The orders service' } }, admin);
      expect(extensionsOf(platform)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'name' }), expect.objectContaining({ field: 'port' })] });
      const described = await run<{ updateSystem: { description: string } }>(UPDATE_SYSTEM, { id: 'platform:orders', input: { description: 'The orders service', tags: ['core'] } }, admin);
      expect(described.data!.updateSystem).toMatchObject({ description: 'The orders service', tags: ['core'], port: 3205 });
      expect(extensionsOf(await run('mutation { deleteSystem(id: "platform:orders") }', {}, admin)).code).toBe('CONFLICT');
    });

    it('shows recent health history and resolves System and DocIdea entities for other subgraphs', async () => {
      const store = createPrismaSystemStore(db.prisma);
      await store.recordCheck('platform:market' as SystemId, { status: 'ONLINE', responseTimeMs: 2, detail: null }, new Date('2026-11-27T12:00:00Z'));
      await store.recordCheck('platform:market' as SystemId, { status: 'OFFLINE', responseTimeMs: null, detail: 'connection refused' }, new Date('2026-11-27T12:00:15Z'));
      const result = await run('{ system(id: "platform:market") { status statusDetail checkedAt statusChangedAt history(limit: 5) { status responseTimeMs detail checkedAt } } }');
      expect(result.data).toEqual({
        system: {
          status: 'OFFLINE',
          statusDetail: 'connection refused',
          checkedAt: '2026-11-27T12:00:15.000Z',
          statusChangedAt: '2026-11-27T12:00:15.000Z',
          history: [
            { status: 'OFFLINE', responseTimeMs: null, detail: 'connection refused', checkedAt: '2026-11-27T12:00:15.000Z' },
            { status: 'ONLINE', responseTimeMs: 2, detail: null, checkedAt: '2026-11-27T12:00:00.000Z' },
          ],
        },
      });
      expect(extensionsOf(await run('{ systems { history(limit: 101) { status } } }'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit' });
      const idea = await run<{ createDocIdea: { id: string } }>(CREATE_IDEA, { input: { title: 'Runbook' } }, trader);
      const entities = await run('query($r: [_Any!]!) { _entities(representations: $r) { ... on System { name } ... on DocIdea { title } } }', {
        r: [{ __typename: 'System', id: 'platform:gateway' }, { __typename: 'DocIdea', id: idea.data!.createDocIdea.id }, { __typename: 'System', id: 'missing' }, { __typename: 'DocIdea', id: 'not-a-uuid' }],
      });
      expect(entities.data).toEqual({ _entities: [{ name: 'gateway' }, { title: 'Runbook' }, null, null] });
    });

    it('publishes systemStatusChanged, optionally for one system', async () => {
      const stream = (await runSubscription(schema, 'subscription { systemStatusChanged(name: "market") { previousStatus status system { name statusDetail } } }', {}, h.ctx(null))) as AsyncIterableIterator<ExecutionResult>;
      const next = stream.next();
      const [orders, market] = await h.services.registry.byIds(['platform:orders', 'platform:market'] as SystemId[]);
      h.services.events.publish({ system: { ...orders!, status: 'OFFLINE' }, previous: 'ONLINE' });
      h.services.events.publish({ system: { ...market!, status: 'DEGRADED', statusDetail: 'slow', checkedAt: new Date() }, previous: 'ONLINE' });
      expect((await next).value.data).toEqual({ systemStatusChanged: { previousStatus: 'ONLINE', status: 'DEGRADED', system: { name: 'market', statusDetail: 'slow' } } });
      await stream.return?.();
    });
  });

  describe('documentation board', () => {
    const create = (input: Record<string, unknown>, who: Viewer | null = trader) => run<{ createDocIdea: Record<string, unknown> & { id: string } }>(CREATE_IDEA, { input }, who);

    it('creates a card with every field, linked to a system', async () => {
      const result = await create({
        title: ' Document the gateway ', description: 'Auth, limits, errors', status: 'TODO', category: 'api', priority: 'HIGH', assignee: 'ana',
        systemId: 'platform:gateway', estimatedHours: 6, actualHours: 1.5, dueDate: '2026-12-15',
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.createDocIdea).toMatchObject({
        title: 'Document the gateway', status: 'TODO', position: 0, category: 'api', priority: 'HIGH', assignee: 'ana', estimatedHours: 6, actualHours: 1.5, dueDate: '2026-12-15', createdBy: 'u-trader', system: { name: 'gateway' },
      });
      expect((await create({ title: 'Defaults' })).data!.createDocIdea).toMatchObject({ status: 'BACKLOG', position: 0, priority: 'MEDIUM', description: '', system: null });
    });

    it.each([
      ['title', { title: ' ' }],
      ['description', { description: 'd'.repeat(10_001) }],
      ['position', { position: -1 }],
      ['category', { category: 'c'.repeat(65) }],
      ['assignee', { assignee: 'a'.repeat(121) }],
      ['systemId', { systemId: 'no-such-system' }],
      ['estimatedHours', { estimatedHours: 0 }],
      ['estimatedHours', { estimatedHours: 1000.01 }],
      ['actualHours', { actualHours: 0.99 }],
      ['actualHours', { actualHours: 1001 }],
      ['dueDate', { dueDate: '2026-02-30' }],
      ['dueDate', { dueDate: 'tomorrow' }],
    ])('refuses an invalid %s with BAD_USER_INPUT naming it, and stores nothing', async (field, bad) => {
      const result = await create({ title: 'Runbook', ...bad });
      expect(extensionsOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field, fields: [expect.objectContaining({ field })] });
      expect(await db.prisma.docIdea.count()).toBe(0);
    });

    it('validates a change the same way, field by field, and changes nothing then', async () => {
      const { id } = (await create({ title: 'Runbook', assignee: 'ana' })).data!.createDocIdea;
      const bad = await run(UPDATE_IDEA, { id, input: { title: '', estimatedHours: 5000, dueDate: '2026-13-01', systemId: 'nope' } }, trader);
      expect(extensionsOf(bad).fields?.map((f) => f.field)).toEqual(['title', 'estimatedHours', 'dueDate', 'systemId']);
      expect(await db.prisma.docIdea.findUnique({ where: { id } })).toMatchObject({ title: 'Runbook', assignee: 'ana', estimatedHours: null });
      const good = await run(UPDATE_IDEA, { id, input: { assignee: null, estimatedHours: 3, dueDate: '2027-01-04', systemId: 'platform:docs' } }, trader);
      expect(good.data).toEqual({ updateDocIdea: { id, title: 'Runbook', assignee: null, estimatedHours: 3, dueDate: '2027-01-04', system: { name: 'docs' } } });
      expect(extensionsOf(await run(UPDATE_IDEA, { id: '00000000-0000-4000-8000-000000000000', input: { title: 'x' } }, trader)).code).toBe('DOCS_IDEA_NOT_FOUND');
    });

    it('moves cards between columns, keeping every column numbered 0..n-1', async () => {
      const ids: string[] = [];
      for (const title of ['a', 'b', 'c']) ids.push((await create({ title, status: 'TODO' })).data!.createDocIdea.id);
      expect((await run(MOVE, { id: ids[2], status: 'TODO', position: 0 }, trader)).data).toEqual({ moveDocIdea: { status: 'TODO', position: 0 } });
      expect((await run(MOVE, { id: ids[0], status: 'IN_PROGRESS', position: 5 }, trader)).data).toEqual({ moveDocIdea: { status: 'IN_PROGRESS', position: 0 } });
      const board = await run<{ docIdeaBoard: Array<{ status: string; totalCount: number; ideas: Array<{ title: string; position: number }> }> }>(BOARD);
      expect(board.data!.docIdeaBoard).toEqual([
        { status: 'BACKLOG', totalCount: 0, ideas: [] },
        { status: 'TODO', totalCount: 2, ideas: [{ title: 'c', position: 0 }, { title: 'b', position: 1 }] },
        { status: 'IN_PROGRESS', totalCount: 1, ideas: [{ title: 'a', position: 0 }] },
        { status: 'REVIEW', totalCount: 0, ideas: [] },
        { status: 'DONE', totalCount: 0, ideas: [] },
      ]);
      expect(extensionsOf(await run(MOVE, { id: ids[1], status: 'TODO', position: -2 }, trader))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'position' });
      expect(extensionsOf(await run(MOVE, { id: 'nope', status: 'TODO', position: 0 }, trader)).code).toBe('DOCS_IDEA_NOT_FOUND');
      expect(extensionsOf(await run(MOVE, { id: ids[1], status: 'DONE', position: 0 }, viewer)).code).toBe('FORBIDDEN');

      expect((await run('mutation($id: ID!) { deleteDocIdea(id: $id) }', { id: ids[2] }, trader)).data).toEqual({ deleteDocIdea: true });
      const todo = await run<{ docIdeas: { totalCount: number; edges: Array<{ node: { title: string; position: number } }> } }>('{ docIdeas(status: TODO) { totalCount edges { node { title position } } } }');
      expect(todo.data!.docIdeas).toEqual({ totalCount: 1, edges: [{ node: { title: 'b', position: 0 } }] });
    });

    it('pages a column with cursors and refuses bad page arguments', async () => {
      for (let i = 0; i < 5; i++) await create({ title: `card ${i}` });
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: ExecutionResult<{ docIdeas: { edges: Array<{ node: { title: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } }> = await run(
          'query($after: String) { docIdeas(status: BACKLOG, first: 2, after: $after) { edges { node { title } } pageInfo { hasNextPage endCursor } } }',
          { after },
        );
        seen.push(...page.data!.docIdeas.edges.map((e) => e.node.title));
        after = page.data!.docIdeas.pageInfo.hasNextPage ? page.data!.docIdeas.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(['card 0', 'card 1', 'card 2', 'card 3', 'card 4']);
      expect(extensionsOf(await run('{ docIdeas(status: BACKLOG, first: 0) { totalCount } }'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(extensionsOf(await run('{ docIdeas(status: BACKLOG, after: "nope") { totalCount } }'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('lets traders write and anyone read', async () => {
      expect(extensionsOf(await create({ title: 'x' }, null)).code).toBe('UNAUTHENTICATED');
      expect(extensionsOf(await create({ title: 'x' }, viewer)).code).toBe('FORBIDDEN');
      expect(await db.prisma.docIdea.count()).toBe(0);
      await create({ title: 'x' }, admin);
      expect((await run<{ docIdeaBoard: Array<{ totalCount: number }> }>(BOARD)).data!.docIdeaBoard[0].totalCount).toBe(1);
    });
  });

  describe('attaching uploads', () => {
    const upload = async (who: Viewer, name: string, isPublic = false): Promise<DocFile> => {
      const path = h.storage.newIncomingPath();
      writeFileSync(path, '# notes\n');
      const [file] = await h.services.files.saveUploads(who, [{ incomingPath: path, originalName: name, mimeType: 'text/markdown', sizeBytes: 8, sha256: 'a'.repeat(64) }], isPublic);
      return file;
    };

    it('attaches your uploads to an idea or a system; private ones are listed only for signed-in viewers', async () => {
      const idea = (await run<{ createDocIdea: { id: string } }>(CREATE_IDEA, { input: { title: 'Runbook' } }, trader)).data!.createDocIdea;
      const [secret, open] = [await upload(trader, 'secret.md'), await upload(trader, 'open.md', true)];
      const attached = await run<{ attachDocFiles: Array<Record<string, unknown>> }>(ATTACH, { input: { fileIds: [secret.id, open.id], ideaId: idea.id } }, trader);
      expect(attached.errors).toBeUndefined();
      expect(attached.data!.attachDocFiles).toEqual([
        { id: secret.id, name: 'secret.md', public: false, attachedAt: '2026-11-27T12:00:00.000Z', downloadPath: `/docs/files/${secret.id}`, idea: { title: 'Runbook' }, system: null },
        { id: open.id, name: 'open.md', public: true, attachedAt: '2026-11-27T12:00:00.000Z', downloadPath: `/docs/files/${open.id}`, idea: { title: 'Runbook' }, system: null },
      ]);
      const list = (who: Viewer | null) => run<{ docIdea: { files: Array<{ name: string }> } }>('query($id: ID!) { docIdea(id: $id) { files { name } } }', { id: idea.id }, who);
      expect((await list(null)).data!.docIdea.files).toEqual([{ name: 'open.md' }]);
      expect((await list(viewer)).data!.docIdea.files.map((f) => f.name).sort()).toEqual(['open.md', 'secret.md']);

      const manual = await upload(admin, 'manual.md');
      await run(ATTACH, { input: { fileIds: [manual.id], systemId: 'platform:orders' } }, admin);
      const system = await run('{ system(id: "platform:orders") { files { name system { name } } } }', {}, viewer);
      expect(system.data).toEqual({ system: { files: [{ name: 'manual.md', system: { name: 'orders' } }] } });
    });

    it('refuses bad targets and ids by field, someone else’s upload, and attaching twice', async () => {
      const idea = (await run<{ createDocIdea: { id: string } }>(CREATE_IDEA, { input: { title: 'Runbook' } }, trader)).data!.createDocIdea;
      const mine = await upload(trader, 'mine.md');
      const both = await run(ATTACH, { input: { fileIds: [mine.id], ideaId: idea.id, systemId: 'platform:orders' } }, trader);
      expect(extensionsOf(both)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'systemId' });
      expect(extensionsOf(await run(ATTACH, { input: { fileIds: [mine.id] } }, trader))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ideaId' });
      expect(extensionsOf(await run(ATTACH, { input: { fileIds: [mine.id], ideaId: '00000000-0000-4000-8000-000000000000' } }, trader))).toMatchObject({ field: 'ideaId' });
      expect(extensionsOf(await run(ATTACH, { input: { fileIds: [mine.id], systemId: 'nope' } }, trader))).toMatchObject({ field: 'systemId' });
      const ids = await run(ATTACH, { input: { fileIds: [mine.id, 'x', mine.id], ideaId: idea.id } }, trader);
      expect(extensionsOf(ids).fields?.map((f) => f.field)).toEqual(['fileIds[1]', 'fileIds[2]']);
      expect(extensionsOf(await run(ATTACH, { input: { fileIds: [], ideaId: idea.id } }, trader))).toMatchObject({ field: 'fileIds' });
      expect(extensionsOf(await run(ATTACH, { input: { fileIds: [mine.id], ideaId: idea.id } }, otherTrader)).code).toBe('FORBIDDEN');
      expect(extensionsOf(await run(ATTACH, { input: { fileIds: [mine.id], ideaId: idea.id } }, viewer)).code).toBe('FORBIDDEN');
      expect(await db.prisma.docFile.count({ where: { attachedAt: { not: null } } })).toBe(0);
      await run(ATTACH, { input: { fileIds: [mine.id], ideaId: idea.id } }, trader);
      expect(extensionsOf(await run(ATTACH, { input: { fileIds: [mine.id], systemId: 'platform:orders' } }, trader))).toMatchObject({ code: 'CONFLICT', field: 'fileIds[0]' });
    });

    it('deletes an idea’s files, rows and content, with the idea', async () => {
      const idea = (await run<{ createDocIdea: { id: string } }>(CREATE_IDEA, { input: { title: 'Runbook' } }, trader)).data!.createDocIdea;
      const file = await upload(trader, 'notes.md');
      await run(ATTACH, { input: { fileIds: [file.id], ideaId: idea.id } }, trader);
      expect(h.filesOnDisk()).toContain(file.id);
      await run('mutation($id: ID!) { deleteDocIdea(id: $id) }', { id: idea.id }, trader);
      expect(await db.prisma.docFile.count()).toBe(0);
      expect(h.filesOnDisk()).toEqual([]);
    });
  });
});
