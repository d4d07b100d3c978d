// Apollo's gateway starts a usage exporter and cloud metadata probes unless this is set before it is
// constructed; the platform must never talk to anything but its own services.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import {
  createFormatError,
  createServiceApp,
  createServiceMetrics,
  createUserTokenVerifier,
  type Logger,
  probeHealth,
  requestIdOf,
} from '@b3/kit';
import express from 'express';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GatewayConfig } from './config';
import { SubgraphDataSource } from './data-source';
import { renderIde } from './ide';
import { corsFor } from './plugins/cors';
import { bearerToken, createViewerSigner, type GatewayContext, requireViewerForMutations, viewerFromToken } from './plugins/auth';
import { SubscriptionForwarder } from './subscriptions';
import { composeSupergraph } from './supergraph';

export interface RunningGateway {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** Authentication, request ids, error masking and routing; no business logic lives here. */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningGateway> {
  const supergraph = composeSupergraph(config.subgraphs);
  const verify = createUserTokenVerifier(config.auth);
  const signViewer = createViewerSigner(config.internalSecret);
  const urls = new Map(config.subgraphs.map((s) => [s.name, s.url]));

  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource(name, url ?? urls.get(name) ?? '', signViewer),
    logger,
  });

  const metrics = createServiceMetrics('gateway');
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
  const httpServer = createServer(app);
  const formatError = createFormatError(logger);

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) =>
      formatted.extensions?.code === 'INTERNAL' && formatted.extensions.requestId ? formatted : formatError(formatted, error),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      requireViewerForMutations,
      metrics.plugin as never,
    ],
  });
  await apollo.start();

  const forwarder = new SubscriptionForwarder(supergraph.subscriptionOwners, urls, signViewer);
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer<Record<string, unknown>, { viewer: GatewayContext['viewer'] }>(
    {
      schema: supergraph.apiSchema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const token = bearerToken(params.Authorization ?? params.authorization) ?? (typeof params.token === 'string' ? params.token : null);
        try {
          ctx.extra.viewer = await viewerFromToken(token, verify);
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx) => ({ viewer: ctx.extra.viewer ?? null, requestId: randomUUID() }),
      subscribe: (args) => {
        const context = args.contextValue as GatewayContext;
        return forwarder.forward(
          { document: args.document, variables: args.variableValues as Record<string, unknown>, operationName: args.operationName },
          context.viewer,
          context.requestId,
        );
      },
      execute: async (args) => {
        const context = args.contextValue as GatewayContext;
        const response = await apollo.executeOperation(
          { query: args.document as never, variables: args.variableValues as Record<string, unknown>, operationName: args.operationName ?? undefined },
          { contextValue: context },
        );
        // incremental delivery (@defer) is not enabled, so every response is a single result
        return response.body.kind === 'single' ? (response.body.singleResult as never) : { errors: [] };
      },
    },
    wsServer,
  );

  const ide = renderIde();
  app.get('/graphql', (req, res, next) => {
    if (!req.accepts('text/html') || req.query.query) return next();
    res.type('html').send(ide);
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        viewer: await viewerFromToken(bearerToken(req.header('authorization')), verify),
        requestId: (res.locals.requestId as string | undefined) ?? requestIdOf(req),
      }),
    }),
  );

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
      await wsCleanup.dispose();
      await forwarder.close();
      await apollo.stop();
    },
  };
}
