import { rmSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { applyMigrations, loadMigrations, pgliteSession } from '@b3/prisma';
import { createTestDataDir } from '../../../prisma/src/test-database';

describe('docs_registry migration', () => {
  let dataDir: string;
  let pglite: PGlite;

  beforeAll(async () => {
    dataDir = await createTestDataDir();
    pglite = await PGlite.create(dataDir);
  });
  afterAll(async () => {
    await pglite?.close();
    if (dataDir) rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('keeps the systems registered before it, as external tools with host and port from their URL', async () => {
    await pglite.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    const committed = loadMigrations();
    const docs = committed.findIndex((m) => m.name.endsWith('_docs_registry'));
    expect(docs).toBeGreaterThan(0);
    await applyMigrations(pgliteSession(pglite), committed.slice(0, docs));
    await pglite.exec(`INSERT INTO system_entries (id, name, description, url, owner, created_at) VALUES
      ('6f1c8a2e-0000-4000-8000-000000000001', 'grafana', 'Dashboards', 'http://127.0.0.1:3000/d/x', 'ops', '2026-11-20T10:00:00Z'),
      ('6f1c8a2e-0000-4000-8000-000000000002', 'wiki', 'Team wiki', 'https://wiki.example.test/', NULL, '2026-11-21T10:00:00Z'),
      ('6f1c8a2e-0000-4000-8000-000000000003', 'notes', 'No URL', NULL, NULL, '2026-11-22T10:00:00Z')`);

    await applyMigrations(pgliteSession(pglite), committed);

    const rows = await pglite.query<Record<string, unknown>>(
      'SELECT name, description, owner, type::text, host, port, built_in, status::text, tags, updated_at = created_at AS unchanged FROM system_entries ORDER BY name',
    );
    expect(rows.rows).toEqual([
      { name: 'grafana', description: 'Dashboards', owner: 'ops', type: 'TOOL', host: '127.0.0.1', port: 3000, built_in: false, status: 'UNKNOWN', tags: [], unchanged: true },
      { name: 'notes', description: 'No URL', owner: null, type: 'TOOL', host: null, port: null, built_in: false, status: 'UNKNOWN', tags: [], unchanged: true },
      { name: 'wiki', description: 'Team wiki', owner: null, type: 'TOOL', host: 'wiki.example.test', port: 443, built_in: false, status: 'UNKNOWN', tags: [], unchanged: true },
    ]);
  });
});
