import { createHash } from 'node:crypto';
import { createLogger, type RunningSubgraph, signInternalViewer, startSubgraph, type Viewer } from '@b3/kit';
import { type Database, openTestDatabase } from '@b3/prisma';
import { loadDocsConfig } from '../src/config';
import { createDocsContext } from '../src/context';
import { MAX_FILE_BYTES } from '../src/domain/doc-file';
import { createDownloadRoute } from '../src/http/download.route';
import { createUploadRoute } from '../src/http/upload.route';
import { buildDocsSchema } from '../src/schema';
import { admin, createDocsHarness, type DocsHarness, otherTrader, trader, viewer } from './docs-harness';
import { createFakeStatusSources } from './fake-status.sources';

const SECRET = 'uploads-test-secret';
const LIMITS = { maxFileBytes: MAX_FILE_BYTES, maxFiles: 5, maxBodyBytes: 5 * MAX_FILE_BYTES + 1024 * 1024 };

/** A small but real PDF, with bytes above 0x7f so a text round trip would show. */
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n%'),
  Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]),
  Buffer.from('\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256)),
]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(64, 1)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.from([0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]), Buffer.from('This program cannot be run in DOS mode.'), Buffer.alloc(512)]);
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

type Part = { name: string; data: Buffer | string };
type Refusal = { errors: Array<{ message: string; extensions: { code: string; field?: string; requestId: string } }> };
type Uploaded = { files: Array<{ id: string; name: string; mimeType: string; sizeBytes: number; sha256: string; public: boolean; downloadPath: string; attachBefore: string }> };

