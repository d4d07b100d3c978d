import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { DEFAULT_URL, MAX_BATCH_BYTES, parseImportArgs, runCli } from '../src/telegram/import-cli';

interface MessageInput {
  messageId: number;
  date: string;
  editedAt: string | null;
  text: string;
  replyToMessageId: number | null;
}

interface SeenRequest {
  headers: IncomingHttpHeaders;
  bytes: number;
  query: string;
  variables: { chat: { id: string; title: string | null; username: string | null }; messages: MessageInput[] };
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

/** The gateway as the CLI sees it: counts each message as stored unless `reply` says otherwise. */
async function startFakeGateway() {
  const seen: SeenRequest[] = [];
  const replies: Reply[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = JSON.parse(raw.toString('utf8')) as Omit<SeenRequest, 'headers' | 'bytes'>;
      seen.push({ headers: req.headers, bytes: raw.length, ...body });
      const n = body.variables.messages.length;
      const reply = replies.shift() ?? { status: 200, body: { data: { importTelegramMessages: { received: n, stored: n, duplicates: 0, edited: 0 } } } };
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    seen,
    replies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type FakeGateway = Awaited<ReturnType<typeof startFakeGateway>>;

function output() {
  const out = new PassThrough();
  // a TTY as far as the progress bar can tell, so it draws
  const err = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
  let outText = '';
  let errText = '';
  out.on('data', (chunk: Buffer) => (outText += chunk.toString('utf8')));
  err.on('data', (chunk: Buffer) => (errText += chunk.toString('utf8')));
  return { io: { out, err }, out: () => outText, err: () => errText };
}

const message = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'message',
  date: '2025-10-28T10:15:00',
  date_unixtime: String(1761657300 + id * 60),
  text: `COMPRA PETR4 ${id}`,
  ...extra,
});

const EXPORT = {
  name: 'Sinais B3',
  type: 'public_channel',
  id: 1234567890,
  messages: [
    { id: 1, type: 'service', date: '2025-10-28T10:00:00', date_unixtime: '1761656400', action: 'create_channel', text: '' },
    message(2),
    message(3, { edited: '2025-10-28T10:30:00', edited_unixtime: '1761658200', text: ['VENDA ', { type: 'bold', text: 'VALE3' }] }),
    message(4, { reply_to_message_id: 2 }),
    message(5, { date_unixtime: undefined }),
  ],
};

describe('import-signals CLI arguments', () => {
  it('defaults to the local gateway, the token from B3_TOKEN and batches of 200', () => {
    expect(parseImportArgs(['result.json'], { B3_TOKEN: 'env-token' })).toEqual({
      ok: true,
      options: { file: 'result.json', url: DEFAULT_URL, token: 'env-token', batchSize: 200 },
    });
    expect(DEFAULT_URL).toBe('http://127.0.0.1:8000/graphql');
  });

  it('takes every option in either form, including negative values', () => {
    const parsed = parseImportArgs(
      ['result.json', '--token', 'flag-token', '--url=https://gw.example/graphql', '--chat-id', '-1001234', '--chat-username=@sinais_b3', '--utc-offset', '-03:00', '--batch-size', '50'],
      { B3_TOKEN: 'env-token' },
    );
    expect(parsed).toEqual({
      ok: true,
      options: { file: 'result.json', url: 'https://gw.example/graphql', token: 'flag-token', chatId: '-1001234', chatUsername: 'sinais_b3', utcOffsetMinutes: -180, batchSize: 50 },
    });
    expect(parseImportArgs(['r.json', '--utc-offset', '+05:30'])).toMatchObject({ ok: true, options: { utcOffsetMinutes: 330 } });
  });

  it.each([
    [[], /give the export file/],
    [['a.json', 'b.json'], /one file at a time/],
    [['a.json', '--verbose'], /unknown option --verbose/],
    [['a.json', '--token'], /--token needs a value/],
    [['a.json', '--token', '--url', 'x'], /--token needs a value/],
    [['a.json', '--url', 'nope'], /is not a URL/],
    [['a.json', '--url', 'ftp://gw/graphql'], /http/],
    [['a.json', '--chat-id', '@sinais'], /--chat-id/],
    [['a.json', '--chat-username', 'a b'], /--chat-username/],
    [['a.json', '--utc-offset', '-3'], /--utc-offset/],
    [['a.json', '--utc-offset', '+15:00'], /--utc-offset/],
    [['a.json', '--batch-size', '0'], /--batch-size/],
    [['a.json', '--batch-size', '501'], /--batch-size/],
  ])('refuses %j', (argv, message) => {
    const parsed = parseImportArgs(argv);
    expect(parsed.ok).toBe(false);
    expect('error' in parsed && parsed.error).toMatch(message);
  });
});

describe('import-signals CLI', () => {
  let gateway: FakeGateway;
  let dir: string;
  const write = async (name: string, content: unknown) => {
    const file = join(dir, name);
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 1));
    return file;
  };

