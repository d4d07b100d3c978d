// Apollo's gateway starts a usage exporter and cloud metadata probes unless this is set before it is
// constructed; the platform must never talk to anything but its own services.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { DocumentNode } from 'graphql';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import {
  createFormatError,
  createServiceApp,
  createServiceMetrics,
  createUserTokenVerifier,
  type Logger,
  probeHealth,
  registerGauge,
} from '@b3/kit';
import type { GatewayConfig } from './config';
import { SubgraphDataSource } from './data-source';
import { subgraphFetchOptionsFromEnv } from './fetch/fetch.config';
import { renderIde } from './ide';
import { createGraphQLRoute, isGraphQLRequest } from './graphql-route';
import { corsFor, corsHeaders } from './plugins/cors';
import { createViewerSigner, type GatewayContext, requireViewerForMutations } from './plugins/auth';
import { isPersistedDocument, loadPersistedDocuments, persistedDocumentResolver } from './security/persisted-documents';
import { queryLimitProtection, withLimitCodes } from './security/query-limits';
import { createRateLimitStore, rateLimiter } from './security/rate-limit';
import { requestIdOnErrors } from './security/request-id-on-errors';
import { attachScopes } from './security/scopes';
import { tokenLimit } from './security/token-limit';
import { FederatedSubscriptions } from './subscriptions/federated-subscriptions';
import { SubscriptionPlanner } from './subscriptions/subscription-planner';
import { createSseHandler } from './sse-server';
import { startWsServer } from './ws-server';
import { CountingCache } from './counting-cache';
import { composeSupergraph } from './supergraph';
import { watchSupergraph } from './supergraph-watcher';
import { createHttpForward, FORWARDED_ROUTES, routeMatches } from './http-forward';

export interface RunningGateway {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** Authentication, request ids, error masking and routing; no business logic lives here. */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningGateway> {
  const supergraph = composeSupergraph(config.subgraphs);
  // swapped when a subgraph's schema changes; websocket and SSE validation read it per operation
  const live = { apiSchema: supergraph.apiSchema };
  const verify = createUserTokenVerifier(config.auth);
  const signViewer = createViewerSigner(config.internalSecret);
  const urls = new Map(config.subgraphs.map((s) => [s.name, s.url]));
  // the same data sources serve queries and the entity fetches that enrich subscription events
  const dataSources = new Map<string, SubgraphDataSource>();

  const planCache = new CountingCache<QueryPlan>(config.cacheEntries.queryPlans);
  const documentCache = new CountingCache<DocumentNode>(config.cacheEntries.documents);
  const gateway = new ApolloGateway({
    queryPlannerConfig: { cache: planCache },
    supergraphSdl: config.watchSchemas
      ? async ({ update }) => {
          const watcher = watchSupergraph(config.subgraphs, supergraph.supergraphSdl, (next) => {
            update(next.supergraphSdl);
            live.apiSchema = next.apiSchema;
            subscriptions.replacePlanner(new SubscriptionPlanner(next.supergraphSdl));
          }, logger);
          return { supergraphSdl: supergraph.supergraphSdl, cleanup: async () => watcher.close() };
        }
      : supergraph.supergraphSdl,
    buildService: ({ name, url }) => {
      const source = new SubgraphDataSource(name, url ?? urls.get(name) ?? '', signViewer, subgraphFetchOptionsFromEnv(), metrics.registry);
      dataSources.set(name, source);
      return source;
    },
    logger,
  });

  const metrics = createServiceMetrics('gateway');
  planCache.expose(metrics.registry, 'query_plan');
  documentCache.expose(metrics.registry, 'document');
  const app = createServiceApp({
    service: 'gateway',
    logger,
    metrics,
    healthChecks: config.subgraphs.map((s) => ({
      name: `subgraph:${s.name}`,
      async check() {
        const probe = await probeHealth(new URL('/', s.url).toString(), 1000);
        if (probe.status === 'DOWN') throw new Error(probe.error ?? 'down');
      },
    })),
  });
  app.use(corsFor(config.corsOrigins));
  // the GraphQL route is the hot path and skips Express; the route is built once Apollo has started
  let graphqlRoute: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const httpServer = createServer((req, res) => (graphqlRoute && isGraphQLRequest(req) ? graphqlRoute(req, res) : app(req, res)));
  const formatError = withLimitCodes(createFormatError(logger));
  const security = config.security;
  const limits = queryLimitProtection(security.limits);
  const persisted = loadPersistedDocuments(security.persistedDocumentsFile);
  const rateLimits = createRateLimitStore(security.rateLimits);

