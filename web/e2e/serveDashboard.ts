import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface DashboardServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves a built dashboard the way the launcher does: static files plus a /config.json naming the gateway. */
export async function serveDashboard(distDir: string, config: { gatewayHttpUrl: string; gatewayWsUrl: string }): Promise<DashboardServer> {
  const assets = sirv(distDir, { dev: true });
  const server = http.createServer((req, res) => {
    if (req.url === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(config));
      return;
    }
    assets(req, res, () => {
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
