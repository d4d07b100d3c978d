import { createSystemProber } from '../src/adapters/system-prober';
import { startLocalServer } from './local-server';

const never = new AbortController().signal;

describe('system prober', () => {
  const prober = createSystemProber({ timeoutMs: 300, slowMs: 100 });

  it('reads a health body, a plain answer, an error code and a slow answer', async () => {
    let mode = 'health';
    const server = await startLocalServer((_req, res) => {
      if (mode === 'health') res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"DEGRADED","checks":[{"name":"bus:mqtt","status":"DEGRADED"}]}');
      else if (mode === 'html') res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
      else if (mode === 'error') res.writeHead(500).end();
      else if (mode === 'redirect') res.writeHead(302, { location: 'http://example.test/' }).end();
      else setTimeout(() => res.writeHead(200).end(), 150);
    });
    try {
      const url = `${server.url}/health`;
      expect(await prober.probe({ kind: 'http', url }, never)).toMatchObject({ status: 'DEGRADED', detail: 'reports DEGRADED (bus:mqtt DEGRADED)' });
      mode = 'html';
      expect(await prober.probe({ kind: 'http', url }, never)).toMatchObject({ status: 'ONLINE', detail: null });
      mode = 'error';
      expect(await prober.probe({ kind: 'http', url }, never)).toMatchObject({ status: 'DEGRADED', detail: 'HTTP 500' });
      // a redirect is an answer; it is not followed off loopback
      mode = 'redirect';
      expect(await prober.probe({ kind: 'http', url }, never)).toMatchObject({ status: 'ONLINE' });
      mode = 'slow';
      expect(await prober.probe({ kind: 'http', url }, never)).toMatchObject({ status: 'DEGRADED', detail: expect.stringMatching(/^slow: \d+ ms \(over 100 ms\)$/) });
    } finally {
      await server.stop();
    }
  });

  it('reports OFFLINE when nothing answers in time or nothing listens', async () => {
    const silent = await startLocalServer(() => undefined);
    try {
      const started = Date.now();
      expect(await prober.probe({ kind: 'http', url: `${silent.url}/health` }, never)).toEqual({ status: 'OFFLINE', responseTimeMs: null, detail: 'timed out after 300 ms' });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await silent.stop();
    }
    expect(await prober.probe({ kind: 'http', url: `${silent.url}/health` }, never)).toEqual({ status: 'OFFLINE', responseTimeMs: null, detail: 'connection refused' });
  });

  it('connects over TCP to an endpoint that does not speak HTTP', async () => {
    const server = await startLocalServer(() => undefined);
    try {
      expect(await prober.probe({ kind: 'tcp', host: '127.0.0.1', port: server.port }, never)).toMatchObject({ status: 'ONLINE', detail: null });
    } finally {
      await server.stop();
    }
    expect(await prober.probe({ kind: 'tcp', host: '127.0.0.1', port: server.port }, never)).toMatchObject({ status: 'OFFLINE', detail: 'connection refused' });
  });

  it('gives up at once when cancelled', async () => {
    const silent = await startLocalServer(() => undefined);
    try {
      const cancel = new AbortController();
      const pending = createSystemProber({ timeoutMs: 10_000, slowMs: 100 }).probe({ kind: 'http', url: silent.url }, cancel.signal);
      cancel.abort();
      expect(await pending).toMatchObject({ status: 'OFFLINE', detail: 'check cancelled' });
    } finally {
      await silent.stop();
    }
  });
});
