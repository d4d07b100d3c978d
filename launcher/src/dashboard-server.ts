import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import sirv from 'sirv';

/** Serves the built dashboard plus `/config.json`, which tells the page where the gateway is. */
export async function startDashboard(options: { port: number; host: string; distDir: string; gatewayHttpUrl: string }): Promise<Server> {
  if (!existsSync(options.distDir)) throw new Error(`dashboard build not found at ${options.distDir}: run \`npm run build\``);
  const assets = sirv(options.distDir, { single: true, etag: true });
  const config = JSON.stringify({ gatewayHttpUrl: options.gatewayHttpUrl, gatewayWsUrl: options.gatewayHttpUrl.replace(/^http/, 'ws') });
  const server = createServer((req, res) => {
    if (req.url === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(config);
      return;
    }
    assets(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}
