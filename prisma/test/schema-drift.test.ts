import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDataDir } from '../src/test-database';

const SCRIPT = path.resolve(__dirname, '..', 'scripts', 'migrations.js');

/** Runs the migrations tool in its own Node process: Prisma's wasm schema engine is ESM-only. */
function runTool(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { timeout: 90_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

describe('committed migrations against the Prisma schema (Prisma schema engine, offline)', () => {
  const cleanups: string[] = [];
  afterAll(() => {
    for (const dir of cleanups) rmSync(dir, { recursive: true, force: true });
  });

  it('produce exactly the schema, and `prisma migrate deploy` accepts the history our runner wrote', async () => {
    const dataDir = await createTestDataDir();
    cleanups.push(path.dirname(dataDir));

    const { code, output } = await runTool(['check', '--history', dataDir]);

    expect(output).toContain('Migrations match the schema.');
    expect(code).toBe(0);
  }, 120_000);

  it('catch a model added to the schema without a migration', async () => {
    const schemaDir = mkdtempSync(path.join(os.tmpdir(), 'b3-schema-'));
    cleanups.push(schemaDir);
    cpSync(path.resolve(__dirname, '..', 'schema'), schemaDir, { recursive: true });
    appendFileSync(
      path.join(schemaDir, 'orders.prisma'),
      '\nmodel Fill {\n  id       String @id\n  quantity Int\n\n  @@map("fills")\n}\n',
    );

    const { code, output } = await runTool(['check', '--schema', schemaDir]);

    expect(code).toBe(1);
    expect(output).toContain('CREATE TABLE "fills"');
  }, 120_000);
});
