import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import {
  createAsyncQueue,
  createLogger,
  createServiceClient,
  forbidden,
  type RunningSubgraph,
  serviceViewer,
  ServiceCallError,
  ServiceUnreachableError,
  type SubgraphContext,
  startSubgraph,
} from '../src';

const SECRET = 'service-client-test-secret';
const sdl = `
  type Query { whoami: String! internal: String! }
  type Subscription { counter: Int! }
`;

describe('service client: one subgraph calling another as itself', () => {
  const logger = createLogger('service-client-test', 'silent');
  let server: RunningSubgraph;
  let port = 0;
  const counters = new Set<ReturnType<typeof createAsyncQueue<{ counter: number }>>>();

  const start = () =>
    startSubgraph<SubgraphContext>({
      name: 'callee',
      port,
      logger,
      secret: SECRET,
      context: (base) => base,
      schema: buildSubgraphSchema({
        typeDefs: parse(sdl),
        resolvers: {
          Query: {
            whoami: (_: unknown, __: unknown, ctx: SubgraphContext) => ctx.viewer?.id ?? 'anonymous',
            internal: (_: unknown, __: unknown, ctx: SubgraphContext) => {
              if (ctx.viewer?.id !== 'service:orders') throw forbidden('orders only');
              return 'ok';
            },
          },
          Subscription: {
            counter: {
              subscribe: () => {
                // The queue itself is the iterator, so the server's return() on disconnect closes it at once.
                const queue = createAsyncQueue<{ counter: number }>({ limit: 100, onClose: () => counters.delete(queue) });
                counters.add(queue);
                return queue;
              },
            },
          },
        } as never,
      }),
    });

  beforeAll(async () => {
    server = await start();
    port = server.port;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('signs the caller identity on every request, and the callee sees it', async () => {
    const client = createServiceClient({ url: server.url, identity: serviceViewer('orders'), secret: SECRET });
    await expect(client.request<{ whoami: string; internal: string }>('{ whoami internal }')).resolves.toEqual({ whoami: 'service:orders', internal: 'ok' });
    await client.close();
  });

  it('raises the callee’s GraphQL error with its code, and an unknown outcome when nobody answers', async () => {
    const other = createServiceClient({ url: server.url, identity: serviceViewer('market'), secret: SECRET });
    const refused = await other.request('{ internal }').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServiceCallError);
    expect((refused as ServiceCallError).code).toBe('FORBIDDEN');

    const forged = createServiceClient({ url: server.url, identity: serviceViewer('orders'), secret: 'not-the-secret' });
    expect(((await forged.request('{ internal }').catch((e: unknown) => e)) as ServiceCallError).code).toBe('UNAUTHENTICATED');

    const nowhere = createServiceClient({ url: 'http://127.0.0.1:9/graphql', identity: serviceViewer('orders'), secret: SECRET, timeoutMs: 500 });
    await expect(nowhere.request('{ whoami }')).rejects.toBeInstanceOf(ServiceUnreachableError);
  });

  it('keeps a subscription across a callee restart and says when it is connected again', async () => {
    const client = createServiceClient({ url: server.url, identity: serviceViewer('orders'), secret: SECRET });
    const seen: number[] = [];
    let connections = 0;
    const waitFor = async (check: () => boolean): Promise<void> => {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      if (!check()) throw new Error(`timed out: counters=${counters.size} connections=${connections} seen=${seen}`);
    };
    const stop = client.subscribe<{ counter: number }>('subscription { counter }', {}, { next: (d) => seen.push(d.counter), connected: () => void connections++ });
    await waitFor(() => counters.size === 1);
    counters.forEach((q) => q.push({ counter: 1 }));
    await waitFor(() => seen.length === 1);

    await server.stop();
    server = await start();
    await waitFor(() => counters.size === 1 && connections === 2);
    counters.forEach((q) => q.push({ counter: 2 }));
    await waitFor(() => seen.length === 2);
    expect(seen).toEqual([1, 2]);
    stop();
    await client.close();
  });
});