  const apollo = new ApolloServer<GatewayContext>({
    // parsed and validated documents, so a repeated operation skips both
    documentStore: documentCache,
    gateway,
    includeStacktraceInErrorResponses: false,
    introspection: security.introspection,
    csrfPrevention: true,
    // an APQ cache would let any client register documents and bypass the persisted allowlist
    persistedQueries: false,
    allowBatchedHttpRequests: false,
    validationRules: limits.validationRules,
    formatError: (formatted, error) =>
      formatted.extensions?.code === 'INTERNAL' && formatted.extensions.requestId ? formatted : formatError(formatted, error),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      requireViewerForMutations,
      attachScopes<GatewayContext>(),
      requestIdOnErrors<GatewayContext>(),
      ...(limits.plugins as ApolloServerPlugin<GatewayContext>[]),
      metrics.plugin as never,
    ],
  });
  await apollo.start();

  const isAllowed = (text: string): boolean => !security.persistedOnly || isPersistedDocument(persisted, text);
  const subscriptions = new FederatedSubscriptions({
    planner: new SubscriptionPlanner(supergraph.supergraphSdl),
    dataSources,
    urls,
    signViewer,
    policies: config.subscriptionPolicies,
    queueLimit: config.subscriberQueueLimit,
    maxUpstreams: config.maxUpstreamSubscriptions,
  });
  registerGauge(metrics.registry, 'gateway_upstream_subscriptions', 'Upstream subscriptions open (shared by clients)', () => subscriptions.stats().upstreams);
  registerGauge(metrics.registry, 'gateway_subscription_groups', 'Distinct client operations being enriched', () => subscriptions.stats().groups);
  registerGauge(metrics.registry, 'gateway_slow_consumers_closed', 'Subscribers closed with 4801 (lossless queue overflow or a stalled socket)', () => subscriptions.stats().slowConsumersClosed);
  registerGauge(metrics.registry, 'gateway_subscribers', 'Client subscriptions being served (websocket and SSE)', () => subscriptions.stats().subscribers);
  registerGauge(metrics.registry, 'gateway_subscriber_queued_events', 'Events waiting in subscribers\' queues for slow clients', () => subscriptions.stats().queuedEvents);
  const ws = startWsServer({
    httpServer,
    schema: () => live.apiSchema,
    apollo,
    subscriptions,
    verify,
    maxSubscriptionsPerConnection: config.maxSubscriptionsPerConnection,
    validationRules: limits.validationRules,
    isAllowed,
    stalledSocket: config.stalledSocket,
  });
  app.use('/graphql/stream', createSseHandler({ schema: () => live.apiSchema, apollo, subscriptions, verify, validationRules: limits.validationRules, isAllowed }));

  // Plain HTTP routes of subgraphs on the public origin (webhook, export, uploads); only for subgraphs present.
  const forwards = FORWARDED_ROUTES.flatMap((route) => {
    const subgraphUrl = urls.get(route.subgraph);
    return subgraphUrl
      ? [createHttpForward({ route, subgraphUrl, verify, signViewer, onError: (err, requestId) => logger.warn({ err, requestId, route: route.path }, 'http route could not be forwarded') })]
      : [];
  });
  app.use((req, res, next) => {
    const forward = forwards.find((f) => routeMatches(f.route, req.method, req.url));
    if (forward) forward.handle(req, res);
    else next();
  });

  const ide = renderIde();
  // a browser opening /graphql (isGraphQLRequest leaves it to Express)
  app.get('/graphql', (_req, res) => {
    res.type('html').send(ide);
  });
  graphqlRoute = createGraphQLRoute({
    apollo,
    verify,
    cors: corsHeaders(config.corsOrigins),
    rateLimit: rateLimiter(rateLimits, security.rateLimits, (err) => logger.warn({ err }, 'rate limit store failed; request let through')),
    maxBodyBytes: security.maxBodyBytes,
    resolvePersisted: persistedDocumentResolver(persisted, { persistedOnly: security.persistedOnly }),
    tokenLimit: tokenLimit(security.limits.maxTokens),
    onError: (err, requestId) => logger.error({ err, requestId }, 'graphql request failed'),
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host}:${port}/graphql`;
  logger.info({ url, subgraphs: config.subgraphs.map((s) => s.name) }, 'gateway listening');

  return {
    port,
    url,
    async stop() {
      await ws.dispose();
      await subscriptions.close();
      await apollo.stop();
      await Promise.all([...dataSources.values()].map((source) => source.close()));
      await rateLimits.close();
      forwards.forEach((forward) => forward.close());
    },
  };
}
