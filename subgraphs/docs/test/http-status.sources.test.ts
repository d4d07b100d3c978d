import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpStatusSources } from '../src/adapters/http-status.sources';

/** A loopback server on an OS-assigned port. */
async function serve(handler: RequestListener): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

describe('HTTP status sources', () => {
  const servers: Server[] = [];
  const start = async (handler: RequestListener): Promise<string> => {
    const { url, server } = await serve(handler);
    servers.push(server);
    return url;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(close));
  });

  it('reads the launcher’s GET /status', async () => {
    const paths: string[] = [];
    const launcherUrl = await start((req, res) => {
      paths.push(`${req.method} ${req.url}`);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ services: [{ name: 'orders', status: 'OK' }] }));
    });
    const sources = createHttpStatusSources({ launcherUrl, timeoutMs: 500 });
    expect(await sources.launcherStatus()).toEqual({ services: [{ name: 'orders', status: 'OK' }] });
    expect(paths).toEqual(['GET /status']);
  });

  it('treats an error answer, a slow launcher and no launcher alike: null', async () => {
    const failing = await start((_req, res) => {
      res.statusCode = 500;
      res.end('{}');
    });
    expect(await createHttpStatusSources({ launcherUrl: failing, timeoutMs: 500 }).launcherStatus()).toBeNull();

    const silent = await start(() => undefined);
    const started = Date.now();
    expect(await createHttpStatusSources({ launcherUrl: silent, timeoutMs: 200 }).launcherStatus()).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);

    const { url: gone, server } = await serve(() => undefined);
    await close(server);
    expect(await createHttpStatusSources({ launcherUrl: gone, timeoutMs: 500 }).launcherStatus()).toBeNull();
  });

  it('probes a service’s detailed health next to its GraphQL endpoint', async () => {
    const paths: string[] = [];
    const service = await start((req, res) => {
      paths.push(req.url ?? '');
      res.statusCode = 503;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ service: 'orders', status: 'DOWN', uptimeSeconds: 5, checks: [{ name: 'database:pglite', status: 'DOWN', latencyMs: 1 }] }));
    });
    const result = await createHttpStatusSources({ launcherUrl: 'http://127.0.0.1:1', timeoutMs: 500 }).probe(`${service}/graphql`);
    expect(result).toMatchObject({ status: 'DOWN', report: { service: 'orders', checks: [{ name: 'database:pglite' }] } });
    expect(result.error).toBeUndefined();
    expect(paths).toEqual(['/health?detailed=true']);
  });
});
