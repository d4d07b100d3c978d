import net from 'node:net';
import { Aedes } from 'aedes';

export interface EmbeddedBroker {
  /** The bound port, which differs from the requested one when that was 0. */
  readonly port: number;
  /** `mqtt://host:port`, ready for `createEventBus`. */
  readonly url: string;
  /** Disconnects every client and stops listening; idempotent. */
  close(): Promise<void>;
}

/**
 * An in-process MQTT broker, so `npm start` needs no external server. Loopback only unless a host is
 * given: there is no authentication.
 */
export async function startEmbeddedBroker(opts: { port: number; host?: string }): Promise<EmbeddedBroker> {
  const host = opts.host ?? '127.0.0.1';
  const broker = await Aedes.createBroker();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  const stopBroker = (): Promise<void> => new Promise((resolve) => broker.close(() => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await stopBroker();
    throw err;
  }
  const port = (server.address() as net.AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    await stopBroker();
    // Clients that ignore the broker's goodbye would keep the server open.
    for (const socket of sockets) socket.destroy();
    await stopped;
  };
  return {
    port,
    url: `mqtt://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => (closing ??= close()),
  };
}
