import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { loadMigrations, migrationsFingerprint, applyMigrations } from './migration-runner';
import { openDatabase, schemaOf, type Database } from './open-database';
import { pgliteSession, quoteIdentifier } from './sql-session';

/**
 * A fresh PGlite database costs ~2.7 s and ~800 MB to initialise, but copying an initialised, migrated
 * data directory and opening the copy costs well under a second. So the first call on a machine builds
 * a template directory (keyed by PGlite version and migrations, so it is rebuilt when either changes)
 * and every call opens a private copy of it.
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
  const template = await ensureTemplate();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'b3-pglite-test-'));
  const dataDir = path.join(workDir, 'pgdata');
  try {
    cpSync(template, dataDir, { recursive: true });
  } catch (err) {
    rmSync(workDir, { recursive: true, force: true });
    throw err;
  }
  return dataDir;
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

let templateReady: Promise<string> | undefined;

function ensureTemplate(): Promise<string> {
  templateReady ??= buildTemplateOnce().catch((err: unknown) => {
    templateReady = undefined;
    throw err;
  });
  return templateReady;
}

async function buildTemplateOnce(): Promise<string> {
  const migrations = loadMigrations();
  const key = `pglite-${pgliteVersion()}-${migrationsFingerprint(migrations).slice(0, 16)}`;
  const root = path.join(os.tmpdir(), 'b3-pglite-templates');
  const template = path.join(root, key);
  if (existsSync(template)) return template;

  // Build under a private name and rename into place: concurrent jest workers may race here, and a
  // rename is atomic, so the template directory is either complete or absent.
  mkdirSync(root, { recursive: true });
  const staging = mkdtempSync(path.join(root, `${key}.staging-`));
  try {
    const pglite = await PGlite.create(staging);
    try {
      await applyMigrations(pgliteSession(pglite), migrations);
    } finally {
      await pglite.close();
    }
    renameSync(staging, template);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(template)) return template; // another worker won the race
    throw err;
  }
  return template;
}

function pgliteVersion(): string {
  const entry = require.resolve('@electric-sql/pglite');
  let dir = path.dirname(entry);
  while (dir !== path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}
