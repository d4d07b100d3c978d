#!/usr/bin/env node
// @ts-check
/**
 * Offline stand-in for `prisma migrate dev --create-only` and a drift check, built on Prisma's own
 * schema engine compiled to wasm (@prisma/schema-engine-wasm, pinned exactly: its API is internal)
 * running against an in-memory PGlite instead of a database server.
 *
 *   node prisma/scripts/migrations.js create <name>
 *       writes prisma/migrations/<timestamp>_<name>/migration.sql for whatever the schema files
 *       changed since the last committed migration (nothing, if they did not).
 *   node prisma/scripts/migrations.js check [--schema <dir>] [--history <pglite data dir>]
 *       exits 1 and prints the missing SQL when the committed migrations do not produce exactly the
 *       schema in <dir> (default prisma/schema). With --history, also runs Prisma's own
 *       `migrate deploy` logic against that PGlite database (migrated by our runner) and fails if it
 *       finds anything to apply, an edited checksum or a failed migration.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { PGlite } = require('@electric-sql/pglite');
const { PrismaPGlite } = require('pglite-prisma-adapter');
const { bindMigrationAwareSqlAdapterFactory } = require('@prisma/driver-adapter-utils');

const PRISMA_DIR = path.resolve(__dirname, '..');
const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');
const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** @type {Promise<any> | undefined} */
let schemaEngineClass;

/** The glue module is a singleton bound to one wasm instance, so load it once per process. */
function loadSchemaEngine() {
  schemaEngineClass ??= instantiateSchemaEngine();
  return schemaEngineClass;
}

/** The package ships bundler-style glue (`import * as wasm from '*.wasm'`), so instantiate it by hand. */
async function instantiateSchemaEngine() {
  // The engine reports Rust panics through this global; without it a panic surfaces as a TypeError.
  const registry = /** @type {{ PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } }} */ (globalThis);
  registry.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => console.error(`schema engine panic: ${message}`) };
  const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
  const glue = await import(pathToFileURL(path.join(dir, 'schema_engine_bg.js')).href);
  const bytes = fs.readFileSync(path.join(dir, 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  /** @type {{ __wbindgen_start: () => void }} */ (/** @type {unknown} */ (instance.exports)).__wbindgen_start();
  return glue.SchemaEngine;
}

/** @param {string} dir */
function readSchemaFiles(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.prisma'))
    .sort()
    .map((f) => ({ path: path.join(dir, f), content: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

function readMigrationsList() {
  const lockPath = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: fs
      .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(MIGRATIONS_DIR, e.name, 'migration.sql')))
      .map((e) => e.name)
      .sort()
      .map((name) => ({
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: { tag: 'ok', value: fs.readFileSync(path.join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8') },
        },
      })),
  };
}

/**
 * @param {{ path: string, content: string }[]} schemaFiles
 * @param {PGlite} main
 * @param {PGlite | null} shadow  the database the engine may wipe to replay migrations; null forbids it
 */
async function startEngine(schemaFiles, main, shadow) {
  const SchemaEngine = await loadSchemaEngine();
  const factory = new PrismaPGlite(main);
  const adapter = bindMigrationAwareSqlAdapterFactory({
    provider: 'postgres',
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    connectToShadowDb: () =>
      shadow ? new PrismaPGlite(shadow).connect() : Promise.reject(new Error('no shadow database in this mode')),
  });
  const datamodels = schemaFiles.map((f) => [f.path, f.content]);
  return SchemaEngine.new({ datamodels }, () => undefined, adapter);
}

/** @param {string} schemaDir */
async function diffMigrationsToSchema(schemaDir) {
  const files = readSchemaFiles(schemaDir);
  // One throwaway in-memory database serves as both main and shadow: the engine only replays the
  // committed migrations into it and compares the result with the schema files.
  const scratch = await PGlite.create();
  try {
    const engine = await startEngine(files, scratch, scratch);
    const result = await engine.diff({
      from: { tag: 'migrations', ...readMigrationsList() },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    return result.exitCode === 0 ? '' : (result.stdout ?? '');
  } finally {
    await scratch.close();
  }
}

/**
 * Like `prisma migrate diff --from-migrations --to-schema --script` written to a new folder. (The wasm
 * engine's createMigration wants a shadow-database factory it has no way to receive.)
 * @param {string} name
 */
async function create(name) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('migration name must be snake_case, e.g. add_order_fills');
  const script = await diffMigrationsToSchema(path.join(PRISMA_DIR, 'schema'));
  if (!script) {
    console.log('The schema matches the committed migrations; nothing to create.');
    return;
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const file = path.join(MIGRATIONS_DIR, `${stamp}_${name}`, 'migration.sql');
  fs.mkdirSync(path.dirname(file));
  fs.writeFileSync(file, script);
  console.log(`Wrote ${path.relative(process.cwd(), file)}; review it, then commit it.`);
}

/** @param {string} dataDir */
async function checkHistory(dataDir) {
  const files = readSchemaFiles(path.join(PRISMA_DIR, 'schema'));
  const db = await PGlite.create(dataDir);
  try {
    const engine = await startEngine(files, db, null);
    const migrationsList = readMigrationsList();
    const diagnosis = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTERS });
    const problems = [];
    if (!diagnosis.hasMigrationsTable) problems.push('no _prisma_migrations table');
    if (diagnosis.history) problems.push(`history: ${JSON.stringify(diagnosis.history)}`);
    if (diagnosis.editedMigrationNames.length) problems.push(`edited: ${diagnosis.editedMigrationNames.join(', ')}`);
    if (diagnosis.failedMigrationNames.length) problems.push(`failed: ${diagnosis.failedMigrationNames.join(', ')}`);
    // The same code path as `prisma migrate deploy`: it must find nothing left to do.
    const deploy = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    if (deploy.appliedMigrationNames.length) problems.push(`migrate deploy applied: ${deploy.appliedMigrationNames.join(', ')}`);
    return problems;
  } finally {
    await db.close();
  }
}

/** @param {string[]} argv */
async function main(argv) {
  const [command, ...rest] = argv;
  /** @param {string} flag */
  const option = (flag) => {
    const i = rest.indexOf(flag);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  if (command === 'create' && rest[0]) {
    await create(rest[0]);
    return 0;
  }
  if (command === 'check') {
    const missing = await diffMigrationsToSchema(path.resolve(option('--schema') ?? path.join(PRISMA_DIR, 'schema')));
    if (missing) {
      console.log('The committed migrations do not match the schema. Missing SQL:\n');
      console.log(missing);
      return 1;
    }
    const historyDir = option('--history');
    if (historyDir) {
      const problems = await checkHistory(path.resolve(historyDir));
      if (problems.length) {
        console.log(`Prisma's migrate logic disagrees with the recorded history:\n${problems.join('\n')}`);
        return 1;
      }
    }
    console.log('Migrations match the schema.');
    return 0;
  }
  console.error('usage: migrations.js create <name> | check [--schema <dir>] [--history <pglite data dir>]');
  return 2;
}

main(process.argv.slice(2)).then(
  // PGlite can keep the event loop alive for seconds after close; nothing is pending by now.
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
