import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, signUserToken, VIEWER_HEADER, verifyInternalViewer } from '@b3/kit';
import { loadGatewayConfig } from '../src/config';
import { type RunningGateway, startGateway } from '../src/gateway';

/**
 * The viewer-authenticated routes (downloads, uploads, exports): the user's token is checked at the
 * gateway and passed on as the signed viewer header, never as the token itself.
 */
const JWT_SECRET = 'http-forward-test-jwt';
const INTERNAL = 'http-forward-test-internal';
const DOCS_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query { docsPing: String }
`;

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bytes: number;
}

describe('gateway forwards the docs routes with the signed viewer', () => {
  let dir: string;
  let upstream: Server;
  let gateway: RunningGateway;
  let origin: string;
  const seen: Seen[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'b3-http-forward-'));
    upstream = createServer((req, res) => {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, bytes });
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="a.pdf"', 'set-cookie': 'x=1' }).end('%PDF-1.4');
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const docsUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/graphql`;
    const sdlFile = join(dir, 'docs.graphql');
    writeFileSync(sdlFile, DOCS_SDL);
    const base = loadGatewayConfig({ NODE_ENV: 'test' });
    gateway = await startGateway(
      { ...base, port: 0, host: '127.0.0.1', watchSchemas: false, auth: { kind: 'hs256', secret: JWT_SECRET }, internalSecret: INTERNAL, subgraphs: [{ name: 'docs', url: docsUrl, sdlFile }] },
      createLogger('http-forward-test', 'silent'),
    );
    origin = gateway.url.replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    await gateway?.stop();
    upstream.closeAllConnections();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    seen.length = 0;
  });

  it('downloads with the viewer signed for the subgraph, the path and query kept, and only listed headers both ways', async () => {
    const token = await signUserToken({ sub: 'u-ana', roles: ['trader'] }, JWT_SECRET);
    const response = await fetch(`${origin}/docs/files/f%20123?download=1`, { headers: { authorization: `Bearer ${token}`, cookie: 'session=1' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="a.pdf"');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.text()).toBe('%PDF-1.4');
    const [request] = seen;
    expect(request.url).toBe('/docs/files/f%20123?download=1');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers.cookie).toBeUndefined();
    expect(await verifyInternalViewer(String(request.headers[VIEWER_HEADER]), INTERNAL)).toEqual({ id: 'u-ana', roles: ['trader'] });
  });

  it('passes an anonymous call on without a viewer, and refuses a bad token before the subgraph sees it', async () => {
    expect((await fetch(`${origin}/docs/files/abc`)).status).toBe(200);
    expect(seen[0].headers[VIEWER_HEADER]).toBeUndefined();
    const bad = await fetch(`${origin}/docs/files/abc`, { headers: { authorization: 'Bearer nope' } });
    expect(bad.status).toBe(401);
    expect(seen).toHaveLength(1);
  });

  it('streams an upload body through, and leaves routes of absent subgraphs unmounted', async () => {
    const token = await signUserToken({ sub: 'u-ana', roles: ['trader'] }, JWT_SECRET);
    const body = Buffer.alloc(3 * 1024 * 1024, 1);
    const upload = await fetch(`${origin}/docs/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=x' }, body });
    expect(upload.status).toBe(200);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/docs/uploads', bytes: body.length });
    expect(seen[0].headers['content-type']).toBe('multipart/form-data; boundary=x');
    expect((await fetch(`${origin}/ideas/export?format=csv`)).status).toBe(404);
    expect((await fetch(`${origin}/docs/files/`)).status).toBe(404);
  });
});
