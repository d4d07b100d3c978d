import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createLogger, type HttpRoute, internalSecret, type RunningSubgraph, signInternalViewer, type SubgraphContext, startSubgraph, VIEWER_HEADER } from '../src';

const logger = createLogger('http-routes-test', 'silent');
const schema = buildSubgraphSchema({ typeDefs: parse('type Query { ping: String! }'), resolvers: { Query: { ping: () => 'pong' } } });

const start = (httpRoutes?: readonly HttpRoute[]) =>
  startSubgraph<SubgraphContext>({ name: 'routes', port: 0, host: '127.0.0.1', logger, schema, context: (base) => base, httpRoutes });

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

describe('startSubgraph httpRoutes', () => {
  let server: RunningSubgraph;
  const base = () => server.url.replace(/\/graphql$/, '');

  beforeAll(async () => {
    server = await start([
      {
        method: 'POST',
        path: '/hooks/echo',
        handler: async (req: IncomingMessage, res: ServerResponse) => {
          const body = await readText(req);
          res.writeHead(202, { 'content-type': 'text/plain' }).end(`got ${body}`);
        },
      },
      {
        method: 'GET',
        path: '/files/',
        prefix: true,
        handler: (req, res, ctx) => {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: req.url, viewer: ctx.viewer, requestId: ctx.requestId }));
        },
      },
      {
        method: 'GET',
        path: '/hooks/broken',
        handler: () => {
          throw new Error('secret internals at /srv/app.js:12');
        },
      },
    ]);
  });
  afterAll(() => server?.stop());

  it('serves an extra route on the subgraph port with the raw, unread body', async () => {
    const res = await fetch(`${base()}/hooks/echo`, { method: 'POST', body: 'hello' });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('got hello');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('serves a prefix route and tells the handler who is calling, from the signed viewer header only', async () => {
    const signed = await signInternalViewer({ id: 'u-ana', roles: ['trader'] }, internalSecret());
    const mine = await fetch(`${base()}/files/abc/def?x=1`, { headers: { [VIEWER_HEADER]: signed } });
    expect(await mine.json()).toMatchObject({ url: '/files/abc/def?x=1', viewer: { id: 'u-ana', roles: ['trader'] }, requestId: expect.any(String) });
    expect(await (await fetch(`${base()}/files/abc`)).json()).toMatchObject({ viewer: null });
    const forged = await fetch(`${base()}/files/abc`, { headers: { [VIEWER_HEADER]: 'forged' } });
    expect(forged.status).toBe(401);
    expect((await fetch(`${base()}/files/`)).status).toBe(404);
  });

  it('leaves /graphql, /health and /metrics as they were', async () => {
    const gql = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ ping }' }) });
    expect(await gql.json()).toEqual({ data: { ping: 'pong' } });
    expect(await (await fetch(`${base()}/health`)).json()).toEqual({ service: 'routes', status: 'OK' });
    expect((await fetch(`${base()}/metrics`)).status).toBe(200);
  });

  it('answers only the declared method', async () => {
    expect((await fetch(`${base()}/hooks/echo`)).status).toBe(404);
  });

  it('turns a failing handler into a 500 without the error text', async () => {
    const res = await fetch(`${base()}/hooks/broken`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret internals');
  });

  it.each([['/graphql'], ['/graphql/x'], ['/health'], ['/metrics'], ['/hooks/:id'], ['no-slash']])('refuses the path %s at start-up', async (path) => {
    await expect(start([{ method: 'POST', path, handler: () => undefined }])).rejects.toThrow(/reserved|literal path/);
  });

  it('refuses the same route twice', async () => {
    const route: HttpRoute = { method: 'POST', path: '/twice', handler: () => undefined };
    await expect(start([route, route])).rejects.toThrow(/mounted twice/);
  });
});
