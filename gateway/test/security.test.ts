import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceAvailable } from '@b3/kit';
import { SignJWT } from 'jose';
import { MemoryRateLimitStore, RedisRateLimitStore } from '../src/security/rate-limit';
import { scopesOf } from '../src/security/scopes';
import { startTestGateway, TEST_JWT_SECRET, type TestGateway } from './harness';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

interface Reply {
  status: number;
  headers: Headers;
  body: GraphQLBody;
}

async function post(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLBody };
}

const codesOf = (reply: Reply) => (reply.body.errors ?? []).map((e) => e.extensions?.code);
const errorWith = (reply: Reply, code: string) => reply.body.errors?.find((e) => e.extensions?.code === code);

/** Runs `attempt` and asserts the subgraph saw nothing because of it. */
async function rejectedAtTheEdge(gateway: TestGateway, attempt: () => Promise<Reply>): Promise<Reply> {
  const before = gateway.subgraphRequests('market');
  const reply = await attempt();
  expect(gateway.subgraphRequests('market')).toBe(before);
  return reply;
}

describe('gateway query limits, body size, masking and auth', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({
      security: { limits: { maxDepth: 6, maxAliases: 3, maxDirectives: 3, maxTokens: 300, maxCost: 30 }, maxBodyBytes: 4096 },
    });
  });
  afterAll(() => gateway?.stop());

  it('serves an ordinary query through the subgraph', async () => {
    const before = gateway.subgraphRequests('market');
    const reply = await post(gateway.url, { query: '{ tickers { symbol price } }' });
    expect(reply.status).toBe(200);
    expect(reply.body.data).toEqual({ tickers: [{ symbol: 'PETR4', price: '38.01' }, { symbol: 'VALE3', price: '38.01' }] });
    expect(gateway.subgraphRequests('market')).toBe(before + 1);
  });

  it('refuses a query deeper than MAX_QUERY_DEPTH with QUERY_TOO_DEEP', async () => {
    const deep = '{ tickers { related { related { related { related { related { related { related { symbol } } } } } } } } }';
    const reply = await rejectedAtTheEdge(gateway, () => post(gateway.url, { query: deep }));
    expect(reply.status).toBe(400);
    expect(reply.body.data).toBeUndefined();
    expect(errorWith(reply, 'QUERY_TOO_DEEP')).toMatchObject({ message: 'Query depth exceeds the limit of 6', extensions: { limit: 6 } });
  });

  it('refuses more aliases than MAX_QUERY_ALIASES with TOO_MANY_ALIASES', async () => {
    const query = `{ ${['a', 'b', 'c', 'd'].map((alias) => `${alias}: tickers { symbol }`).join(' ')} }`;
    const reply = await rejectedAtTheEdge(gateway, () => post(gateway.url, { query }));
    expect(reply.status).toBe(400);
    expect(codesOf(reply)).toEqual(['TOO_MANY_ALIASES']);
    expect(reply.body.errors?.[0]).toMatchObject({ message: 'Number of aliases exceeds the limit of 3', extensions: { limit: 3 } });
  });

  it('refuses an operation costlier than MAX_QUERY_COST with QUERY_TOO_COMPLEX', async () => {
    const query = '{ tickers { related { symbol price related { symbol price related { symbol price } } } } }';
    const reply = await rejectedAtTheEdge(gateway, () => post(gateway.url, { query }));
    expect(reply.status).toBe(400);
    expect(codesOf(reply)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(reply.body.errors?.[0].extensions).toMatchObject({ limit: 30 });
  });

  it('refuses more directives than MAX_QUERY_DIRECTIVES with TOO_MANY_DIRECTIVES', async () => {
    const query = `{ tickers { ${'symbol @skip(if: false) '.repeat(4)} } }`;
    const reply = await rejectedAtTheEdge(gateway, () => post(gateway.url, { query }));
    expect(codesOf(reply)).toEqual(['TOO_MANY_DIRECTIVES']);
  });

  it('refuses a document with more tokens than MAX_QUERY_TOKENS with TOO_MANY_TOKENS', async () => {
    const query = `{ tickers { ${'symbol '.repeat(300)} } }`;
    const reply = await rejectedAtTheEdge(gateway, () => post(gateway.url, { query }));
    expect(reply.status).toBe(400);
    expect(codesOf(reply)).toEqual(['TOO_MANY_TOKENS']);
    expect(reply.body.errors?.[0].extensions).toMatchObject({ limit: 300 });
  });

  it('refuses a body over MAX_BODY_BYTES with 413 PAYLOAD_TOO_LARGE', async () => {
    const reply = await rejectedAtTheEdge(gateway, () => post(gateway.url, { query: '{ tickers { symbol } }', variables: { pad: 'x'.repeat(5000) } }));
    expect(reply.status).toBe(413);
    expect(codesOf(reply)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(reply.body.errors?.[0].extensions).toMatchObject({ limit: 4096 });
    expect(reply.body.errors?.[0].extensions?.requestId).toBe(reply.headers.get('x-request-id'));
  });

  it('answers a forged or expired token with UNAUTHENTICATED and calls nothing', async () => {
    const forged = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').sign(new TextEncoder().encode('not-the-secret'));
    const expired = await new SignJWT({ roles: ['trader'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    for (const token of [forged, expired]) {
      const reply = await rejectedAtTheEdge(gateway, () => post(gateway.url, { query: '{ whoami }' }, { authorization: `Bearer ${token}` }));
      expect(codesOf(reply)).toEqual(['UNAUTHENTICATED']);
    }
    const valid = await post(gateway.url, { query: '{ whoami }' }, { authorization: `Bearer ${await gateway.token('u1', ['trader'])}` });
    expect(valid.body.data).toEqual({ whoami: 'u1' });
  });

  it('lets anonymous callers read public data but not mutate', async () => {
    expect((await post(gateway.url, { query: '{ ticker(symbol: "PETR4") { symbol } }' })).body.data).toEqual({ ticker: { symbol: 'PETR4' } });
    const reply = await rejectedAtTheEdge(gateway, () => post(gateway.url, { query: 'mutation { touch(symbol: "PETR4") }' }));
    expect(codesOf(reply)).toEqual(['UNAUTHENTICATED']);
  });

  it('masks internal errors: no message or stack reaches the client, the request id does', async () => {
    const reply = await post(gateway.url, { query: '{ failing }' }, { 'x-request-id': 'support-ticket-42' });
    const text = JSON.stringify(reply.body);
    expect(text).not.toMatch(/hunter2|postgres|10\.0\.0\.3|stacktrace|at .*\.ts/);
    expect(reply.body.errors?.[0]).toMatchObject({ extensions: { code: 'INTERNAL', requestId: 'support-ticket-42' } });
  });

  it('refuses a simple GET without a preflight header (CSRF prevention)', async () => {
    const res = await fetch(`${gateway.url}?query=${encodeURIComponent('{ tickers { symbol } }')}`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF|preflight/i);
  });

  it('answers a GET query that carries the preflight header', async () => {
    const res = await fetch(`${gateway.url}?query=${encodeURIComponent('{ tickers { symbol } }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { tickers: [{ symbol: 'PETR4' }, { symbol: 'VALE3' }] } });
  });

  it('refuses a malformed JSON body with 400 BAD_REQUEST and calls nothing', async () => {
    const reply = await rejectedAtTheEdge(gateway, async () => {
      const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ tickers { symbol } }"' });
      return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLBody };
    });
    expect(reply.status).toBe(400);
    expect(codesOf(reply)).toEqual(['BAD_REQUEST']);
    expect(reply.body.errors?.[0].extensions?.requestId).toBe(reply.headers.get('x-request-id'));
  });

  it('gives CORS headers only to the dashboard origins and answers their preflight', async () => {
    const preflight = await fetch(gateway.url, { method: 'OPTIONS', headers: { origin: 'http://localhost:3101', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3101');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');

    const allowed = await post(gateway.url, { query: '{ tickers { symbol } }' }, { origin: 'http://localhost:3101' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3101');
    const foreign = await post(gateway.url, { query: '{ tickers { symbol } }' }, { origin: 'https://evil.example' });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows introspection outside production', async () => {
    const reply = await post(gateway.url, { query: '{ __schema { queryType { name } } }' });
    expect(reply.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('gateway rate limits', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ security: { rateLimits: { ipPerMinute: 4, userPerMinute: 2 } } });
  });
  afterAll(() => gateway?.stop());

  it('gives each user a bucket: the third request in a minute gets 429 RATE_LIMITED with Retry-After', async () => {
    const alice = { authorization: `Bearer ${await gateway.token('alice', ['viewer'])}` };
    const bob = { authorization: `Bearer ${await gateway.token('bob', ['viewer'])}` };
    expect((await post(gateway.url, { query: '{ whoami }' }, alice)).body.data).toEqual({ whoami: 'alice' });
    expect((await post(gateway.url, { query: '{ whoami }' }, alice)).status).toBe(200);

    const reply = await rejectedAtTheEdge(gateway, () => post(gateway.url, { query: '{ whoami }' }, alice));
    expect(reply.status).toBe(429);
    expect(Number(reply.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(reply.body.errors?.[0]).toMatchObject({
      extensions: { code: 'RATE_LIMITED', limit: 2, retryAfterSeconds: Number(reply.headers.get('retry-after')) },
    });
    expect(reply.body.errors?.[0].message).toMatch(/user/);

    // another user from the same address still has budget (the IP bucket holds 4)
    expect((await post(gateway.url, { query: '{ whoami }' }, bob)).body.data).toEqual({ whoami: 'bob' });
  });

  it('limits an address whoever calls, even with no token', async () => {
    // alice spent 3 and bob 1 of the IP's 4
    const reply = await rejectedAtTheEdge(gateway, () => post(gateway.url, { query: '{ tickers { symbol } }' }));
    expect(reply.status).toBe(429);
    expect(reply.body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 4 });
    expect(reply.body.errors?.[0].message).toMatch(/IP address/);
  });
});

describe('gateway persisted documents in production', () => {
  const documents = {
    tickers: 'query Tickers { tickers { symbol } }',
  };
  const hash = createHash('sha256').update(documents.tickers).digest('hex');
  let gateway: TestGateway;

  beforeAll(async () => {
    const manifest = join(mkdtempSync(join(tmpdir(), 'persisted-')), 'persisted-documents.json');
    writeFileSync(manifest, JSON.stringify({ [hash]: documents.tickers }));
    gateway = await startTestGateway({
      env: { NODE_ENV: 'production' },
      security: { persistedOnly: true, introspection: false, persistedDocumentsFile: manifest },
    });
  });
  afterAll(() => gateway?.stop());

  it('refuses a free-form operation with PERSISTED_QUERY_NOT_FOUND', async () => {
    const reply = await rejectedAtTheEdge(gateway, () => post(gateway.url, { query: '{ tickers { symbol price } }' }));
    expect(reply.status).toBe(400);
    expect(codesOf(reply)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('refuses an unknown document id', async () => {
    const reply = await rejectedAtTheEdge(gateway, () => post(gateway.url, { documentId: 'f'.repeat(64) }));
    expect(codesOf(reply)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const apq = await rejectedAtTheEdge(gateway, () => post(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }));
    expect(codesOf(apq)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('runs manifest documents by documentId, by APQ hash and by their (reformatted) text', async () => {
    const expected = { tickers: [{ symbol: 'PETR4' }, { symbol: 'VALE3' }] };
    expect((await post(gateway.url, { documentId: hash })).body).toEqual({ data: expected });
    expect((await post(gateway.url, { documentId: `sha256:${hash}` })).body).toEqual({ data: expected });
    expect((await post(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })).body).toEqual({ data: expected });
    expect((await post(gateway.url, { query: 'query Tickers {\n  tickers {\n    symbol\n  }\n}\n' })).body).toEqual({ data: expected });
    const get = await fetch(`${gateway.url}?documentId=${hash}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(await get.json()).toEqual({ data: expected });
  });

  it('turns introspection off', async () => {
    const manifest = join(mkdtempSync(join(tmpdir(), 'persisted-')), 'persisted-documents.json');
    writeFileSync(manifest, '{}');
    const open = await startTestGateway({ env: { NODE_ENV: 'production' }, security: { persistedOnly: false, introspection: false, persistedDocumentsFile: manifest } });
    try {
      const reply = await post(open.url, { query: '{ __schema { queryType { name } } }' });
      expect(reply.body.data).toBeUndefined();
      expect(reply.body.errors?.[0].message).toMatch(/introspection/i);
    } finally {
      await open.stop();
    }
  });
});

describe('rate limit stores', () => {
  it('refills continuously in memory and says how long to wait', async () => {
    let now = 0;
    const store = new MemoryRateLimitStore(() => now);
    expect((await store.take('k', 2, 1)).allowed).toBe(true);
    expect((await store.take('k', 2, 1)).allowed).toBe(true);
    expect(await store.take('k', 2, 1)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now = 1000;
    expect((await store.take('k', 2, 1)).allowed).toBe(true);
    expect((await store.take('other', 2, 1)).allowed).toBe(true);
  });

  it('shares buckets through Redis', async () => {
    if (!(await serviceAvailable('redis', 6379))) return;
    const key = `test-${Date.now()}-${Math.random()}`;
    const a = new RedisRateLimitStore('redis://127.0.0.1:6379');
    const b = new RedisRateLimitStore('redis://127.0.0.1:6379');
    try {
      expect((await a.take(key, 2, 0.1)).allowed).toBe(true);
      expect((await b.take(key, 2, 0.1)).allowed).toBe(true);
      expect(await a.take(key, 2, 0.1)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('scopes', () => {
  it('maps roles to scopes and gives anonymous callers only public market data', () => {
    expect(scopesOf(null)).toEqual(['market:read']);
    expect(scopesOf({ id: 'v', roles: ['viewer'] })).toEqual(['market:read', 'account:read']);
    expect(scopesOf({ id: 't', roles: ['trader'] })).toEqual(['market:read', 'account:read', 'orders:write']);
    expect(scopesOf({ id: 'a', roles: ['admin'] })).toContain('admin');
  });
});
