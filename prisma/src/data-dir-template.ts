import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { tryLockDataDir } from './data-dir-lock';
import { applyMigrations, migrationsFingerprint, type Migration } from './migration-runner';
import { pgliteSession } from './sql-session';

/**
 * Creating a PGlite database (initdb) costs ~2.7 s of CPU and ~800 MB, while copying an initialised,
 * migrated data directory costs a fraction of a second. So a fresh data directory starts as a copy of a
 * template built once per machine in the OS temp folder, where it outlives any one run but stays out of
 * the repository. The template's name carries the PGlite version and a fingerprint of every migration's
 * name and checksum, so a template built from other migrations is never copied.
 */
const TEMPLATES_FOLDER = 'b3-pglite-templates';
const MANIFEST = 'files.json';
/** initdb takes seconds even on a busy machine; a builder this slow has hung. */
const BUILD_WAIT_MS = 120_000;
const POLL_MS = 50;

/** The templates this process has checked, so repeated copies skip the check. */
const verified = new Set<string>();

/**
 * Fills `dataDir` with a copy of the migrated template, building the template first when
 * `templatesDir` has none for these migrations. Does nothing when `dataDir` already holds files: an
 * existing database is never overwritten. The caller must own `dataDir` (hold its lock, or have just
 * created its parent).
 */
export async function seedDataDir(
  dataDir: string,
  migrations: readonly Migration[],
  templatesDir: string = defaultTemplatesDir(),
): Promise<void> {
  if (!isEmptyOrAbsent(dataDir)) return;
  const template = await ensureTemplate(templatesDir, migrations);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // Copy beside the target and rename into place, so a crash mid-copy never leaves a half database
  // that the next start would open.
  const staging = mkdtempSync(`${dataDir}.seeding-`);
  try {
    const copy = path.join(staging, 'pgdata');
    cpSync(path.join(template, 'pgdata'), copy, { recursive: true });
    if (existsSync(dataDir)) rmdirSync(dataDir); // empty, as checked above
    renameSync(copy, dataDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function isEmptyOrAbsent(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

/**
 * The template folder (holding `pgdata` and its file list) for these migrations. Processes starting
 * together all arrive here: one takes the build lock and builds, the others wait for it rather than each
 * paying for its own initdb.
 */
async function ensureTemplate(templatesDir: string, migrations: readonly Migration[]): Promise<string> {
  const template = path.join(
    templatesDir,
    `pglite-${pgliteVersion()}-migrations-${migrationsFingerprint(migrations).slice(0, 16)}`,
  );
  if (verified.has(template)) return template;
  ensureOwnFolder(templatesDir);
  const deadline = Date.now() + BUILD_WAIT_MS;
  for (;;) {
    if (isIntact(template)) break;
    const lock = tryLockDataDir(template);
    if (lock) {
      try {
        if (!isIntact(template)) await buildTemplate(template, migrations);
      } finally {
        lock.release();
      }
      break;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `gave up waiting for another process to build the PGlite template ${template}; ` +
          `if none is running, delete ${template}.lock`,
      );
    }
    await delay(POLL_MS);
  }
  verified.add(template);
  return template;
}

/**
 * The temp folder is shared by every user of the machine, and whatever is in a template ends up in
 * services' databases: so one folder per user, used only while that user owns it.
 */
export function defaultTemplatesDir(): string {
  const uid = process.getuid?.();
  return path.join(os.tmpdir(), uid === undefined ? TEMPLATES_FOLDER : `${TEMPLATES_FOLDER}-${uid}`);
}

function ensureOwnFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) {
    throw new Error(`${dir} is not a folder of this user; remove it so PGlite templates can be kept there`);
  }
}

async function buildTemplate(template: string, migrations: readonly Migration[]): Promise<void> {
  // Whatever is there failed the check (temp-folder cleaners delete old files one by one).
  rmSync(template, { recursive: true, force: true });
  // Build under a private name and rename into place: a rename is atomic, so readers that do not take
  // the lock see the template either complete or absent.
  const staging = mkdtempSync(`${template}.building-`);
  try {
    const pgdata = path.join(staging, 'pgdata');
    const pglite = await PGlite.create(pgdata);
    try {
      await applyMigrations(pgliteSession(pglite), migrations);
    } finally {
      await pglite.close();
    }
    writeFileSync(path.join(staging, MANIFEST), JSON.stringify(fileSizes(pgdata)));
    renameSync(staging, template);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    // A process that took over a lock it thought stale may have built it alongside us.
    if (isIntact(template)) return;
    throw err;
  }
}

/** Every file of the template is still there with the size it was built with. */
function isIntact(template: string): boolean {
  let expected: Record<string, number>;
  try {
    expected = JSON.parse(readFileSync(path.join(template, MANIFEST), 'utf8')) as Record<string, number>;
  } catch {
    return false;
  }
  const pgdata = path.join(template, 'pgdata');
  return Object.entries(expected).every(
    ([file, size]) => statSync(path.join(pgdata, file), { throwIfNoEntry: false })?.size === size,
  );
}

function fileSizes(dir: string): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stat = statSync(path.join(dir, file));
    if (stat.isFile()) sizes[file] = stat.size;
  }
  return sizes;
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
