import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { checksumOf, loadMigrations, openDatabase, type Database, type Migration } from '../src';
import { defaultTemplatesDir, seedDataDir } from '../src/data-dir-template';
import { migrationsFingerprint } from '../src/migration-runner';
import { orderRow } from './order-row';

const SERVICES = ['orders', 'ideas', 'signals', 'docs'];
const committed = loadMigrations();
const CHILD = path.join(__dirname, 'service-start.child.js');

let workDir: string;
const open: Database[] = [];
beforeEach(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'b3-first-start-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
  rmSync(workDir, { recursive: true, force: true });
});

/** Where `npm start` would keep the service's data, under this test's folder. */
const dataDirOf = (service: string): string => path.join(workDir, '.data', service, 'pglite');
const openService = async (service: string): Promise<Database> => {
  const db = await openDatabase({ service, dataDir: dataDirOf(service) });
  open.push(db);
  return db;
};
const appliedMigrations = async (db: Database): Promise<string[]> =>
  (
    await db.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`
  ).map((r) => r.migration_name);
const entryNames = async (db: Database): Promise<string[]> =>
  (await db.prisma.systemEntry.findMany({ orderBy: { name: 'asc' } })).map((e) => e.name);

describe('a service opening a data directory that does not exist yet', () => {
  it('gets the migrated schema in a database of its own', async () => {
    const [orders, ideas] = await Promise.all([openService('orders'), openService('ideas')]);

    for (const db of [orders, ideas]) expect(await appliedMigrations(db)).toEqual(committed.map((m) => m.name));
    await orders.prisma.order.create({ data: orderRow() });
    await ideas.prisma.systemEntry.create({ data: { name: 'ideas', description: 'only in ideas' } });

    expect(await ideas.prisma.order.count()).toBe(0);
    expect(await orders.prisma.order.count()).toBe(1);
    expect(await entryNames(orders)).toEqual([]);
    expect(await entryNames(ideas)).toEqual(['ideas']);
  });

  it('keeps what it wrote when it starts again, and leaves nothing else beside its data', async () => {
    const first = await openService('docs');
    await first.prisma.systemEntry.create({ data: { name: 'gateway', description: 'GraphQL gateway' } });
    await first.close();

    const second = await openService('docs');
    expect(await entryNames(second)).toEqual(['gateway']);
    await second.close();
    expect(readdirSync(path.dirname(dataDirOf('docs')))).toEqual(['pglite']);
  });
});

describe('on a machine with no template yet', () => {
  // Child processes find the templates through TMPDIR; this process is told the same folder directly,
  // because jest gives tests a copy of the environment that os.tmpdir() does not read.
  let emptyTmpDir: string;
  let templatesDir: string;
  beforeAll(() => {
    emptyTmpDir = mkdtempSync(path.join(os.tmpdir(), 'b3-empty-tmp-'));
    templatesDir = path.join(emptyTmpDir, path.basename(defaultTemplatesDir()));
  });
  afterAll(() => {
    rmSync(emptyTmpDir, { recursive: true, force: true });
  });
  const committedTemplate = (): string => {
    const fingerprint = migrationsFingerprint(committed).slice(0, 16);
    return path.join(templatesDir, `${readdirSync(templatesDir).find((name) => name.endsWith(fingerprint))}`);
  };

  it('lets four service processes start at once, each with its own database, building one template', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: emptyTmpDir };
    delete env.DATABASE_URL;
    const exits = await Promise.all(
      SERVICES.map(
        (service) =>
          new Promise<{ service: string; code: number | null; stderr: string }>((resolve, reject) => {
            const child = spawn(process.execPath, [CHILD, service, dataDirOf(service)], {
              env,
              stdio: ['ignore', 'ignore', 'pipe'],
            });
            let stderr = '';
            child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
            child.once('error', reject);
            child.once('exit', (code) => resolve({ service, code, stderr }));
          }),
      ),
    );
    expect(exits).toEqual(SERVICES.map((service) => expect.objectContaining({ service, code: 0 })));

    // One finished template, no build lock or half-built copy left behind.
    expect(readdirSync(templatesDir)).toEqual([expect.stringMatching(/^pglite-[\d.]+-migrations-[0-9a-f]{16}$/)]);
    const dbs = await Promise.all(SERVICES.map(openService));
    for (const [i, db] of dbs.entries()) {
      expect(await appliedMigrations(db)).toEqual(committed.map((m) => m.name));
      expect(await entryNames(db)).toEqual([SERVICES[i]]);
    }
  }, 120_000);

  it('never copies a template built from other migrations', async () => {
    const sql = 'CREATE TABLE "added_later" ("id" INTEGER PRIMARY KEY);\n';
    const newer: Migration[] = [...committed, { name: '29991231000000_added_later', sql, checksum: checksumOf(sql) }];

    await seedDataDir(dataDirOf('older'), committed, templatesDir);
    await seedDataDir(dataDirOf('newer'), newer, templatesDir);

    expect(await tablesIn(dataDirOf('older'))).not.toContain('added_later');
    expect(await tablesIn(dataDirOf('newer'))).toContain('added_later');
    expect(readdirSync(templatesDir)).toHaveLength(2);
  }, 120_000);

  it('rebuilds a template that lost files (temp-folder cleaners delete old files one by one)', async () => {
    await seedDataDir(dataDirOf('before'), committed, templatesDir);
    const pgdata = path.join(committedTemplate(), 'pgdata');
    rmSync(path.join(pgdata, 'global'), { recursive: true });

    // As a process started later would, one that has not checked this template yet.
    let fresh: typeof import('../src/data-dir-template') | undefined;
    jest.isolateModules(() => {
      fresh = require('../src/data-dir-template') as typeof import('../src/data-dir-template');
    });
    await fresh!.seedDataDir(dataDirOf('after'), committed, templatesDir);

    expect(readdirSync(pgdata)).toContain('global');
    expect(await tablesIn(dataDirOf('after'))).toContain('orders');
  }, 120_000);
});

async function tablesIn(dataDir: string): Promise<string[]> {
  const pglite = await PGlite.create(dataDir);
  try {
    const { rows } = await pglite.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    return rows.map((r) => r.tablename);
  } finally {
    await pglite.close();
  }
}
