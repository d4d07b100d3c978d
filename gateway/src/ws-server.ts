import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { UserTokenVerifier } from '@b3/kit';
import { decodeJwt } from 'jose';
import { GraphQLError, type GraphQLSchema, validate, type ValidationRule } from 'graphql';
import { type WebSocket, WebSocketServer } from 'ws';
import { bearerToken, type GatewayContext, viewerFromToken } from './plugins/auth';
import { type FederatedSubscriptions, SLOW_CONSUMER_CLOSE_CODE } from './subscriptions/federated-subscriptions';
import { executeThroughApollo, subscribeFederated, validationRulesWith } from './transport-operations';
import { serveGraphQLWs } from './ws-transport';

export const TOKEN_EXPIRED_CLOSE_CODE = 4403;

interface ConnectionState {
  viewer: GatewayContext['viewer'];
  socket: WebSocket;
  subscriptions: number;
  expiryTimer?: NodeJS.Timeout;
  /** Since when the socket's send buffer has been over the limit. */
  overSince?: number;
}

export interface StalledSocketLimit {
  /** Bytes queued for one socket (ws buffer + Node's socket buffer) that count as stalled… */
  maxBufferedBytes: number;
  /** …when they stay above it this long. */
  forMs: number;
}

/**
 * Per-subscription queues bound what one operation holds; this catches a socket whose reader stopped while
 * many operations (or very large events) fill its send buffer. Such a socket is closed with 4801, like a
 * lossless subscriber that fell behind, and killed outright if the close cannot get through.
 */
function watchStalledSockets(connections: ReadonlySet<ConnectionState>, limit: StalledSocketLimit, onClosed: () => void): () => void {
  const timer = setInterval(
    () => {
      const now = Date.now();
      for (const connection of connections) {
        if (connection.socket.bufferedAmount <= limit.maxBufferedBytes) {
          connection.overSince = undefined;
          continue;
        }
        connection.overSince ??= now;
        if (now - connection.overSince < limit.forMs) continue;
        connection.overSince = Number.POSITIVE_INFINITY;
        onClosed();
        const socket = connection.socket;
        socket.close(SLOW_CONSUMER_CLOSE_CODE, 'slow consumer: send buffer full; re-query, then resubscribe');
        setTimeout(() => socket.terminate(), 5000).unref();
      }
    },
    Math.max(25, Math.min(500, limit.forMs / 4)),
  );
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * graphql-ws on the gateway's /graphql: authenticates once on connection_init (a bad token is refused
 * with 4403, and the socket is closed with 4403 when the token expires — the protocol cannot
 * re-authenticate), caps subscriptions per connection, runs subscriptions through the federated
 * engine and queries/mutations through Apollo Server.
 */
export function startWsServer(options: {
  httpServer: Server;
  /** Read per operation: the supergraph can be re-composed while clients stay connected. */
  schema: () => GraphQLSchema;
  apollo: ApolloServer<GatewayContext>;
  subscriptions: FederatedSubscriptions;
  verify: UserTokenVerifier;
  maxSubscriptionsPerConnection: number;
  /** The same query limits HTTP requests get (depth, aliases, cost…). */
  validationRules: readonly ValidationRule[];
  /** With PERSISTED_ONLY, only allowlisted documents may run here too. */
  isAllowed: (documentText: string) => boolean;
  stalledSocket: StalledSocketLimit;
}): { dispose(): Promise<void> } {
  const rules = validationRulesWith(options.validationRules);
  const connections = new Set<ConnectionState>();
  const stopWatchdog = watchStalledSockets(connections, options.stalledSocket, () => options.subscriptions.countSlowConsumerClosed());
  const wsServer = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: 1024 * 1024 });
  const cleanup = serveGraphQLWs<{ state?: ConnectionState }>(
    {
      schema: () => options.schema(),
      connectionInitWaitTimeout: 3000,
      validate: (schema, document) => validate(schema, document, rules),
      onSubscribe: (_ctx, _id, payload) => {
        if (options.isAllowed(payload.query)) return undefined;
        return [new GraphQLError('Only persisted documents are accepted', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } })];
      },
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const token = bearerToken(params.Authorization ?? params.authorization) ?? (typeof params.token === 'string' ? params.token : null);
        let viewer: GatewayContext['viewer'];
        try {
          viewer = await viewerFromToken(token, options.verify);
        } catch {
          return false;
        }
        const state: ConnectionState = { viewer, socket: ctx.extra.socket, subscriptions: 0 };
        const exp = token ? decodeJwt(token).exp : undefined;
        if (exp) {
          const ms = exp * 1000 - Date.now();
          state.expiryTimer = setTimeout(() => ctx.extra.socket.close(TOKEN_EXPIRED_CLOSE_CODE, 'token expired'), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
          state.expiryTimer.unref();
        }
        ctx.extra.state = state;
        connections.add(state);
        return true;
      },
      onClose: (ctx) => {
        const state = ctx.extra.state;
        if (!state) return;
        if (state.expiryTimer) clearTimeout(state.expiryTimer);
        connections.delete(state);
      },
      context: (ctx) => ({ viewer: ctx.extra.state?.viewer ?? null, requestId: randomUUID(), connection: ctx.extra.state }),
      subscribe: (args) => {
        const context = args.contextValue as GatewayContext & { connection?: ConnectionState };
        const connection = context.connection;
        if (connection && connection.subscriptions >= options.maxSubscriptionsPerConnection) {
          return {
            errors: [
              new GraphQLError(`At most ${options.maxSubscriptionsPerConnection} subscriptions per connection`, {
                extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: options.maxSubscriptionsPerConnection },
              }),
            ],
          };
        }
        const iterator = subscribeFederated(options.subscriptions, args, context, connection?.socket ?? null);
        if (!connection || !(Symbol.asyncIterator in iterator)) return iterator;
        connection.subscriptions++;
        const release = iterator.return!.bind(iterator);
        iterator.return = (value?: unknown) => {
          connection.subscriptions--;
          iterator.return = release;
          return release(value);
        };
        return iterator;
      },
      execute: (args) => executeThroughApollo(options.apollo, args, args.contextValue as GatewayContext),
    },
    wsServer,
  );
  return {
    async dispose() {
      stopWatchdog();
      await cleanup.dispose();
    },
  };
}
