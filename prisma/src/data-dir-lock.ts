import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';

/**
 * PGlite has no postmaster.pid guard: two processes opening one data directory both succeed and then
 * corrupt it. A lock file beside the directory, holding the owner's pid, turns that into a clear error.
 */
const heldInThisProcess = new Set<string>();

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const result = acquire(dataDir);
  if ('lock' in result) return result.lock;
  if (result.heldBy === 'this process') {
    throw new Error(`PGlite data directory ${dataDir} is already open in this process`);
  }
  if (result.heldBy === 'racing process') {
    throw new Error(`PGlite data directory ${dataDir} was just locked by another process`);
  }
  throw new Error(
    `PGlite data directory ${dataDir} is in use by process ${result.heldBy ?? '(unknown)'}; stop it, or delete ${dataDir}.lock if no process of ours holds it`,
  );
}

/** The same lock for callers that would rather wait than fail: undefined while someone else holds it. */
export function tryLockDataDir(dataDir: string): DataDirLock | undefined {
  const result = acquire(dataDir);
  return 'lock' in result ? result.lock : undefined;
}

type Acquired = { lock: DataDirLock } | { heldBy: number | 'this process' | 'racing process' | undefined };

function acquire(dataDir: string): Acquired {
  const lockPath = `${dataDir}.lock`;
  if (heldInThisProcess.has(lockPath)) return { heldBy: 'this process' };
  if (!tryCreate(lockPath)) {
    const owner = readOwner(lockPath);
    // An unreadable owner may be a lock being written right now: treat it as taken, not stale.
    if (owner === undefined || ownerIsAlive(owner)) return { heldBy: owner };
    // The owner died without cleaning up (crash, kill -9): the lock is stale.
    unlinkSync(lockPath);
    if (!tryCreate(lockPath)) return { heldBy: 'racing process' };
  }
  heldInThisProcess.add(lockPath);
  return {
    lock: {
      release() {
        if (!heldInThisProcess.delete(lockPath)) return;
        try {
          unlinkSync(lockPath);
        } catch {
          // Already gone (someone removed a directory under us); nothing left to release.
        }
      },
    },
  };
}

function tryCreate(lockPath: string): boolean {
  try {
    writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function readOwner(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function ownerIsAlive(pid: number): boolean {
  // Our own pid in a lock this process does not hold means a previous run with the same pid
  // (typical for pid 1 in a restarted container).
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
