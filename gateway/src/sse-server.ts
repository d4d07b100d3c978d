import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import type { UserTokenVerifier } from '@b3/kit';
import type { RequestHandler } from 'express';
import { GraphQLError, type GraphQLSchema, validate, type ValidationRule } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/express';
import { bearerToken, type GatewayContext, viewerFromToken } from './plugins/auth';
import type { FederatedSubscriptions } from './subscriptions/federated-subscriptions';
import { executeThroughApollo, subscribeFederated, validationRulesWith } from './transport-operations';

/**
 * The same subscriptions over Server-Sent Events (graphql-sse protocol, distinct-connections mode) for
 * clients that cannot hold a websocket. A lossless client that falls behind has its stream ended.
 */
export function createSseHandler(options: {
  schema: () => GraphQLSchema;
  apollo: ApolloServer<GatewayContext>;
  subscriptions: FederatedSubscriptions;
  verify: UserTokenVerifier;
  validationRules: readonly ValidationRule[];
  isAllowed: (documentText: string) => boolean;
}): RequestHandler {
  const rules = validationRulesWith(options.validationRules);
  type SseContext = Record<PropertyKey, unknown> & GatewayContext;
  const handler = createHandler<SseContext>({
    schema: () => options.schema(),
    validate: (schema, document) => validate(schema, document, rules),
    onSubscribe: async (req, params) => {
      if (!options.isAllowed(params.query)) {
        return [JSON.stringify({ errors: [new GraphQLError('Only persisted documents are accepted', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } })] }), { status: 400, statusText: 'Bad Request' }];
      }
      try {
        await viewerFromToken(bearerToken(req.headers.get('authorization')), options.verify);
      } catch {
        return [JSON.stringify({ errors: [{ message: 'Invalid or expired token', extensions: { code: 'UNAUTHENTICATED' } }] }), { status: 401, statusText: 'Unauthorized' }];
      }
    },
    context: async (req): Promise<SseContext> => ({
      viewer: await viewerFromToken(bearerToken(req.headers.get('authorization')), options.verify),
      requestId: randomUUID(),
    }),
    subscribe: (args) => subscribeFederated(options.subscriptions, args, args.contextValue, null),
    execute: (args) => executeThroughApollo(options.apollo, args, args.contextValue),
  });
  return (req, res) => void handler(req, res);
}
