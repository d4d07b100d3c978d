import net from 'node:net';
import { createEventBus, isTopic, startEmbeddedBroker } from '../src/bus';

/** A loopback port with nothing listening: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('createEventBus', () => {
  it('names the accepted schemes when the URL has another one', async () => {
    await expect(createEventBus('amqp://127.0.0.1:5672')).rejects.toThrow(
      'unsupported event bus URL "amqp://127.0.0.1:5672": use memory://, mqtt://host:port, nats://host:port or redis://host:port',
    );
    await expect(createEventBus('not a url')).rejects.toThrow(/use memory:\/\/, mqtt/);
  });

  it('keeps credentials out of its error messages', async () => {
    await expect(createEventBus('kafka://user:s3cret@broker:9092')).rejects.toThrow(/^(?!.*s3cret)/);
  });

  it('refuses a memory URL with a host, since all memory buses are one', async () => {
    await expect(createEventBus('memory://orders')).rejects.toThrow(/memory:\/\/ takes no host/);
  });

  it.each(['mqtt', 'nats', 'redis'])('rejects at startup when the %s server cannot be reached', async (scheme) => {
    const port = await closedPort();
    await expect(createEventBus(`${scheme}://127.0.0.1:${port}`, { logger: { warn: jest.fn() } })).rejects.toThrow(
      `cannot reach event bus at ${scheme}://127.0.0.1:${port}`,
    );
  });

  it('reports its kind', async () => {
    const bus = await createEventBus('memory://');
    expect(bus.kind).toBe('memory');
    await bus.close();
  });
});

describe('startEmbeddedBroker', () => {
  it('listens on loopback at the port the OS chose, and closes idempotently', async () => {
    const broker = await startEmbeddedBroker({ port: 0 });
    expect(broker.port).toBeGreaterThan(0);
    expect(broker.url).toBe(`mqtt://127.0.0.1:${broker.port}`);
    const bus = await createEventBus(broker.url);
    expect(bus.kind).toBe('mqtt');
    await bus.close();
    await Promise.all([broker.close(), broker.close()]);
    await expect(createEventBus(broker.url)).rejects.toThrow(/cannot reach/);
  });

  it('fails to start when the port is taken', async () => {
    const first = await startEmbeddedBroker({ port: 0 });
    await expect(startEmbeddedBroker({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
    await first.close();
  });
});

describe('topic syntax', () => {
  it.each([
    ['market.trades.PETR4', true],
    ['orders.3f9c-11ee:a', true],
    ['single', true],
    ['market..PETR4', false],
    ['market.trades.*', false],
    ['market/trades', false],
    ['market.trades PETR4', false],
    ['', false],
  ])('%j is a publishable topic: %s', (topic, valid) => {
    expect(isTopic(topic)).toBe(valid);
  });
});