describe('POST /docs/uploads and GET /docs/files/<id>', () => {
  let db: Database;
  let h: DocsHarness;
  let subgraph: RunningSubgraph;
  let origin: string;
  let now: Date;

  const headersFor = async (who: Viewer | null): Promise<Record<string, string>> => (who ? { 'x-b3-viewer': await signInternalViewer(who, SECRET) } : {});
  const upload = async (parts: Part[], who: Viewer | null = trader, fields: Record<string, string> = {}): Promise<Response> => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const part of parts) form.append('files', new Blob([typeof part.data === 'string' ? part.data : new Uint8Array(part.data)]), part.name);
    return fetch(`${origin}/docs/uploads`, { method: 'POST', body: form, headers: await headersFor(who) });
  };
  const download = async (id: string, who: Viewer | null = null, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${origin}/docs/files/${id}`, { headers: { ...(await headersFor(who)), ...headers } });
  const attachToNewIdea = async (fileIds: string[], who: Viewer = trader): Promise<void> => {
    const idea = await h.services.ideas.create(who, { title: 'Runbook' });
    await h.services.files.attach(who, { fileIds, ideaId: idea.id });
  };
  const expectNothingKept = async (): Promise<void> => {
    expect(h.filesOnDisk()).toEqual([]);
    expect(await db.prisma.docFile.count()).toBe(0);
  };

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    now = new Date('2026-11-27T12:00:00Z');
    h = await createDocsHarness(db, { sources: createFakeStatusSources(), platform: loadDocsConfig({}).platform, clock: () => now });
    const { services, storage } = h;
    subgraph = await startSubgraph({
      name: 'docs',
      port: 0,
      host: '127.0.0.1',
      secret: SECRET,
      logger: createLogger('docs', 'silent'),
      schema: await buildDocsSchema(),
      context: (base) => createDocsContext(base, services),
      httpRoutes: [createUploadRoute({ files: services.files, storage, limits: LIMITS }), createDownloadRoute({ files: services.files, storage })],
    });
    origin = subgraph.url.replace(/\/graphql$/, '');
  });
  afterEach(async () => {
    await subgraph.stop();
    h.cleanup();
  });

  it('round-trips a PDF byte for byte with its checksum, counting each download', async () => {
    const res = await upload([{ name: 'Manual de operações.pdf', data: PDF }]);
    expect(res.status).toBe(201);
    const { files } = (await res.json()) as Uploaded;
    expect(files).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Manual de operações.pdf',
        mimeType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: sha256(PDF),
        public: false,
        downloadPath: `/docs/files/${files[0].id}`,
        attachBefore: '2026-11-28T12:00:00.000Z',
      },
    ]);
    // stored under its generated id; the client's name is only metadata
    expect(h.filesOnDisk()).toEqual([files[0].id]);
    await attachToNewIdea([files[0].id]);

    for (let i = 1; i <= 3; i++) {
      const got = await download(files[0].id, viewer);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('x-checksum-sha256')).toBe(sha256(PDF));
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(got.headers.get('content-disposition')).toBe(`attachment; filename="Manual de opera__es.pdf"; filename*=UTF-8''Manual%20de%20opera%C3%A7%C3%B5es.pdf`);
      const body = Buffer.from(await got.arrayBuffer());
      expect(body.equals(PDF)).toBe(true);
      expect(sha256(body)).toBe(files[0].sha256);
      expect((await db.prisma.docFile.findUnique({ where: { id: files[0].id } }))!.downloads).toBe(i);
    }
    // a revalidation with the checksum is not a download
    const cached = await download(files[0].id, viewer, { 'if-none-match': `"${sha256(PDF)}"` });
    expect(cached.status).toBe(304);
    expect((await db.prisma.docFile.findUnique({ where: { id: files[0].id } }))!.downloads).toBe(3);
  });

  it('refuses a private file to an anonymous caller, and serves a public one to anyone', async () => {
    const privateFile = ((await (await upload([{ name: 'private.png', data: PNG }])).json()) as Uploaded).files[0];
    const publicFile = ((await (await upload([{ name: 'public.md', data: '# Hello\n' }], trader, { public: 'true' })).json()) as Uploaded).files[0];
    expect(publicFile).toMatchObject({ public: true, mimeType: 'text/markdown' });
    await attachToNewIdea([privateFile.id, publicFile.id]);

    const refused = await download(privateFile.id);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as Refusal).errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const open = await download(publicFile.id);
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await open.text()).toBe('# Hello\n');
    expect(await db.prisma.docFile.findUnique({ where: { id: privateFile.id } })).toMatchObject({ downloads: 0 });
  });

  it('shows an upload not attached yet only to its uploader, and answers 404 for ids that are not files', async () => {
    const { id } = ((await (await upload([{ name: 'draft.csv', data: 'symbol,price\nPETR4,38.50\n' }])).json()) as Uploaded).files[0];
    expect((await download(id, otherTrader)).status).toBe(404);
    expect((await download(id)).status).toBe(404);
    const own = await download(id, trader);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    await own.arrayBuffer();
    for (const bad of ['00000000-0000-4000-8000-000000000000', 'not-an-id', '..%2F..%2Fetc%2Fpasswd']) {
      const res = await download(bad, admin);
      expect(res.status).toBe(404);
      expect(((await res.json()) as Refusal).errors[0].extensions.code).toBe('DOCS_FILE_NOT_FOUND');
    }
  });

  describe('refuses with a 4xx JSON error naming the problem, and keeps nothing', () => {
    it.each<[string, () => Part[], number, string, string | undefined]>([
      ['an 11 MB file', () => [{ name: 'big.pdf', data: Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]) }], 413, 'DOCS_FILE_TOO_LARGE', 'files[0]'],
      ['six files', () => Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.png`, data: PNG })), 413, 'DOCS_TOO_MANY_FILES', 'files'],
      ['an .exe renamed .png', () => [{ name: 'holiday.png', data: EXE }], 415, 'DOCS_UNSUPPORTED_FILE_TYPE', 'files[0]'],
      ['a file name with a path', () => [{ name: '../../etc/passwd', data: 'root:x:0:0\n' }], 400, 'BAD_USER_INPUT', 'files[0]'],
      ['an empty file', () => [{ name: 'empty.txt', data: Buffer.alloc(0) }], 400, 'DOCS_EMPTY_FILE', 'files[0]'],
      ['a good file beside a bad one', () => [{ name: 'ok.pdf', data: PDF }, { name: 'bad.png', data: EXE }], 415, 'DOCS_UNSUPPORTED_FILE_TYPE', 'files[1]'],
      ['a PNG named .pdf', () => [{ name: 'diagram.pdf', data: PNG }], 415, 'DOCS_UNSUPPORTED_FILE_TYPE', 'files[0]'],
      ['JSON that does not parse', () => [{ name: 'config.json', data: '{"a": ' }], 415, 'DOCS_UNSUPPORTED_FILE_TYPE', 'files[0]'],
      ['an extension not on the list', () => [{ name: 'page.html', data: '<script>alert(1)</script>' }], 415, 'DOCS_UNSUPPORTED_FILE_TYPE', 'files[0]'],
      ['no file at all', () => [], 400, 'BAD_USER_INPUT', 'files'],
    ])('%s', async (_what, parts, status, code, field) => {
      const res = await upload(parts());
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as Refusal;
      expect(body.errors[0].extensions).toMatchObject({ code, ...(field ? { field } : {}) });
      expect(body.errors[0].message.length).toBeGreaterThan(0);
      await expectNothingKept();
    });

    it('a caller who is not signed in, a viewer, a body that is not multipart, and a bad public flag', async () => {
      expect((await upload([{ name: 'a.png', data: PNG }], null)).status).toBe(401);
      expect((await upload([{ name: 'a.png', data: PNG }], viewer)).status).toBe(403);
      const json = await fetch(`${origin}/docs/uploads`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', ...(await headersFor(trader)) } });
      expect(json.status).toBe(415);
      const flag = await upload([{ name: 'a.png', data: PNG }], trader, { public: 'maybe' });
      expect(flag.status).toBe(400);
      expect(((await flag.json()) as Refusal).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'public' });
      await expectNothingKept();
    });
  });

  it('accepts five files of up to 10 MB each in one request', async () => {
    const tenMb = Buffer.concat([PDF, Buffer.alloc(MAX_FILE_BYTES - PDF.length, 7)]);
    const res = await upload([{ name: 'max.pdf', data: tenMb }, ...Array.from({ length: 4 }, (_, i) => ({ name: `p${i}.png`, data: PNG }))]);
    expect(res.status).toBe(201);
    const { files } = (await res.json()) as Uploaded;
    expect(files.map((f) => [f.name, f.sizeBytes])).toEqual([['max.pdf', MAX_FILE_BYTES], ...Array.from({ length: 4 }, (_, i) => [`p${i}.png`, PNG.length])]);
    expect(files[0].sha256).toBe(sha256(tenMb));
    expect(h.filesOnDisk().sort()).toEqual(files.map((f) => f.id).sort());
  });

  it('removes uploads left unattached for a day, keeping attached ones', async () => {
    const { files } = (await (await upload([{ name: 'keep.png', data: PNG }, { name: 'drop.png', data: PNG }])).json()) as Uploaded;
    await attachToNewIdea([files[0].id]);
    now = new Date(now.getTime() + 23 * 60 * 60 * 1000);
    expect(await h.services.files.sweep()).toMatchObject({ unattached: 0 });
    now = new Date(now.getTime() + 2 * 60 * 60 * 1000);
    expect(await h.services.files.sweep()).toMatchObject({ unattached: 1 });
    expect(h.filesOnDisk()).toEqual([files[0].id]);
    expect((await db.prisma.docFile.findMany()).map((f) => f.originalName)).toEqual(['keep.png']);
  });
});

