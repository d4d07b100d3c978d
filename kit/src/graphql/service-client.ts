import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signInternalViewer, VIEWER_HEADER } from '../auth/internal-viewer';
import type { Viewer } from '../auth/roles';
import type { SubgraphName } from '../platform/services';

/**
 * Service-to-service GraphQL: one subgraph calling another directly (not through the gateway) under its
 * own signed identity, e.g. orders calling the bridge's @inaccessible routing fields. Transport only: the
 * caller owns its operations and their types.
 */

/** A platform service acting as itself; subgraphs check the id before serving internal fields. */
export const serviceViewer = (name: SubgraphName): Viewer => ({ id: `service:${name}`, roles: ['admin'] });

/** The callee answered with GraphQL errors; `code` is the first error's extensions.code. */
export class ServiceCallError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'ServiceCallError';
  }
}

/** The call never got a GraphQL answer (connection refused, timeout, non-GraphQL body): the outcome is unknown. */
export class ServiceUnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServiceUnreachableError';
  }
}

export interface SubscriptionHandlers<T> {
  next(data: T): void;
  /** Every (re)connection, before events flow: the place to catch up on what a drop may have lost. */
  connected?(): void;
  /** A GraphQL error that ends the subscription (it is not retried). */
  error?(err: ServiceCallError): void;
}

export interface ServiceClient {
  request<TData, TVariables extends Record<string, unknown> = Record<string, unknown>>(query: string, variables?: TVariables): Promise<TData>;
  /** Stays subscribed across drops and callee restarts (reconnecting with backoff) until the returned function runs. */
  subscribe<TData, TVariables extends Record<string, unknown> = Record<string, unknown>>(
    query: string,
    variables: TVariables,
    handlers: SubscriptionHandlers<TData>,
  ): () => void;
  close(): Promise<void>;
}

export interface ServiceClientOptions {
  /** The callee's HTTP GraphQL endpoint (e.g. from subgraphUrl); its ws: twin carries subscriptions. */
  url: string;
  identity: Viewer;
  secret: string;
  timeoutMs?: number;
}

const TOKEN_TTL_SECONDS = 300;
/** Re-sign well before expiry so a request in flight never carries a token that lapses on arrival. */
const TOKEN_REFRESH_MS = 240_000;

interface GraphQLBody<T> {
  data?: T | null;
  errors?: ReadonlyArray<{ message?: string; extensions?: Record<string, unknown> }>;
}

function firstError(errors: NonNullable<GraphQLBody<unknown>['errors']>): ServiceCallError {
  const first = errors[0] ?? {};
  const extensions = first.extensions ?? {};
  return new ServiceCallError(first.message ?? 'GraphQL error', typeof extensions.code === 'string' ? extensions.code : 'INTERNAL', extensions);
}

export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const timeoutMs = options.timeoutMs ?? 5_000;
  let token: { value: Promise<string>; at: number } | undefined;
  const header = (): Promise<string> => {
    if (!token || Date.now() - token.at > TOKEN_REFRESH_MS) {
      token = { value: signInternalViewer(options.identity, options.secret, TOKEN_TTL_SECONDS), at: Date.now() };
    }
    return token.value;
  };

  let ws: Client | undefined;
  const wsClient = (): Client => {
    ws ??= createClient({
      url: options.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: async () => ({ [VIEWER_HEADER]: await header() }),
      lazy: true,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      // Capped so a callee that restarts is picked up within seconds, not minutes.
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** Math.min(retries, 5)))),
    });
    return ws;
  };

  return {
    async request<TData>(query: string, variables?: Record<string, unknown>): Promise<TData> {
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [VIEWER_HEADER]: await header() },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        throw new ServiceUnreachableError(`${options.url} did not answer: ${(err as Error).message}`, { cause: err });
      }
      let body: GraphQLBody<TData>;
      try {
        body = (await response.json()) as GraphQLBody<TData>;
      } catch (err) {
        throw new ServiceUnreachableError(`${options.url} answered HTTP ${response.status} without a GraphQL body`, { cause: err });
      }
      if (body.errors?.length) throw firstError(body.errors);
      if (body.data === undefined || body.data === null) throw new ServiceUnreachableError(`${options.url} answered HTTP ${response.status} without data`);
      return body.data;
    },

    subscribe<TData>(query: string, variables: Record<string, unknown>, handlers: SubscriptionHandlers<TData>): () => void {
      const client = wsClient();
      const offConnected = handlers.connected ? client.on('connected', () => handlers.connected?.()) : () => undefined;
      let stopped = false;
      let unsubscribe = (): void => undefined;
      const start = (): void => {
        unsubscribe = client.subscribe<TData>(
          { query, variables },
          {
            next: (result) => {
              if (result.errors?.length) {
                handlers.error?.(firstError(result.errors as NonNullable<GraphQLBody<unknown>['errors']>));
              } else if (result.data) {
                handlers.next(result.data as TData);
              }
            },
            // Socket-level failures are retried by the client; one that gets here ended the operation, so start it again.
            error: (err) => {
              if (stopped) return;
              if (Array.isArray(err)) {
                handlers.error?.(firstError(err as NonNullable<GraphQLBody<unknown>['errors']>));
                return;
              }
              setTimeout(() => !stopped && start(), 500).unref();
            },
            complete: () => undefined,
          },
        );
      };
      start();
      return () => {
        stopped = true;
        offConnected();
        unsubscribe();
      };
    },

    async close(): Promise<void> {
      await ws?.dispose();
      ws = undefined;
    },
  };
}
