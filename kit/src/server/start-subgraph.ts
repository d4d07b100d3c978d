import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Registry } from 'prom-client';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { REQUEST_ID_HEADER, VIEWER_HEADER, verifyInternalViewer } from '../auth/internal-viewer';
import type { Viewer } from '../auth/roles';
import { createFormatError } from '../errors/format-error';
import { createLogger, type Logger } from '../logging/logger';
import { internalSecret, listenHost } from './service-config';
import type { HealthCheck } from './health';
import { type HttpRoute, mountHttpRoutes } from './http-routes';
import { createServiceMetrics } from './metrics';
import { BodyReadError, isGraphQLPath, readJsonBody, respondWithApollo } from './apollo-http';
import { createServiceApp, requestIdFrom } from './service-app';

/** What every resolver gets; a subgraph's context extends it with its services and loaders. */
export interface SubgraphContext {
  viewer: Viewer | null;
  requestId: string;
  logger: Logger;
}

/**
 * Something the subgraph owns for its lifetime (a database, a bus, a service with timers): pinged by
 * `/health?detailed=true` when it has `ping`, and closed after the server stops, last listed first.
 */
export interface ManagedResource {
  readonly name: string;
  /** A failing critical resource makes the service DOWN; any other only DEGRADED. */
  readonly critical?: boolean;
  ping?(): Promise<unknown>;
  close(): Promise<void>;
}

export interface SubgraphOptions<TContext extends SubgraphContext> {
  name: string;
  port: number;
  schema: GraphQLSchema;
  /** Called per operation (and per subscription) so DataLoaders never outlive a request. */
  context: (base: SubgraphContext) => TContext;
  resources?: readonly ManagedResource[];
  /** Extra checks beyond the resources' pings. */
  healthChecks?: readonly HealthCheck[];
  logger?: Logger;
  host?: string;
  secret?: string;
  /** Adds the subgraph's own series to its /metrics registry (read at scrape time). */
  metrics?: (registry: Registry) => void;
  /** Routes served beside /graphql on the same port (e.g. a webhook); /graphql, /health and /metrics are unchanged. */
  httpRoutes?: readonly HttpRoute[];
}

export interface RunningSubgraph {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly logger: Logger;
  stop(): Promise<void>;
}

/** Subgraphs are called by the gateway, which already capped the client's body. */
const SUBGRAPH_MAX_BODY_BYTES = 1024 * 1024;

async function viewerFrom(header: unknown, secret: string): Promise<Viewer | null> {
  if (typeof header !== 'string' || header === '') return null;
  return verifyInternalViewer(header, secret);
}

/** HTTP + WebSocket GraphQL server for one subgraph, with health, metrics, logs and request ids. */
export async function startSubgraph<TContext extends SubgraphContext>(options: SubgraphOptions<TContext>): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(options.name);
  const secret = options.secret ?? internalSecret();
  const metrics = createServiceMetrics(options.name);
  options.metrics?.(metrics.registry);
  const resources = options.resources ?? [];
  const healthChecks: HealthCheck[] = [
    ...resources.flatMap((r) => (r.ping ? [{ name: r.name, critical: r.critical, check: async () => void (await r.ping!()) }] : [])),
    ...(options.healthChecks ?? []),
  ];
  const app = createServiceApp({ service: options.name, logger, metrics, healthChecks });
  mountHttpRoutes(app, options.httpRoutes ?? [], logger, secret);
  // /graphql runs on the raw request (no router in the hot path); Express serves health and metrics
  let graphqlRoute: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const httpServer: Server = createServer((req, res) => (graphqlRoute && isGraphQLPath(req.url) ? graphqlRoute(req, res) : app(req, res)));

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer<Record<string, unknown>>(
    {
      schema: options.schema,
      context: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const requestId = typeof params[REQUEST_ID_HEADER] === 'string' ? (params[REQUEST_ID_HEADER] as string) : 'ws';
        return options.context({ viewer: await viewerFrom(params[VIEWER_HEADER], secret), requestId, logger: logger.child({ requestId }) });
      },
      onConnect: async (ctx) => {
        try {
          await viewerFrom(ctx.connectionParams?.[VIEWER_HEADER], secret);
          return true;
        } catch {
          return false;
        }
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError(logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      metrics.plugin,
      {
        async serverWillStart() {
          return { drainServer: async () => wsCleanup.dispose() };
        },
      },
    ],
  });
  await apollo.start();

  graphqlRoute = (req, res) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const url = req.url ?? '';
    const answer = async (): Promise<void> => {
      const body = req.method === 'POST' ? await readJsonBody(req, SUBGRAPH_MAX_BODY_BYTES) : undefined;
      await respondWithApollo(apollo, req, res, {
        body,
        search: url.includes('?') ? url.slice(url.indexOf('?')) : '',
        context: async () => {
          const reqLogger = logger.child({ requestId });
          return options.context({ viewer: await viewerFrom(req.headers[VIEWER_HEADER], secret), requestId, logger: reqLogger });
        },
      });
    };
    answer().catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const status = error instanceof BodyReadError ? error.status : 500;
      if (status === 500) logger.error({ err: error, requestId }, 'graphql request failed');
      const message = status === 413 ? 'Request body too large' : status === 400 ? 'Request body is not valid JSON' : 'Internal server error';
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 400 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
      if (!req.complete) res.setHeader('connection', 'close');
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ errors: [{ message, extensions: { code, requestId } }] }));
    });
  };

  const host = options.host ?? listenHost();
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${host}:${port}/graphql`;
  logger.info({ url }, 'subgraph listening');

  let stopping: Promise<void> | null = null;
  return {
    name: options.name,
    port,
    url,
    logger,
    stop: () => {
      stopping ??= (async () => {
        await apollo.stop();
        wsServer.close();
        for (const resource of [...resources].reverse()) {
          try {
            await resource.close();
          } catch (error) {
            logger.error({ err: error, resource: resource.name }, 'error while closing');
          }
        }
      })();
      return stopping;
    },
  };
}
