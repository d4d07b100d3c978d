import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDataDir } from './data-dir-template';
import { loadMigrations } from './migration-runner';
import { openDatabase, schemaOf, type Database } from './open-database';
import { quoteIdentifier } from './sql-session';

/**
 * A private PGlite database in a temp folder, removed on close. Like every new data directory it is a
 * copy of the machine's migrated template (see data-dir-template.ts), so it opens in well under a second.
 */
export async function openTestDatabase(): Promise<Database> {
  const dataDir = await createTestDataDir();
  const workDir = path.dirname(dataDir);
  try {
    const db = await openDatabase({ service: 'test', dataDir });
    const closeDatabase = db.close;
    db.close = async () => {
      try {
        await closeDatabase();
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
    };
    return db;
  } catch (err) {
    rmSync(workDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * A private, fully migrated PGlite data directory (`pgdata` in a fresh temp directory), not opened.
 * The caller owns it and removes its parent directory when done.
 */
export async function createTestDataDir(): Promise<string> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'b3-pglite-test-'));
  const dataDir = path.join(workDir, 'pgdata');
  try {
    await seedDataDir(dataDir, loadMigrations());
  } catch (err) {
    rmSync(workDir, { recursive: true, force: true });
    throw err;
  }
  return dataDir;
}

/**
 * The machine's PostgreSQL (TEST_DATABASE_URL, default the `test` database on loopback) through a private
 * schema for this run, migrated on open and dropped on close, so runs and suites never see each other's rows.
 * Gate the suite with `describeWithService('postgres', 5432)`.
 */
export async function openPostgresTestDatabase(service: string): Promise<Database> {
  const schema = `${service}_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const baseUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  const db = await openDatabase({ service, databaseUrl: `${baseUrl}?schema=${schema}` });
  const close = db.close;
  db.close = async () => {
    try {
      await db.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
    } finally {
      await close();
    }
  };
  return db;
}

/** Empties every table (keeping the migration history), for tests that share one database. */
export async function resetDatabase(db: Database): Promise<void> {
  const rows = await db.prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = ${schemaOf(db)} AND tablename <> '_prisma_migrations'`;
  if (rows.length === 0) return;
  const schema = quoteIdentifier(schemaOf(db));
  const tables = rows.map((r) => `${schema}.${quoteIdentifier(r.tablename)}`).join(', ');
  await db.prisma.$executeRawUnsafe(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
}
