import { readFileSync, writeFileSync } from 'node:fs';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestGateway, type TestGateway } from './harness';

const post = async (url: string, query: string) =>
  (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as {
    data?: Record<string, unknown>;
    errors?: Array<{ extensions?: { code?: string } }>;
  };

describe('supergraph hot reload', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      subgraphs: [{ name: 'quotes', typeDefs: 'type Query { bid: String ask: String }', resolvers: { Query: { bid: () => '38.01', ask: () => '38.02' } } }],
      env: { SUPERGRAPH_WATCH: '1' },
    });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('re-composes when a subgraph schema file changes, keeps websocket clients, and ignores a schema that does not compose', async () => {
    const ws = createClient({ url: gateway.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    const closed = jest.fn();
    ws.on('closed', closed);
    expect(await post(gateway.url, '{ bid ask }')).toEqual({ data: { bid: '38.01', ask: '38.02' } });

    const file = gateway.sdlFile('quotes');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/\n\s*ask: String/, ''));
    const deadline = Date.now() + 5000;
    let after = await post(gateway.url, '{ ask }');
    while (!after.errors && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      after = await post(gateway.url, '{ ask }');
    }
    expect(after.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    writeFileSync(file, 'this is not graphql');
    await new Promise((r) => setTimeout(r, 800));
    expect(await post(gateway.url, '{ bid }')).toEqual({ data: { bid: '38.01' } });

    const viaSocket = await new Promise((resolve, reject) => {
      ws.subscribe({ query: '{ bid }' }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect(viaSocket).toEqual({ data: { bid: '38.01' } });
    expect(closed).not.toHaveBeenCalled();
    await ws.dispose();
  }, 20_000);
});
