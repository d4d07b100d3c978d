import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serviceAvailableSync } from '@b3/kit/testing/require-service';
import { defaultDataDir, openDatabase, parseDatabaseUrl, type Database } from '../src';
import { createTestDataDir } from '../src/test-database';
import { orderRow } from './order-row';
import { createScratchSchema, POSTGRES_PORT } from './postgres-scratch';

const postgresUp = serviceAvailableSync('postgres', POSTGRES_PORT);

describe('embedded PGlite data directory', () => {
  let dataDir: string;
  const open: Database[] = [];

  beforeEach(async () => {
    dataDir = await createTestDataDir();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.close()));
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });
  const openHere = async (): Promise<Database> => {
    const db = await openDatabase({ service: 'persistence-test', dataDir });
    open.push(db);
    return db;
  };

  it('keeps data across close and reopen', async () => {
    const first = await openHere();
    expect(first.kind).toBe('pglite');
    const { id } = await first.prisma.order.create({
      data: orderRow({ price: '38.01' }),
    });
    await first.close();

    const second = await openHere();
    const order = await second.prisma.order.findUniqueOrThrow({ where: { id } });
    expect(order.price?.toFixed(4)).toBe('38.0100');
  });

  it('refuses a second open of the same directory until the first is closed', async () => {
    const first = await openHere();

    await expect(openDatabase({ service: 'persistence-test', dataDir })).rejects.toThrow(/already open/);

    await first.close();
    await expect(openHere()).resolves.toBeDefined();
  });

  it('refuses a directory held by another live process, and takes over a dead process’s lock', async () => {
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      writeFileSync(`${dataDir}.lock`, String(holder.pid));
      await expect(openDatabase({ service: 'persistence-test', dataDir })).rejects.toThrow(
        new RegExp(`in use by process ${holder.pid}`),
      );
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once('exit', resolve));
    }

    // The holder is gone now, as if it had crashed without cleaning up.
    const db = await openHere();
    expect(await db.ping()).toBeGreaterThanOrEqual(0);
  });
});

describe('choosing the database', () => {
  it('keeps each service’s embedded data under the git-ignored .data folder at the repo root', () => {
    const repoRoot = path.resolve(__dirname, '..', '..');
    expect(defaultDataDir('orders')).toBe(path.join(repoRoot, '.data', 'orders', 'pglite'));
  });

  it('rejects service names that could escape the data folder', async () => {
    await expect(openDatabase({ service: '../orders', dataDir: 'memory://' })).rejects.toThrow(/kebab-case/);
  });

  it('takes the PostgreSQL schema from the URL and never echoes a bad URL back', () => {
    expect(parseDatabaseUrl('postgresql://app:s3cret@db:5432/b3?schema=orders&sslmode=require')).toEqual({
      connectionString: 'postgresql://app:s3cret@db:5432/b3?sslmode=require',
      schema: 'orders',
    });
    expect(parseDatabaseUrl('postgres://db/b3').schema).toBe('public');
    const malformed = (() => {
      try {
        parseDatabaseUrl('postgresql://app:s3cret@[db');
      } catch (err) {
        return (err as Error).message;
      }
      return 'did not throw';
    })();
    expect(malformed).toMatch(/not a valid/);
    expect(malformed).not.toContain('s3cret');
    expect(() => parseDatabaseUrl('mysql://db/b3')).toThrow(/postgresql/);
    expect(() => parseDatabaseUrl('postgresql://db/b3?schema=a;drop')).toThrow(/plain identifier/);
  });

  (postgresUp ? it : it.skip)('uses DATABASE_URL from the environment when no option names a database', async () => {
    const scratch = await createScratchSchema();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = scratch.url;
    try {
      const db = await openDatabase({ service: 'env-test' });
      expect(db.kind).toBe('postgres');
      await db.prisma.systemEntry.create({ data: { name: 'gateway', description: 'GraphQL gateway' } });
      await db.close();
      const client = await scratch.connect();
      const rows = await client.query('SELECT name FROM system_entries');
      await client.end();
      expect(rows.rows).toEqual([{ name: 'gateway' }]);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
      await scratch.drop();
    }
  });
});
