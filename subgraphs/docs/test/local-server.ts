import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP server that can be stopped and started again on the same port, like a crashing service. */
export interface LocalServer {
  readonly port: number;
  readonly url: string;
  readonly requests: string[];
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startLocalServer(handler: RequestListener, port = 0): Promise<LocalServer> {
  let server: Server | null = null;
  const requests: string[] = [];
  const listen = (on: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const s = createServer((req, res) => {
        requests.push(`${req.method} ${req.url}`);
        handler(req, res);
      });
      s.once('error', reject);
      s.listen(on, '127.0.0.1', () => {
        server = s;
        resolve((s.address() as AddressInfo).port);
      });
    });
  const bound = await listen(port);
  return {
    port: bound,
    url: `http://127.0.0.1:${bound}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        const s = server;
        server = null;
        if (!s) return resolve();
        s.closeAllConnections();
        s.close(() => resolve());
      }),
    start: async () => {
      if (!server) await listen(bound);
    },
  };
}
