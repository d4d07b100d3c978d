import { rmSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Client } from 'pg';
import { describeWithService } from '@b3/kit/testing/require-service';
import {
  applyMigrations,
  checksumOf,
  loadMigrations,
  MigrationError,
  openDatabase,
  pgliteSession,
  pgSession,
  type Migration,
} from '../src';
import { createTestDataDir } from '../src/test-database';
import { createScratchSchema, POSTGRES_PORT, type ScratchSchema } from './postgres-scratch';

const committed = loadMigrations();
const init = committed[0]!;
const DOMAIN_TABLES = [
  'agent_recommendations',
  'doc_board_locks',
  'doc_files',
  'doc_ideas',
  'idea_categories',
  'idea_changes',
  'ideas',
  'kill_switch_events',
  'kill_switches',
  'order_events',
  'order_fills',
  'orders',
  'risk_decisions',
  'risk_limits',
  'risk_limits_changes',
  'signal_channels',
  'signal_message_revisions',
  'signal_messages',
  'signal_revisions',
  'signal_updates',
  'signals',
  'system_checks',
  'system_entries',
  'telegram_poll_offsets',
];

interface RecordedMigration {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  applied_steps_count: number;
}

describe('committed migrations', () => {
  it('start with the init migration and are all read from disk', () => {
    expect(init.name).toMatch(/^\d{14}_init$/);
    expect(committed.map((m) => m.checksum)).toEqual(committed.map((m) => checksumOf(m.sql)));
  });
});

