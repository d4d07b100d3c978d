import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { buildFederatedSchema, createLogger, testContext, type Viewer } from '@b3/kit';
import { execute, parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { type CliFailure, describeErrors } from '@b3/kit';
import { PART_CHARS, parseImportArgs, runImportCli, splitParts } from '../src/cli/import-b3';
import type { B3Context } from '../src/graphql/b3.context';
import { B3ImportResolver } from '../src/graphql/b3-import.resolver';
import { B3DataResolver } from '../src/graphql/b3.resolver';
import { B3DataService } from '../src/services/b3-data.service';
import { B3ImportService } from '../src/services/b3-import.service';
import { B3UploadService } from '../src/services/b3-upload.service';
import type { B3Store } from '../src/store/b3.store';
import { openDuckDbB3Store } from '../src/store/duckdb-b3.store';

describe('import-b3 CLI arguments', () => {
  it('infers the kind from the file name and the format from the extension', () => {
    expect(parseImportArgs(['data/sample/indicator-history.csv'])).toEqual({
      ok: true,
      options: {
        file: 'data/sample/indicator-history.csv',
        kind: 'INDICATOR_HISTORY',
        format: 'CSV',
        url: 'http://127.0.0.1:8000/graphql',
        wsUrl: 'ws://127.0.0.1:8000/graphql',
        token: null,
      },
    });
    const kinds = ['snapshots.csv', 'indicators.json', 'vol-surface.csv', 'Adjustments-2026-11-25.CSV', 'dxy.csv', 'options.json'].map((file) => {
      const parsed = parseImportArgs([file]);
      return parsed.ok ? [parsed.options.kind, parsed.options.format] : parsed;
    });
    expect(kinds).toEqual([
      ['SNAPSHOTS', 'CSV'],
      ['INDICATORS', 'JSON'],
      ['VOL_SURFACE', 'CSV'],
      ['ADJUSTMENTS', 'CSV'],
      ['DXY', 'CSV'],
      ['OPTIONS', 'JSON'],
    ]);
  });

  it('takes --kind, --url and --token in either form, the token from B3_TOKEN otherwise', () => {
    const parsed = parseImportArgs(['/tmp/settlements-today.csv', '--kind', 'dxy', '--url=https://gw.example:8443/graphql'], { B3_TOKEN: 'env-token' });
    expect(parsed).toMatchObject({ ok: true, options: { kind: 'DXY', url: 'https://gw.example:8443/graphql', wsUrl: 'wss://gw.example:8443/graphql', token: 'env-token' } });
    expect(parseImportArgs(['dxy.csv', '--token', 'flag-token'], { B3_TOKEN: 'env-token' })).toMatchObject({ ok: true, options: { token: 'flag-token' } });
    expect(parseImportArgs(['ticks.txt', '--kind', 'DXY', '--format', 'csv'])).toMatchObject({ ok: true, options: { kind: 'DXY', format: 'CSV' } });
  });

  it.each([
    [[], /give the file/],
    [['a.csv', 'b.csv'], /one file at a time/],
    [['prices.csv'], /cannot tell the kind/],
    [['dxy.txt'], /cannot tell the format/],
    [['dxy.csv', '--kind', 'TRADES'], /--kind must be one of/],
    [['dxy.csv', '--format', 'XML'], /--format must be one of/],
    [['dxy.csv', '--kind'], /--kind needs a value/],
    [['dxy.csv', '--kind', '--url', 'x'], /--kind needs a value/],
    [['dxy.csv', '--verbose'], /unknown option --verbose/],
    [['dxy.csv', '--url', 'not a url'], /is not a URL/],
    [['dxy.csv', '--url', 'ftp://host/graphql'], /http/],
  ])('refuses %j', (argv, message) => {
    const parsed = parseImportArgs(argv);
    expect(parsed.ok).toBe(false);
    expect('error' in parsed && parsed.error).toMatch(message);
  });

  it('answers --help', () => {
    expect(parseImportArgs(['dxy.csv', '--help'])).toEqual({ ok: false, help: true });
  });

  it('prints row problems under the first line of the message', () => {
    const lines = describeErrors([
      {
        message: 'The import was refused (21 problems); nothing was stored:\nrow 1, field price: bad',
        extensions: { code: 'BAD_USER_INPUT', problems: ['row 1, field price: bad', 'row 2, field time: bad'], problemCount: 21 },
      },
      { message: 'Requires role admin', extensions: { code: 'FORBIDDEN' } },
    ]);
    expect(lines).toEqual([
      'The import was refused (21 problems); nothing was stored: [BAD_USER_INPUT]',
      '  row 1, field price: bad',
      '  row 2, field time: bad',
      '  … and 19 more',
      'Requires role admin [FORBIDDEN]',
    ]);
  });
});

describe('import-b3 CLI against a loopback server', () => {
  const admin: Viewer = { id: 'admin-1', roles: ['admin'] };
  let store: B3Store;
  let b3Import: B3ImportService;
  let server: Server;
  let wss: WebSocketServer;
  let url: string;
  let dir: string;
  const seenTokens: string[] = [];

  beforeAll(async () => {
    store = await openDuckDbB3Store(':memory:');
    b3Import = new B3ImportService(store, createLogger('test', 'silent'), { chunkSize: 100 });
    const b3 = new B3DataService(store);
    const schema = await buildFederatedSchema<B3Context>({ resolvers: [B3DataResolver, B3ImportResolver] });
    // stands in for the gateway: the admin token makes the caller an admin, anything else is anonymous
    const b3Upload = new B3UploadService(b3Import);
    const contextFor = (token: unknown) => ({ ...testContext(token === 'Bearer admin-token' ? admin : null), b3, b3Import, b3Upload });
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', async () => {
        seenTokens.push(String(req.headers.authorization));
        const { query, variables } = JSON.parse(body) as { query: string; variables: Record<string, unknown> };
        const result = await execute({ schema, document: parse(query), variableValues: variables, contextValue: contextFor(req.headers.authorization) });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(result));
      });
    });
    wss = new WebSocketServer({ server, path: '/graphql' });
    useServer({ schema, context: (ctx) => contextFor(ctx.connectionParams?.authorization) }, wss);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    dir = await mkdtemp(join(tmpdir(), 'import-b3-'));
  });

  afterAll(async () => {
    await b3Import.close();
    await new Promise((resolve) => wss.close(resolve));
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const output = () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    return { streams: { out, progress: new PassThrough() }, text: () => text };
  };

  async function cli(fileName: string, content: string, extra: string[] = []) {
    const file = join(dir, fileName);
    await writeFile(file, content);
    const parsed = parseImportArgs([file, '--url', url, ...extra], { B3_TOKEN: 'admin-token' });
    if (!parsed.ok) throw new Error('unexpected usage error');
    const io = output();
    return { run: runImportCli(parsed.options, io.streams), text: io.text };
  }

  it('imports a file, follows the progress over graphql-ws and prints the counts', async () => {
    const ticks = ['time,price', ...Array.from({ length: 250 }, (_, i) => `${new Date(Date.UTC(2026, 10, 25, 13, i)).toISOString()},99.${i % 10}`)].join('\n');
    const first = await cli('dxy.csv', ticks);
    await expect(first.run).resolves.toMatchObject({ status: 'DONE', total: 250, inserted: 250 });
    expect(first.text()).toMatch(/^DXY: 250 rows — 250 inserted, 0 updated, 0 unchanged \(job [0-9a-f-]+\)\n$/);
    expect(seenTokens).toHaveLength(1); // only the mutation went over HTTP: the progress came over graphql-ws
    const second = await cli('dxy.csv', ticks);
    await expect(second.run).resolves.toMatchObject({ status: 'DONE', unchanged: 250 });
    expect(seenTokens.every((token) => token === 'Bearer admin-token')).toBe(true);
  });

  it('sends a file larger than one request in parts, under the gateway body limit, and imports it as one job', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${new Date(Date.UTC(2026, 9, 1, 0, i)).toISOString()},98.${String(i % 1000).padStart(3, '0')}`);
    const content = ['time,price', ...rows].join('\n');
    expect(content.length).toBeGreaterThan(PART_CHARS);
    const before = seenTokens.length;
    const big = await cli('dxy.csv', content);
    await expect(big.run).resolves.toMatchObject({ status: 'DONE', total: 3000, inserted: 3000 });
    // begin, one append per part, commit
    expect(seenTokens.length - before).toBe(2 + splitParts(content).length);
    expect(splitParts(content).join('')).toBe(content);
  });

  it('fails with the listed row problems when the file is refused', async () => {
    const bad = await cli('snapshots.csv', 'instrument,contractMonth,settlementPrice,status,source,timestamp\nDI1,A27,1,FINAL,B3,2026-11-25T21:00:00Z');
    const failure = (await bad.run.catch((error: unknown) => error)) as CliFailure;
    expect(failure.lines[0]).toMatch(/^The import was refused \(1 problem\); nothing was stored: \[BAD_USER_INPUT\]/);
    expect(failure.lines[1]).toMatch(/^ {2}row 1, field contractMonth: "A27" is not a contract month/);
    expect(await store.latestSnapshot('DI1', 'A27')).toBeNull();
  });

  it("fails with the server's message when the token is not an admin's", async () => {
    const anonymous = await cli('dxy.csv', 'time,price\n2026-11-25T13:00:00Z,99.1', ['--token', 'nobody']);
    const failure = (await anonymous.run.catch((error: unknown) => error)) as CliFailure;
    expect(failure.lines).toEqual(['Authentication required [UNAUTHENTICATED]']);
  });
});
