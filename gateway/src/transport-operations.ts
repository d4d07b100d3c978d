import type { ApolloServer } from '@apollo/server';
import { type DocumentNode, type ExecutionResult, GraphQLError, specifiedRules, type ValidationRule } from 'graphql';
import type { GatewayContext } from './plugins/auth';
import type { FederatedSubscriptions, SubscriberSocket } from './subscriptions/federated-subscriptions';

/**
 * What graphql-ws and graphql-sse share: the same validation rules as HTTP, subscriptions through the
 * federated engine, and queries/mutations through Apollo Server.
 */
interface OperationArgs {
  document: DocumentNode;
  variableValues?: unknown;
  operationName?: string | null;
}

export function validationRulesWith(limits: readonly ValidationRule[]): ValidationRule[] {
  return [...specifiedRules, ...limits];
}

/** A subscription that cannot start (bad plan, a limit) answers as a GraphQL error, not a dropped socket. */
export function subscribeFederated(
  subscriptions: FederatedSubscriptions,
  args: OperationArgs,
  caller: GatewayContext,
  socket: SubscriberSocket | null,
): AsyncIterableIterator<ExecutionResult> | ExecutionResult {
  try {
    return subscriptions.subscribe(
      { document: args.document, variables: (args.variableValues ?? {}) as Record<string, unknown>, operationName: args.operationName },
      { viewer: caller.viewer, requestId: caller.requestId },
      socket,
    );
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    throw error;
  }
}

export async function executeThroughApollo(apollo: ApolloServer<GatewayContext>, args: OperationArgs, caller: GatewayContext): Promise<ExecutionResult> {
  const response = await apollo.executeOperation(
    { query: args.document as never, variables: args.variableValues as Record<string, unknown>, operationName: args.operationName ?? undefined },
    { contextValue: { viewer: caller.viewer, requestId: caller.requestId } },
  );
  // incremental delivery (@defer) is not enabled, so every response is a single result
  return response.body.kind === 'single' ? (response.body.singleResult as ExecutionResult) : { errors: [] };
}
