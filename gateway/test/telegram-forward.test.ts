import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@b3/kit';
import { loadGatewayConfig } from '../src/config';
import { type RunningGateway, startGateway } from '../src/gateway';
import { subgraphRouteUrl } from '../src/http-forward';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
const MiB = 1024 * 1024;
const SIGNALS_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query { signalsPing: String }
`;

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Stands in for the signals subgraph: records what reaches it and answers as `reply` says. */
interface FakeSignals {
  url: string;
  /** Requests whose body arrived in full. */
  completed: SeenRequest[];
  /** Requests that started, complete or not. */
  started: number;
  reply: (seen: SeenRequest) => { status: number; body: string; headers?: Record<string, string> };
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function startFakeSignals(): Promise<FakeSignals> {
  const fake: Omit<FakeSignals, 'url' | 'close'> = { completed: [], started: 0, reply: () => ({ status: 200, body: '{"ok":true}' }) };
  const server = createServer((req, res) => {
    fake.started++;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      fake.completed.push(seen);
      const answer = fake.reply(seen);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body);
    });
  });
  const port = await listen(server);
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/graphql`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

async function startGatewayFor(signalsUrl: string, dir: string): Promise<RunningGateway> {
  const sdlFile = join(dir, 'signals.graphql');
  writeFileSync(sdlFile, SIGNALS_SDL);
  const base = loadGatewayConfig({ NODE_ENV: 'test' });
  return startGateway(
    { ...base, port: 0, host: '127.0.0.1', watchSchemas: false, subgraphs: [{ name: 'signals', url: signalsUrl, sdlFile }] },
    createLogger('telegram-forward-test', process.env.LOG_LEVEL ?? 'silent'),
  );
}

const update = (id: number) => JSON.stringify({ update_id: id, channel_post: { message_id: id, date: 1761650100, chat: { id: -1001, type: 'channel' }, text: 'COMPRA PETR4' } });

/** Streams `total` bytes without a content-length, stopping as soon as the gateway answers. */
function streamBody(url: string, total: number, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const writeNext = (): void => {
      if (answered || sent >= total) return void (answered || req.end());
      sent += chunk.length;
      // one chunk at a time, giving the answer a chance to arrive before more is written
      req.write(chunk, () => setImmediate(writeNext));
    };
    writeNext();
  });
}

describe('gateway forwards POST /telegram/webhook to the signals subgraph', () => {
  let dir: string;
  let signals: FakeSignals;
  let gateway: RunningGateway;
  let webhook: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'b3-telegram-forward-'));
    signals = await startFakeSignals();
    gateway = await startGatewayFor(signals.url, dir);
    webhook = gateway.url.replace(/\/graphql$/, '/telegram/webhook');
  });
  afterAll(async () => {
    await gateway?.stop();
    await signals?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    signals.completed.length = 0;
    signals.started = 0;
    signals.reply = () => ({ status: 200, body: '{"ok":true}' });
  });

  it('derives the subgraph URL from its GraphQL URL, keeping a path prefix', () => {
    expect(subgraphRouteUrl('http://127.0.0.1:3200/graphql', '/telegram/webhook')).toBe('http://127.0.0.1:3200/telegram/webhook');
    expect(subgraphRouteUrl('https://internal.example/signals/graphql/', '/telegram/webhook')).toBe('https://internal.example/signals/telegram/webhook');
  });

  it('streams the body and the secret header to /telegram/webhook without needing a user token', async () => {
    const body = update(1);
    const res = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json', [SECRET_HEADER]: 's3cret' }, body });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(signals.completed).toHaveLength(1);
    const [seen] = signals.completed;
    expect(seen).toMatchObject({ method: 'POST', url: '/telegram/webhook', body });
    expect(seen.headers[SECRET_HEADER]).toBe('s3cret');
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.headers['x-request-id']).toBe(res.headers.get('x-request-id'));
  });

  it('does not pass on credentials meant for the GraphQL API', async () => {
    await fetch(webhook, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: 's3cret', authorization: 'Bearer user-token', 'x-b3-viewer': 'forged', cookie: 'a=b' },
      body: update(2),
    });
    const [seen] = signals.completed;
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers['x-b3-viewer']).toBeUndefined();
    expect(seen.headers.cookie).toBeUndefined();
  });

  it("passes the subgraph's refusals through (a wrong secret, a full queue with Retry-After)", async () => {
    signals.reply = () => ({ status: 401, body: '{"ok":false,"error":"unauthorized"}' });
    const wrong = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json', [SECRET_HEADER]: 'wrong' }, body: update(3) });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ ok: false, error: 'unauthorized' });

    signals.reply = () => ({ status: 503, body: '{"ok":false}', headers: { 'retry-after': '5' } });
    const busy = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json', [SECRET_HEADER]: 's3cret' }, body: update(4) });
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    await busy.arrayBuffer();
  });

  it('refuses a call without the secret header before contacting the subgraph', async () => {
    const res = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: update(5) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(signals.started).toBe(0);
  });

  it('refuses a declared body over 1 MiB with 413 and forwards nothing', async () => {
    const res = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json', [SECRET_HEADER]: 's3cret' }, body: 'x'.repeat(MiB + 1) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(signals.started).toBe(0);
  });

  it('cuts off a streamed body once it passes 1 MiB, and the subgraph never gets all of it', async () => {
    const res = await streamBody(webhook, MiB + 256 * 1024, { [SECRET_HEADER]: 's3cret' });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(signals.started).toBe(1); // streamed, not buffered first
    expect(signals.completed).toHaveLength(0);
  });

  it('accepts a body of exactly 1 MiB', async () => {
    const body = JSON.stringify({ update_id: 6, padding: 'x'.repeat(MiB - 30) });
    const padded = body + ' '.repeat(MiB - Buffer.byteLength(body));
    const res = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json', [SECRET_HEADER]: 's3cret' }, body: padded });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(signals.completed[0].body).toHaveLength(MiB);
  });

  it('answers 502 when the signals subgraph is down', async () => {
    const closed = createServer();
    const port = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const downDir = mkdtempSync(join(tmpdir(), 'b3-telegram-forward-down-'));
    const down = await startGatewayFor(`http://127.0.0.1:${port}/graphql`, downDir);
    try {
      const res = await fetch(down.url.replace(/\/graphql$/, '/telegram/webhook'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: 's3cret' },
        body: update(7),
      });
      expect(res.status).toBe(502);
      expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('UPSTREAM_UNAVAILABLE');
    } finally {
      await down.stop();
      rmSync(downDir, { recursive: true, force: true });
    }
  });
});