describe('applyMigrations on PGlite', () => {
  let dataDir: string;
  let pglite: PGlite;

  const tables = async (): Promise<string[]> =>
    (
      await pglite.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      )
    ).rows.map((r) => r.tablename);
  const recorded = async (): Promise<RecordedMigration[]> =>
    (await pglite.query<RecordedMigration>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name')).rows;

  beforeAll(async () => {
    dataDir = await createTestDataDir();
    pglite = await PGlite.create(dataDir);
  });
  afterAll(async () => {
    await pglite?.close();
    if (dataDir) rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });
  // An empty database for each test without paying for initdb again.
  beforeEach(async () => {
    await pglite.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  });

  it('creates every table in an empty database and records the migration the way Prisma does', async () => {
    const result = await applyMigrations(pgliteSession(pglite), committed);

    expect(result.applied).toEqual(committed.map((m) => m.name));
    expect(await tables()).toEqual(['_prisma_migrations', ...DOMAIN_TABLES]);
    const [row] = await recorded();
    expect(row).toMatchObject({ migration_name: init.name, checksum: init.checksum, applied_steps_count: 1 });
    expect(row!.finished_at).toBeInstanceOf(Date);
    expect(row!.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is idempotent: running again applies and records nothing', async () => {
    await applyMigrations(pgliteSession(pglite), committed);
    const again = await applyMigrations(pgliteSession(pglite), committed);

    expect(again.applied).toEqual([]);
    expect(await recorded()).toHaveLength(committed.length);
  });

  it('replaces the prototype orders table, demo rows and all, when upgrading a database created by init', async () => {
    await applyMigrations(pgliteSession(pglite), [init]);
    await pglite.exec(`INSERT INTO orders (id, account_id, symbol, side, type, quantity, limit_price, status, updated_at)
      VALUES ('demo-1', 'acc-1', 'PETR4', 'BUY', 'LIMIT', 100, 38.01, 'NEW', now())`);

    const result = await applyMigrations(pgliteSession(pglite), committed);

    expect(result.applied).toEqual(committed.slice(1).map((m) => m.name));
    expect((await pglite.query('SELECT count(*)::int AS n FROM orders')).rows).toEqual([{ n: 0 }]);
    const statuses = await pglite.query<{ s: string }>('SELECT enum_range(NULL::order_status)::text AS s');
    expect(statuses.rows[0]!.s).toBe('{PENDING,SUBMITTED,PARTIALLY_FILLED,FILLED,CANCELED,EXPIRED,REJECTED,FAILED}');
  });

  it('carries the first version\'s manual signals over into channels, messages and signals', async () => {
    const upToOrders = committed.filter((m) => !m.name.endsWith('_signals_ingestion'));
    await applyMigrations(pgliteSession(pglite), upToOrders);
    await pglite.exec(`INSERT INTO signals (id, source, raw_text, asset, direction, entry, stop, target, received_at) VALUES
      ('s1', 'desk', 'COMPRA PETR4 38,50 stop 37,90 alvo 39,80', 'PETR4', 'BUY', 38.5, 37.9, 39.8, '2026-11-20T13:00:00Z'),
      ('s2', 'desk', 'VENDA VALE3', 'VALE3', 'SELL', NULL, NULL, NULL, '2026-11-20T14:00:00Z')`);

    await applyMigrations(pgliteSession(pglite), committed);

    const channels = await pglite.query<{ chat_id: string; title: string }>('SELECT chat_id, title FROM signal_channels');
    expect(channels.rows).toEqual([{ chat_id: 'manual:desk', title: 'desk' }]);
    const messages = await pglite.query<{ message_id: number; status: string; reason: string | null }>('SELECT message_id, status, reason FROM signal_messages ORDER BY message_id');
    expect(messages.rows).toEqual([
      { message_id: 1, status: 'PARSED', reason: null },
      { message_id: 2, status: 'IGNORED', reason: 'no entry price (a first-version signal)' },
    ]);
    const signals = await pglite.query<{ asset: string; side: string; entry_min: string; targets: string; stop: string }>(
      'SELECT asset, side, entry_min::text, targets::text, stop::text FROM signals',
    );
    expect(signals.rows).toEqual([{ asset: 'PETR4', side: 'BUY', entry_min: '38.5000', targets: '{39.8000}', stop: '37.9000' }]);
  });

  it('carries the prototype\'s ideas over into the idea bank: default category, NEW, MEDIUM, description from body', async () => {
    const beforeIdeas = committed.filter((m) => m.name < '20261127111550');
    await applyMigrations(pgliteSession(pglite), beforeIdeas);
    await pglite.exec(`INSERT INTO ideas (id, title, body, symbol, tags, author_id, created_at, updated_at) VALUES
      ('7b0f3c9e-1111-4aaa-8bbb-000000000001', 'Long PETR4', 'Support at 37,50', 'petr4', '{swing}', 'u-1', '2026-11-20T13:00:00Z', '2026-11-21T13:00:00Z'),
      ('legacy-2', 'Short VALE3', '', 'VALE3', NULL, 'u-2', '2026-11-22T13:00:00Z', '2026-11-22T13:00:00Z')`);

    await applyMigrations(pgliteSession(pglite), committed);

    const ideas = await pglite.query<Record<string, unknown>>(
      `SELECT id::text, title, description, category_id::text AS category, priority::text, status::text, tags, ticker, signal_id, author_id, version,
              search @@ websearch_to_tsquery('portuguese', 'support') AS searchable
       FROM ideas ORDER BY created_at`,
    );
    expect(ideas.rows).toEqual([
      { id: '7b0f3c9e-1111-4aaa-8bbb-000000000001', title: 'Long PETR4', description: 'Support at 37,50', category: '1dea0000-0000-4000-8000-000000000001', priority: 'MEDIUM', status: 'NEW', tags: ['swing'], ticker: 'PETR4', signal_id: null, author_id: 'u-1', version: 1, searchable: true },
      { id: expect.stringMatching(/^[0-9a-f-]{36}$/), title: 'Short VALE3', description: 'Short VALE3', category: '1dea0000-0000-4000-8000-000000000001', priority: 'MEDIUM', status: 'NEW', tags: [], ticker: 'VALE3', signal_id: null, author_id: 'u-2', version: 1, searchable: false },
    ]);
    const categories = await pglite.query<{ slug: string; active: boolean }>('SELECT slug, active FROM idea_categories ORDER BY sort_order');
    expect(categories.rows.map((c) => c.slug)).toEqual(['geral', 'estrategia', 'analise', 'risco', 'infra']);
    const history = await pglite.query<{ kind: string; actor_id: string }>('SELECT kind::text, actor_id FROM idea_changes ORDER BY at');
    expect(history.rows).toEqual([
      { kind: 'CREATED', actor_id: 'u-1' },
      { kind: 'CREATED', actor_id: 'u-2' },
    ]);
  });

  it('rolls a failing migration back entirely and records nothing for it', async () => {
    const broken: Migration = {
      name: '20990101000000_broken',
      sql: 'CREATE TABLE "half_done" (id INT);\nSELECT * FROM "no_such_table";',
      checksum: checksumOf('broken'),
    };

    await expect(applyMigrations(pgliteSession(pglite), [init, broken])).rejects.toThrow(MigrationError);

    expect(await tables()).not.toContain('half_done');
    expect((await recorded()).map((r) => r.migration_name)).toEqual([init.name]);
    // Once the broken migration is fixed, the next start applies it.
    const fixed: Migration = { ...broken, sql: 'CREATE TABLE "half_done" (id INT);', checksum: checksumOf('fixed') };
    expect((await applyMigrations(pgliteSession(pglite), [init, fixed])).applied).toEqual([fixed.name]);
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    await applyMigrations(pgliteSession(pglite), [init]);
    const edited = { ...init, sql: `${init.sql}\nCREATE INDEX "x" ON "ideas"("title");`, checksum: '' };
    edited.checksum = checksumOf(edited.sql);

    await expect(applyMigrations(pgliteSession(pglite), [edited])).rejects.toThrow(/edited after it was applied/);
  });

  it('treats the same migration checked out with CRLF line endings as unchanged', async () => {
    await applyMigrations(pgliteSession(pglite), [init]);
    const crlf = init.sql.replace(/\n/g, '\r\n');

    const result = await applyMigrations(pgliteSession(pglite), [{ ...init, sql: crlf, checksum: checksumOf(crlf) }]);
    expect(result.applied).toEqual([]);
  });

  it('refuses to start while a migration is recorded as unfinished (a crashed `prisma migrate deploy`)', async () => {
    await applyMigrations(pgliteSession(pglite), [init]);
    await pglite.query('UPDATE "_prisma_migrations" SET finished_at = NULL');

    await expect(applyMigrations(pgliteSession(pglite), [init])).rejects.toThrow(/unfinished migrations/);
  });
});

describeWithService('postgres', POSTGRES_PORT)('applyMigrations on PostgreSQL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const freshSchema = async (): Promise<ScratchSchema> => {
    const scratch = await createScratchSchema();
    cleanups.push(() => scratch.drop());
    return scratch;
  };
  const connect = async (scratch: ScratchSchema): Promise<Client> => {
    const client = await scratch.connect();
    cleanups.push(() => client.end());
    return client;
  };

  it('migrates a fresh schema exactly once when several services start at the same moment', async () => {
    const scratch = await freshSchema();
    const sessions = await Promise.all([1, 2, 3, 4].map(() => connect(scratch)));

    const results = await Promise.all(sessions.map((c) => applyMigrations(pgSession(c), committed)));

    expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
    const rows = await sessions[0]!.query<RecordedMigration>('SELECT * FROM "_prisma_migrations"');
    expect(rows.rows.map((r) => [r.migration_name, r.checksum])).toEqual(committed.map((m) => [m.name, m.checksum]));
  });

  it('migrates through openDatabase on the first start and applies nothing on later starts', async () => {
    const scratch = await freshSchema();
    for (let start = 0; start < 2; start += 1) {
      const db = await openDatabase({ service: 'migrations-test', databaseUrl: scratch.url });
      expect(db.kind).toBe('postgres');
      expect(await db.ping()).toBeGreaterThanOrEqual(0);
      await db.close();
    }

    const client = await connect(scratch);
    const count = await client.query<{ n: string }>('SELECT count(*) AS n FROM "_prisma_migrations"');
    expect(Number(count.rows[0]!.n)).toBe(committed.length);
    const inSchema = await client.query<{ tablename: string }>(
      'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename',
      [scratch.schema],
    );
    expect(inSchema.rows.map((r) => r.tablename)).toEqual(['_prisma_migrations', ...DOMAIN_TABLES]);
  });
});
