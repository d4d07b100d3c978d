import { existsSync } from 'node:fs';
import path from 'node:path';
import koffi, { type KoffiFunc } from 'koffi';

/**
 * Finding and binding the callback shim (`native-bridge/shim/`). Records are passed as `void *` into buffers
 * we own and decoded by offset, so no koffi struct type is registered (koffi keeps one type registry per
 * process, which jest's per-file module reloads would otherwise collide with).
 */
export interface ShimLibrary {
  Shim_Install: KoffiFunc<(libraryPath: string, capacity: number) => number>;
  Shim_Drain: KoffiFunc<(out: Buffer, max: number) => number>;
  Shim_DrainBooks: KoffiFunc<(out: Buffer, max: number) => number>;
  Shim_DrainDailies: KoffiFunc<(out: Buffer, max: number) => number>;
  Shim_GetStats: KoffiFunc<(out: Buffer) => number>;
  /** Returns sizeof(ShimTableStats) or a negative code. */
  Shim_GetTableStats: KoffiFunc<(out: Buffer) => number>;
  Shim_NowNs: KoffiFunc<() => bigint>;
  Shim_RecordLayout: KoffiFunc<(out: Int32Array, max: number) => number>;
  Shim_BookLayout: KoffiFunc<(out: Int32Array, max: number) => number>;
  Shim_DailyLayout: KoffiFunc<(out: Int32Array, max: number) => number>;
  Shim_Uninstall: KoffiFunc<() => number>;
}

/** The shim next to a library: build/libprofit_shim.so on Linux, profit_shim.dll beside the DLL on Windows. */
export function defaultShimPath(libraryPath: string): string {
  if (process.env.PROFIT_SHIM_PATH) return process.env.PROFIT_SHIM_PATH;
  if (process.platform === 'win32') return path.join(path.dirname(libraryPath), 'profit_shim.dll');
  return path.resolve(__dirname, '../../build/libprofit_shim.so');
}

export function shimAvailable(shimPath: string): boolean {
  return existsSync(shimPath);
}

let loaded: { path: string; lib: ShimLibrary } | null = null;

/** koffi maps a library once per process; the shim holds one ring and one set of tables, like the DLL one session. */
export function loadShim(shimPath: string): ShimLibrary {
  if (loaded?.path === shimPath) return loaded.lib;
  const lib = koffi.load(shimPath);
  const bound: ShimLibrary = {
    Shim_Install: lib.func('Shim_Install', 'int32', ['str', 'uint32']),
    Shim_Drain: lib.func('Shim_Drain', 'int32', ['void *', 'int32']),
    Shim_DrainBooks: lib.func('Shim_DrainBooks', 'int32', ['void *', 'int32']),
    Shim_DrainDailies: lib.func('Shim_DrainDailies', 'int32', ['void *', 'int32']),
    Shim_GetStats: lib.func('Shim_GetStats', 'int32', ['void *']),
    Shim_GetTableStats: lib.func('Shim_GetTableStats', 'int32', ['void *']),
    Shim_NowNs: lib.func('Shim_NowNs', 'uint64', []),
    Shim_RecordLayout: lib.func('Shim_RecordLayout', 'int32', ['void *', 'int32']),
    Shim_BookLayout: lib.func('Shim_BookLayout', 'int32', ['void *', 'int32']),
    Shim_DailyLayout: lib.func('Shim_DailyLayout', 'int32', ['void *', 'int32']),
    Shim_Uninstall: lib.func('Shim_Uninstall', 'int32', []),
  } as ShimLibrary;
  loaded = { path: shimPath, lib: bound };
  return bound;
}

/**
 * Calls one of the shim's drain exports into `batch` (records of `recordSize` bytes) until it returns less than a
 * full batch, handing each record's offset to `take` with the clock read after that batch. At most `limit`
 * records per call: a producer refilling the ring or table as fast as we read cannot keep the event loop here.
 */
export function drainBatches(
  drain: (out: Buffer, max: number) => number,
  batch: Buffer,
  recordSize: number,
  limit: number,
  take: (offset: number, now: bigint) => void,
): void {
  const batchSize = Math.floor(batch.length / recordSize);
  for (let taken = 0; taken < limit; ) {
    const count = drain(batch, batchSize);
    if (count <= 0) return;
    taken += count;
    const now = process.hrtime.bigint();
    for (let i = 0; i < count; i++) take(i * recordSize, now);
    if (count < batchSize) return;
  }
}

/** NUL-padded ASCII field of `length` bytes. */
export function asciiAt(buffer: Buffer, offset: number, length: number): string {
  const end = buffer.indexOf(0, offset);
  return buffer.toString('latin1', offset, end < 0 || end > offset + length ? offset + length : end);
}

export const HIST_BUCKET_NS = 100;
export const HIST_BUCKETS = 256;

/** p50/p99/highest bucket of one of the shim's 100 ns callback-duration histograms (`HIST_BUCKETS` u64 at `offset`). */
export function histogramSummary(buffer: Buffer, offset: number): { p50Ns: number; p99Ns: number; maxBucketNs: number } {
  const histogram = Array.from({ length: HIST_BUCKETS }, (_, i) => Number(buffer.readBigUInt64LE(offset + i * 8)));
  const total = histogram.reduce((a, b) => a + b, 0);
  const bucketAt = (p: number): number => {
    let seen = 0;
    for (let i = 0; i < HIST_BUCKETS; i++) {
      seen += histogram[i];
      if (total > 0 && seen >= (p / 100) * total) return (i + 1) * HIST_BUCKET_NS;
    }
    return 0;
  };
  const highest = histogram.reduce((max, n, i) => (n > 0 ? i : max), -1);
  return { p50Ns: bucketAt(50), p99Ns: bucketAt(99), maxBucketNs: (highest + 1) * HIST_BUCKET_NS };
}
