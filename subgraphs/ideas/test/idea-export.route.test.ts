import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger, type HttpRouteContext, type Viewer } from '@b3/kit';
import { type Database, openTestDatabase, resetDatabase } from '@b3/prisma';
import { parse } from 'csv-parse/sync';
import { createIdeaExportRoute, type IdeaExportRoute } from '../src/export/idea-export.route';
import { EXPORT_COLUMNS } from '../src/export/idea-export';
import { CategoryService } from '../src/services/category.service';
import { IdeaEvents } from '../src/services/idea-events';
import { IdeaService } from '../src/services/idea.service';
import { createPrismaIdeaStore } from '../src/store/prisma-idea.store';
import { countingStore, MIGRATION_CATEGORIES, seedDefaultCategories } from './ideas-fixtures';

const trader: Viewer = { id: 'u-trader', roles: ['trader'] };
const NOW = new Date('2026-11-26T13:00:00.000Z');
const PAGE_SIZE = 7;

/**
 * The export route on a loopback server (as the kit mounts it: the verified viewer comes in the third
 * argument; here a test header stands in for the gateway's signed one), backed by PGlite.
 */
describe('GET /ideas/export', () => {
  let db: Database;
  let store: ReturnType<typeof countingStore>;
  let ideas: IdeaService;
  let route: IdeaExportRoute;
  let server: Server;
  let base: string;
  const pending: Array<Promise<void>> = [];
  const context = (viewer: Viewer | null): HttpRouteContext => ({ viewer, requestId: 'req-1', logger: createLogger('test', 'silent') });

  const get = (query: string, who: Viewer | null = trader) => fetch(`${base}/ideas/export${query}`, { headers: who ? { 'x-test-viewer': JSON.stringify(who) } : {} });
  const file = async (n: number, overrides: Record<string, unknown> = {}) => {
    const created = [];
    for (let i = 0; i < n; i++) {
      created.push(await ideas.create(trader, { title: `Ideia ${i}`, description: `Descrição ${i}`, categoryId: MIGRATION_CATEGORIES.analise, ...overrides }));
    }
    return created;
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const header = req.headers['x-test-viewer'];
      const done = route.handler(req, res, context(typeof header === 'string' ? (JSON.parse(header) as Viewer) : null));
      pending.push(done.catch(() => undefined));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    store = countingStore(createPrismaIdeaStore(db.prisma));
    await seedDefaultCategories(store);
    let tick = 0;
    // one millisecond apart, so newest-first is the reverse of creation
    const clock = () => new Date(NOW.getTime() + tick++);
    ideas = new IdeaService(store, new IdeaEvents(), clock);
    route = createIdeaExportRoute({ ideas, categories: new CategoryService(store), clock: () => NOW, pageSize: PAGE_SIZE });
  });
  afterEach(async () => {
    await Promise.all(pending.splice(0));
  });

  it('is mounted where the gateway forwards it', () => {
    expect([route.method, route.path]).toEqual(['GET', '/ideas/export']);
  });

  it('refuses an anonymous caller with 401 JSON, reading nothing', async () => {
    const response = await get('?format=csv', null);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({ error: 'Authentication required', code: 'UNAUTHENTICATED', requestId: 'req-1' });
    expect(store.calls.listIdeas).toBe(0);
  });

  it('answers bad parameters with 400 JSON naming every field, reading nothing', async () => {
    const response = await get('?format=xml&status=OPEN&createdFrom=ontem&colour=red');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; field: string; fields: Array<{ field: string }> };
    expect(body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'colour' });
    expect(body.fields.map((f) => f.field)).toEqual(['colour', 'format', 'status', 'createdFrom']);
    expect(store.calls.listIdeas).toBe(0);
  });

  it('streams the filter’s ideas as RFC 4180 CSV, a page of the store at a time, as a download', async () => {
    const tricky = await ideas.create(trader, {
      title: 'Vender "VALE3", talvez',
      description: '# Tese\r\nlinha 2\nlinha 3; com vírgula, e "aspas"',
      categoryId: MIGRATION_CATEGORIES.risco,
      tags: ['swing', 'análise'],
      ticker: 'vale3',
      priority: 'CRITICAL',
    });
    const formula = await ideas.create(trader, { title: '=HYPERLINK("http://x")', description: '-5% hoje', categoryId: MIGRATION_CATEGORIES.geral });
    const plain = await file(18);
    store.calls.listIdeas = 0;

    const response = await get('?format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="ideas-20261126T130000Z.csv"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();

    // 20 ideas, 7 a page: three reads of the store, never all at once
    expect(store.calls.listIdeas).toBe(3);
    expect(text.startsWith(`${EXPORT_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/"[^"]*(?:""[^"]*)*"/g, '').split('\r\n').every((line) => !line.includes('\n') && !line.includes('\r'))).toBe(true);
    expect(text).toContain('"Vender ""VALE3"", talvez"');
    expect(text).toContain('"# Tese\nlinha 2\nlinha 3; com vírgula, e ""aspas"""');

    const rows = parse(text, { columns: true, record_delimiter: '\r\n' }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(20);
    expect(rows.map((r) => r.id)).toEqual([...plain].reverse().map((i) => i.id).concat(formula.id, tricky.id));
    expect(rows.at(-1)).toEqual({
      id: tricky.id,
      title: 'Vender "VALE3", talvez',
      description: '# Tese\nlinha 2\nlinha 3; com vírgula, e "aspas"',
      category: 'Risco',
      categorySlug: 'risco',
      priority: 'CRITICAL',
      status: 'NEW',
      tags: 'swing;análise',
      ticker: 'VALE3',
      signalId: '',
      authorId: 'u-trader',
      createdAt: tricky.createdAt.toISOString(),
      updatedAt: tricky.updatedAt.toISOString(),
      version: '1',
    });
    // user text never becomes a spreadsheet formula
    expect(rows.at(-2)).toMatchObject({ title: `'=HYPERLINK("http://x")`, description: "'-5% hoje" });
  });

  it('streams JSON with the same filter and order as ideas(filter:, orderBy:)', async () => {
    const [high] = await file(1, { priority: 'HIGH', ticker: 'PETR4' });
    await file(3, { ticker: 'PETR4' });
    await file(2, { ticker: 'VALE3', priority: 'HIGH' });
    await ideas.update(trader, high!.id, { status: 'REVIEW' });

    const response = await get('?format=json&ticker=petr4&orderBy=PRIORITY_DESC');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="ideas-20261126T130000Z.json"');
    const body = (await response.json()) as Array<Record<string, unknown>>;
    expect(body).toHaveLength(4);
    expect(Object.keys(body[0]!)).toEqual([...EXPORT_COLUMNS]);
    expect(body[0]).toMatchObject({ id: high!.id, priority: 'HIGH', status: 'REVIEW', version: 2, ticker: 'PETR4', tags: [], category: 'Análise', signalId: null });

    const reviewing = (await (await get('?format=json&status=REVIEW,NEW&ticker=PETR4&text=ideia')).json()) as unknown[];
    expect(reviewing).toHaveLength(4);
    expect(await (await get('?format=json&status=COMPLETED')).json()).toEqual([]);
  });

  it('exports an empty filter as just the header row, and adds a BOM when asked', async () => {
    expect(await (await get('?status=REJECTED')).text()).toBe(`${EXPORT_COLUMNS.join(',')}\r\n`);
    await file(1);
    const bytes = new Uint8Array(await (await get('?bom=true')).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('waits for a slow client between pages, and stops reading the store when the client goes away', async () => {
    await file(30);
    store.calls.listIdeas = 0;
    const sink = new SlowResponse();
    const done = route.handler({ url: '/ideas/export?format=json' } as IncomingMessage, sink as unknown as ServerResponse, context(trader));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    await sink.waitForChunks(1); // '[' (the first page was read before the headers)
    await settle();
    expect(store.calls.listIdeas).toBe(1);
    sink.take();
    await sink.waitForChunks(2); // the first page, not taken yet
    await settle();
    expect(store.calls.listIdeas).toBe(1);
    sink.take();
    await sink.waitForChunks(3); // taken: only now the second page is read
    expect(store.calls.listIdeas).toBe(2);
    sink.destroy();
    await done;
    expect(store.calls.listIdeas).toBe(2);
    expect(sink.status).toBe(200);
  });
});

/** A response whose client reads only when told to: every write is held until `take()`. */
class SlowResponse extends Writable {
  status = 0;
  headers: Record<string, string> = {};
  readonly chunks: string[] = [];
  private held: Array<() => void> = [];
  private waiters: Array<() => void> = [];

  constructor() {
    super({ highWaterMark: 16 });
  }

  writeHead(status: number, headers: Record<string, string>): this {
    this.status = status;
    this.headers = headers;
    return this;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(chunk.toString());
    this.held.push(callback);
    this.waiters.splice(0).forEach((w) => w());
  }

  take(): void {
    this.held.splice(0).forEach((release) => release());
  }

  async waitForChunks(n: number): Promise<void> {
    while (this.chunks.length < n) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}
