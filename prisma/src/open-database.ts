import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { Client } from 'pg';
import { lockDataDir } from './data-dir-lock';
import { seedDataDir } from './data-dir-template';
import { PrismaClient as GeneratedPrismaClient } from './generated/client';
import { applyMigrations, loadMigrations } from './migration-runner';
import { pgliteSession, pgSession, quoteIdentifier } from './sql-session';

export type PrismaClient = GeneratedPrismaClient;

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** Round-trip time of a trivial query, in milliseconds. */
  ping(): Promise<number>;
  /** Idempotent. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** The owning service, e.g. `orders`; names the default PGlite data directory. */
  service: string;
  /**
   * PostgreSQL URL. A `?schema=name` parameter selects (and creates) the PostgreSQL schema, as with
   * Prisma's own URLs.
   */
  databaseUrl?: string;
  /** PGlite data directory; `memory://` keeps nothing on disk. */
  dataDir?: string;
}

/** The PostgreSQL schema each open database works in; internal, for resetDatabase(). */
const schemas = new WeakMap<Database, string>();

export function schemaOf(db: Database): string {
  return schemas.get(db) ?? 'public';
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CONNECT_TIMEOUT_MS = 10_000;

export function defaultDataDir(service: string): string {
  return path.join(REPO_ROOT, '.data', service, 'pglite');
}

/**
 * Opens the service's database and brings its schema up to date before returning. Explicit options
 * beat the environment: `databaseUrl` → PostgreSQL; else `dataDir` → PGlite there; else the
 * `DATABASE_URL` environment variable → PostgreSQL; else PGlite in `<repo>/.data/<service>/pglite`.
 */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  if (!/^[a-z][a-z0-9-]*$/.test(opts.service)) {
    throw new Error(`service name must be kebab-case letters and digits, got ${JSON.stringify(opts.service)}`);
  }
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  if (opts.dataDir) return openPglite(opts.dataDir);
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return openPostgres(fromEnv);
  return openPglite(defaultDataDir(opts.service));
}

/** Splits Prisma's `schema` URL parameter off, since `pg` does not understand it. */
export function parseDatabaseUrl(databaseUrl: string): { connectionString: string; schema: string } {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    // Never echo the URL: it may carry a password.
    throw new Error('DATABASE_URL is not a valid postgresql:// URL');
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new Error('DATABASE_URL must be a postgresql:// URL');
  }
  const schema = url.searchParams.get('schema') || 'public';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new Error('the schema parameter of DATABASE_URL must be a plain identifier (letters, digits, _)');
  }
  url.searchParams.delete('schema');
  return { connectionString: url.toString(), schema };
}

async function openPostgres(databaseUrl: string): Promise<Database> {
  const { connectionString, schema } = parseDatabaseUrl(databaseUrl);

  const migrator = new Client({ connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await migrator.connect();
  try {
    await migrator.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    await migrator.query(`SET search_path TO ${quoteIdentifier(schema)}`);
    await applyMigrations(pgSession(migrator));
  } finally {
    await migrator.end();
  }

  // Prisma qualifies its own queries with the schema; search_path makes stores' raw SQL land there too.
  const adapter = new PrismaPg(
    { connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, options: `-c search_path=${quoteIdentifier(schema)}` },
    { schema },
  );
  const prisma = new GeneratedPrismaClient({ adapter });
  const db = await ready('postgres', prisma, async () => {
    await prisma.$disconnect();
  });
  schemas.set(db, schema);
  return db;
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(path.dirname(dataDir), { recursive: true });
  const lock = inMemory ? undefined : lockDataDir(dataDir);
  let pglite: PGlite | undefined;
  try {
    const migrations = loadMigrations();
    // A new directory starts as a copy of the migrated template instead of paying for its own initdb;
    // applyMigrations below still checks it against the committed migrations.
    if (!inMemory) await seedDataDir(dataDir, migrations);
    pglite = await PGlite.create(dataDir);
    await applyMigrations(pgliteSession(pglite), migrations);
  } catch (err) {
    await pglite?.close().catch(() => undefined);
    lock?.release();
    throw err;
  }
  const db = pglite;
  const prisma = new GeneratedPrismaClient({ adapter: new PrismaPGlite(db) });
  return ready('pglite', prisma, async () => {
    try {
      await prisma.$disconnect();
      await db.close();
    } finally {
      lock?.release();
    }
  });
}

/**
 * Runs one query before handing the database out, so a broken connection fails the start rather than
 * the first request, and the first request does not pay for loading Prisma's query compiler.
 */
async function ready(kind: Database['kind'], prisma: PrismaClient, shutdown: () => Promise<void>): Promise<Database> {
  const db = database(kind, prisma, shutdown);
  try {
    await db.ping();
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return db;
}

function database(kind: Database['kind'], prisma: PrismaClient, shutdown: () => Promise<void>): Database {
  let closing: Promise<void> | undefined;
  return {
    prisma,
    kind,
    async ping() {
      const started = performance.now();
      await prisma.$queryRaw`SELECT 1`;
      return performance.now() - started;
    },
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
}