describe('an upload the client abandons', () => {
  it('leaves nothing on disk', async () => {
    const { request } = await import('node:http');
    const db = await openTestDatabase();
    const h = await createDocsHarness(db, { sources: createFakeStatusSources(), platform: loadDocsConfig({}).platform });
    const subgraph = await startSubgraph({
      name: 'docs',
      port: 0,
      host: '127.0.0.1',
      secret: SECRET,
      logger: createLogger('docs', 'silent'),
      schema: await buildDocsSchema(),
      context: (base) => createDocsContext(base, h.services),
      httpRoutes: [createUploadRoute({ files: h.services.files, storage: h.storage, limits: LIMITS })],
    });
    try {
      const boundary = 'b3boundary';
      const req = request(subgraph.url.replace(/\/graphql$/, '/docs/uploads'), {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-b3-viewer': await signInternalViewer(trader, SECRET) },
      });
      req.on('error', () => undefined);
      req.write(`--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="half.pdf"\r\ncontent-type: application/pdf\r\n\r\n`);
      req.write(PDF);
      // the part is being written to disk now
      for (let i = 0; i < 50 && h.filesOnDisk().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(h.filesOnDisk()).toHaveLength(1);
      req.destroy();
      for (let i = 0; i < 100 && h.filesOnDisk().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(h.filesOnDisk()).toEqual([]);
      expect(await db.prisma.docFile.count()).toBe(0);
    } finally {
      await subgraph.stop();
      h.cleanup();
      await db.close();
    }
  });
});
