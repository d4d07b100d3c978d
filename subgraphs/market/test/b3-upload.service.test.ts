import { createLogger } from '@b3/kit';
import { B3ImportService } from '../src/services/b3-import.service';
import { B3UploadService } from '../src/services/b3-upload.service';
import type { B3Store } from '../src/store/b3.store';
import { openDuckDbB3Store } from '../src/store/duckdb-b3.store';

describe('B3 uploads in parts', () => {
  let store: B3Store;
  let imports: B3ImportService;
  let clock = 0;
  let uploads: B3UploadService;

  beforeEach(async () => {
    clock = Date.parse('2026-11-26T18:00:00Z');
    store = await openDuckDbB3Store(':memory:');
    imports = new B3ImportService(store, createLogger('test', 'silent'));
    uploads = new B3UploadService(imports, { maxChars: 200, idleMs: 60_000, maxOpen: 2, now: () => clock });
  });
  afterEach(async () => {
    await imports.close();
    await store.close();
  });

  const ticks = 'time,price\n2026-11-25T13:00:00Z,99.10\n2026-11-25T13:01:00Z,99.12\n';

  it('joins the parts in order, even split inside a row, and imports them as one file', async () => {
    const id = uploads.begin('DXY', 'CSV');
    expect(uploads.append(id, ticks.slice(0, 17))).toBe(17);
    expect(uploads.append(id, ticks.slice(17))).toBe(ticks.length);
    const job = uploads.commit(id);
    expect(await imports.wait(job.id)).toMatchObject({ status: 'DONE', total: 2, inserted: 2 });
    expect(() => uploads.append(id, 'x')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'uploadId' }) }));
  });

  it('refuses the whole file at commit when any row is bad, storing nothing', async () => {
    const id = uploads.begin('DXY', 'CSV');
    uploads.append(id, ticks);
    uploads.append(id, '2026-11-25T13:02:00Z,-1\n');
    expect(() => uploads.commit(id)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    expect(await store.dxyTicks(0, Date.parse('2027-01-01T00:00:00Z'), 10)).toEqual([]);
  });

  it('drops an upload that grows past the limit or sits idle, and caps how many are open', async () => {
    const big = uploads.begin('DXY', 'CSV');
    expect(() => uploads.append(big, 'x'.repeat(201))).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'content' }) }));
    expect(() => uploads.commit(big)).toThrow(/no open upload/);

    const idle = uploads.begin('DXY', 'CSV');
    uploads.begin('INDICATORS', 'JSON');
    expect(() => uploads.begin('DXY', 'CSV')).toThrow(/already open/);
    clock += 61_000;
    expect(() => uploads.append(idle, ticks)).toThrow(/no open upload/);
    expect(uploads.begin('DXY', 'CSV')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names a bad kind or format', () => {
    expect(() => uploads.begin('TRADES', 'CSV')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'kind' }) }));
    expect(() => uploads.begin('DXY', 'XML')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'format' }) }));
  });
});