  beforeEach(async () => {
    gateway = await startFakeGateway();
    dir = await mkdtemp(join(tmpdir(), 'b3-import-signals-'));
  });
  afterEach(async () => {
    await gateway.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends the messages in batches with the admin token, shows progress and prints the counts', async () => {
    const file = await write('result.json', EXPORT);
    const run = output();
    const code = await runCli([file, '--url', gateway.url, '--token', 'admin-jwt', '--batch-size', '2', '--chat-username', 'sinais_b3'], {}, run.io);
    expect(code).toBe(0);
    expect(gateway.seen).toHaveLength(2);
    for (const request of gateway.seen) {
      expect(request.headers.authorization).toBe('Bearer admin-jwt');
      expect(request.query).toContain('importTelegramMessages(chat: $chat, messages: $messages)');
      expect(request.variables.chat).toEqual({ id: '-1001234567890', title: 'Sinais B3', username: 'sinais_b3' });
    }
    expect(gateway.seen.map((r) => r.variables.messages)).toEqual([
      [
        { messageId: 2, date: '2025-10-28T13:17:00.000Z', editedAt: null, text: 'COMPRA PETR4 2', replyToMessageId: null },
        { messageId: 3, date: '2025-10-28T13:18:00.000Z', editedAt: '2025-10-28T13:30:00.000Z', text: 'VENDA VALE3', replyToMessageId: null },
      ],
      [{ messageId: 4, date: '2025-10-28T13:19:00.000Z', editedAt: null, text: 'COMPRA PETR4 4', replyToMessageId: 2 }],
    ]);
    expect(run.out()).toContain('Sinais B3 (-1001234567890): 3 messages sent — 3 stored, 0 duplicates, 0 edited; 2 skipped (SERVICE 1, AMBIGUOUS_DATE 1)');
    expect(run.out()).toContain('pass --utc-offset');
    expect(run.err()).toContain('100%');
  });

  it('keeps each request under the gateway body limit, whatever the batch size', async () => {
    const long = Array.from({ length: 60 }, (_, i) => message(i + 1, { text: `COMPRA PETR4 ${'é'.repeat(3000)}` }));
    const file = await write('long.json', { ...EXPORT, messages: long });
    const code = await runCli([file, '--url', gateway.url, '--token', 't'], {}, output().io);
    expect(code).toBe(0);
    expect(gateway.seen.length).toBeGreaterThan(1);
    expect(gateway.seen.flatMap((r) => r.variables.messages.map((m) => m.messageId))).toEqual(long.map((m) => m.id));
    for (const request of gateway.seen) expect(request.bytes).toBeLessThan(MAX_BATCH_BYTES + 1024);
  });

  it('waits as Retry-After says when rate limited, then carries on', async () => {
    const file = await write('result.json', EXPORT);
    gateway.replies.push({ status: 429, body: { errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }] }, headers: { 'retry-after': '3' } });
    const waits: number[] = [];
    const code = await runCli([file, '--url', gateway.url, '--token', 't'], {}, output().io, { sleep: async (ms) => void waits.push(ms) });
    expect(code).toBe(0);
    expect(waits).toEqual([3000]);
    expect(gateway.seen).toHaveLength(2); // the refused request, then the same batch again
    expect(gateway.seen[1].variables).toEqual(gateway.seen[0].variables);
  });

  it('exits 1 with the GraphQL error, saying what was already imported', async () => {
    const file = await write('result.json', EXPORT);
    gateway.replies.push(
      { status: 200, body: { data: { importTelegramMessages: { received: 2, stored: 1, duplicates: 1, edited: 0 } } } },
      { status: 200, body: { errors: [{ message: 'Only admins may import messages', extensions: { code: 'FORBIDDEN' } }] } },
    );
    const run = output();
    const code = await runCli([file, '--url', gateway.url, '--token', 'trader-jwt', '--batch-size', '2'], {}, run.io);
    expect(code).toBe(1);
    expect(run.err()).toContain('import-signals: Only admins may import messages [FORBIDDEN]');
    expect(run.err()).toContain('2 messages were imported before this; running the same import again is safe');
    expect(run.out()).toBe('');
  });

  it('exits 1 when the server counts fewer messages than were sent', async () => {
    const file = await write('result.json', EXPORT);
    gateway.replies.push({ status: 200, body: { data: { importTelegramMessages: { received: 1, stored: 1, duplicates: 0, edited: 0 } } } });
    const run = output();
    expect(await runCli([file, '--url', gateway.url], {}, run.io)).toBe(1);
    expect(run.err()).toContain('the server received 1 of the 3 messages sent');
  });

  it('exits 1 when the gateway cannot be reached', async () => {
    const file = await write('result.json', EXPORT);
    const closed = gateway.url;
    await gateway.close();
    gateway = await startFakeGateway(); // afterEach closes this one
    const run = output();
    expect(await runCli([file, '--url', closed], {}, run.io)).toBe(1);
    expect(run.err()).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+\/graphql/);
  });

  it('exits 1 for a file it cannot read or parse, before sending anything', async () => {
    const missing = output();
    expect(await runCli([join(dir, 'missing.json'), '--url', gateway.url], {}, missing.io)).toBe(1);
    expect(missing.err()).toMatch(/cannot read .*missing\.json/);

    const broken = await write('broken.json', '{"name":"x","type":"public_channel","id":1,"messages":[{"id":1,');
    const run = output();
    expect(await runCli([broken, '--url', gateway.url], {}, run.io)).toBe(1);
    expect(run.err()).toMatch(/ends early/);
    expect(gateway.seen).toHaveLength(0);
  });

  it('exits 2 on wrong usage and 0 on --help', async () => {
    const wrong = output();
    expect(await runCli(['--nope'], {}, wrong.io)).toBe(2);
    expect(wrong.err()).toContain('import-signals: unknown option --nope');
    const help = output();
    expect(await runCli(['--help'], {}, help.io)).toBe(0);
    expect(help.out()).toContain('Usage: npm run import:signals');
  });
});
