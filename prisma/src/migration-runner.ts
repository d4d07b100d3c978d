import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SqlSession } from './sql-session';

/** The committed migrations; the same folder works from `src/` (tests) and `dist/` (built code). */
export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations');

/** The key `prisma migrate` itself locks on, so our runner and `prisma migrate deploy` exclude each other. */
const MIGRATION_LOCK_KEY = 72707369;

export interface Migration {
  /** Folder name, e.g. `20261126160000_init`; migrations apply in name order, as Prisma does. */
  name: string;
  sql: string;
  /** Hex SHA-256 of migration.sql, the value Prisma records in `_prisma_migrations.checksum`. */
  checksum: string;
}

export interface MigrationResult {
  /** Names applied by this call, in order; empty when the database was already up to date. */
  applied: string[];
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

// Same shape as the table Prisma's schema engine creates, so `prisma migrate deploy/status` can take over.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: checksumOf(sql) };
    });
}

/** One value per set of migrations: changes whenever a migration is added or edited. */
export function migrationsFingerprint(migrations: readonly Migration[]): string {
  const hash = createHash('sha256');
  for (const m of migrations) hash.update(`${m.name}:${m.checksum}\n`);
  return hash.digest('hex');
}

// A checkout with CRLF line endings must not look like an edited migration (Prisma tolerates this too).
function sameScript(recordedChecksum: string, migration: Migration): boolean {
  return (
    recordedChecksum === migration.checksum ||
    recordedChecksum === checksumOf(migration.sql.replace(/\r\n/g, '\n')) ||
    recordedChecksum === checksumOf(migration.sql.replace(/\r?\n/g, '\r\n'))
  );
}

/**
 * Applies every committed migration the database has not recorded yet, each in its own transaction
 * together with its `_prisma_migrations` row, so a failed migration leaves nothing half-applied.
 * Safe to call on every start: a database that is up to date costs one lock and one select, and
 * concurrent starts queue on the advisory lock. Runs in the session's current schema (search_path).
 */
export async function applyMigrations(
  session: SqlSession,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<MigrationResult> {
  await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await session.exec(CREATE_MIGRATIONS_TABLE);
    const rows = await session.query<MigrationRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
    );
    const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed.length > 0) {
      const names = failed.map((r) => r.migration_name).join(', ');
      throw new MigrationError(
        `the database records unfinished migrations (${names}); resolve them with \`prisma migrate resolve\` before starting`,
      );
    }
    const recorded = new Map(rows.filter((r) => r.rolled_back_at === null).map((r) => [r.migration_name, r.checksum]));

    const applied: string[] = [];
    for (const migration of migrations) {
      const checksum = recorded.get(migration.name);
      if (checksum !== undefined) {
        if (!sameScript(checksum, migration)) {
          throw new MigrationError(
            `migration ${migration.name} was edited after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      await applyOne(session, migration);
      applied.push(migration.name);
    }
    return { applied };
  } finally {
    // If the connection broke, the server already dropped the lock; keep the original error.
    await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
  }
}

async function applyOne(session: SqlSession, migration: Migration): Promise<void> {
  await session.exec('BEGIN');
  try {
    await session.exec(migration.sql);
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await session.exec('COMMIT');
  } catch (err) {
    await session.exec('ROLLBACK').catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new MigrationError(`migration ${migration.name} failed and was rolled back: ${reason}`, { cause: err });
  }
}
