import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { B3ImportJob } from '../domain/b3/import-job';
import { formatFromFileName, kindFromFileName } from '../domain/b3/import-kinds';
import type { B3ImportService } from './b3-import.service';

/** data/sample of this package, from src/services (tests) and dist/services (the built service) alike. */
export const SAMPLE_DATA_DIR = join(__dirname, '..', '..', 'data', 'sample');

export interface SampleImport {
  file: string;
  job: B3ImportJob;
}

/**
 * Imports every file of `dir` whose name tells its kind and format (snapshots.csv, indicators.json…),
 * one after the other, waiting for each job. Idempotent: a second run reports every row unchanged. A
 * sample that is refused or fails to store throws, since shipped samples must always import.
 */
export async function importSampleData(importService: B3ImportService, dir: string = SAMPLE_DATA_DIR): Promise<SampleImport[]> {
  const imported: SampleImport[] = [];
  for (const file of (await readdir(dir)).sort()) {
    const kind = kindFromFileName(file);
    const format = formatFromFileName(file);
    if (!kind || !format) continue;
    const started = importService.start(kind, format, await readFile(join(dir, file), 'utf8'));
    const job = await importService.wait(started.id);
    if (job.status === 'FAILED') throw new Error(`sample ${file} did not import: ${job.error ?? 'unknown error'}`);
    imported.push({ file, job });
  }
  return imported;
}
