import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';

/** What graphql-ws hands our hooks as `ctx.extra`. */
export interface SocketExtra {
  socket: WebSocket;
  request: IncomingMessage;
}

const KEEPALIVE_MS = 12_000;

/**
 * graphql-ws over `ws`, as its own `useServer` does, with two changes for fan-out:
 *
 * - **Send-ahead.** graphql-ws takes an operation's next event only once the previous send resolved. The
 *   stock adapter resolves in the write callback, so every frame to every client waits a full event-loop
 *   turn. Here a send resolves at once while the socket has less than `sendAheadBytes` buffered, and only
 *   waits for the write when it has more: a healthy client costs no round trip per frame, a slow one
 *   still pushes back into its own bounded queue (conflated or closed with 4801) after at most that many
 *   bytes.
 * - **Corking.** Frames sent to one socket in the same tick (several events read in one upstream chunk)
 *   leave in one write instead of one syscall each.
 */
export function serveGraphQLWs<E extends Record<PropertyKey, unknown>>(
  options: ServerOptions<Record<string, unknown> | undefined, E & SocketExtra>,
  wsServer: WebSocketServer,
  sendAheadBytes = 64 * 1024,
): { dispose(): Promise<void> } {
  const server = makeServer(options);
  wsServer.options.handleProtocols = handleProtocols;
  wsServer.on('connection', (socket, request) => {
    socket.once('error', () => socket.close(CloseCode.InternalServerError, 'Internal server error'));

    let pongWait: NodeJS.Timeout | null = null;
    const pings = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), KEEPALIVE_MS);
      socket.once('pong', () => {
        if (pongWait) clearTimeout(pongWait);
        pongWait = null;
      });
      socket.ping();
    }, KEEPALIVE_MS);

    const raw = (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    let corked = false;
    const uncork = (): void => {
      corked = false;
      raw?.uncork();
    };

    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          if (socket.readyState !== socket.OPEN) return;
          if (raw && !corked) {
            corked = true;
            raw.cork();
            process.nextTick(uncork);
          }
          if (socket.bufferedAmount < sendAheadBytes) {
            socket.send(data);
            return;
          }
          return new Promise<void>((resolve) => socket.send(data, () => resolve()));
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (message) => {
            handle(String(message)).catch(() => socket.close(CloseCode.InternalServerError, 'Internal server error'));
          }),
      },
      { socket, request } as E & SocketExtra,
    );

    socket.once('close', (code, reason) => {
      if (pongWait) clearTimeout(pongWait);
      clearInterval(pings);
      void closed(code, String(reason));
    });
  });

  return {
    async dispose() {
      for (const client of wsServer.clients) client.close(1001, 'Going away');
      wsServer.removeAllListeners();
      await new Promise<void>((resolve, reject) => wsServer.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
