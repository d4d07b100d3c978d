import { signUserToken } from '@b3/kit';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestGateway, TEST_JWT_SECRET, type TestGateway } from './harness';

describe('websocket authentication', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  const closeCodeOf = (connectionParams: Record<string, unknown>): Promise<number> =>
    new Promise((resolve) => {
      const client = createClient({ url: gateway.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams });
      client.on('closed', (event) => {
        resolve((event as { code: number }).code);
        void client.dispose();
      });
    });

  it('refuses a forged token on connection_init with 4403', async () => {
    const forged = await signUserToken({ sub: 'mallory', roles: ['admin'] }, 'not-the-secret');
    expect(await closeCodeOf({ Authorization: `Bearer ${forged}` })).toBe(4403);
  });

  it('closes the socket with 4403 when the token expires', async () => {
    const shortLived = await signUserToken({ sub: 'u1', roles: ['trader'] }, TEST_JWT_SECRET, '2s');
    const started = Date.now();
    expect(await closeCodeOf({ Authorization: `Bearer ${shortLived}` })).toBe(4403);
    expect(Date.now() - started).toBeGreaterThan(500);
  }, 10_000);
});
