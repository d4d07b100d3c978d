import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, signInternalViewer } from '@b3/kit';
import { startDocs } from '../src/app';
import { loadDocsConfig } from '../src/config';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The subgraph as `npm start` runs it: seeded at its real port, checking itself, serving uploads; then a clean stop. */
describe('docs app', () => {
  it('seeds the platform at the ports it runs on, sees itself ONLINE, serves uploads and stops cleanly', async () => {
    const work = mkdtempSync(join(tmpdir(), 'b3-docs-app-'));
    const port = await freePort();
    const secret = 'docs-app-test-secret';
    const env = { DATA_DIR: work, DOCS_PORT: String(port), INTERNAL_SECRET: secret, BUS_URL: 'memory://', DOCS_HEALTH_INTERVAL_MS: '100', DOCS_HEALTH_TIMEOUT_MS: '500' };
    const saved = process.env.INTERNAL_SECRET;
    process.env.INTERNAL_SECRET = secret;
    const app = await startDocs(loadDocsConfig(env), createLogger('docs', 'silent'));
    try {
      const origin = `http://127.0.0.1:${port}`;
      const query = async (q: string) => (await (await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) })).json()) as {
        data: { system: { url: string; status: string; responseTimeMs: number | null } };
      };
      let docs = (await query('{ system(id: "platform:docs") { url status responseTimeMs } }')).data.system;
      for (let i = 0; i < 50 && docs.status !== 'ONLINE'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        docs = (await query('{ system(id: "platform:docs") { url status responseTimeMs } }')).data.system;
      }
      expect(docs).toMatchObject({ url: `${origin}/graphql`, status: 'ONLINE' });
      expect(docs.responseTimeMs).toBeGreaterThan(0);

      const form = new FormData();
      form.append('files', new Blob(['# hello\n']), 'hello.md');
      const uploaded = await fetch(`${origin}/docs/uploads`, { method: 'POST', body: form, headers: { 'x-b3-viewer': await signInternalViewer({ id: 'u1', roles: ['trader'] }, secret) } });
      expect(uploaded.status).toBe(201);
    } finally {
      await app.stop();
      if (saved === undefined) delete process.env.INTERNAL_SECRET;
      else process.env.INTERNAL_SECRET = saved;
      rmSync(work, { recursive: true, force: true });
    }
  });
});
