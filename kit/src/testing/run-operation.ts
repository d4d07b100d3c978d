import { execute, type ExecutionResult, type GraphQLSchema, parse, subscribe } from 'graphql';
import type { Viewer } from '../auth/roles';
import { createLogger } from '../logging/logger';
import type { SubgraphContext } from '../server/start-subgraph';

/** Base context for schema tests: anonymous unless a viewer is given, silent logger. */
export function testContext(viewer: Viewer | null = null): SubgraphContext {
  return { viewer, requestId: 'test', logger: createLogger('test', 'silent') };
}

export async function runOperation<TData = Record<string, unknown>>(
  schema: GraphQLSchema,
  query: string,
  variables: Record<string, unknown>,
  contextValue: unknown,
): Promise<ExecutionResult<TData>> {
  return (await execute({ schema, document: parse(query), variableValues: variables, contextValue })) as ExecutionResult<TData>;
}

/** Starts a subscription and returns its iterator (or the error result when it could not start). */
export async function runSubscription<TData = Record<string, unknown>>(
  schema: GraphQLSchema,
  query: string,
  variables: Record<string, unknown>,
  contextValue: unknown,
): Promise<AsyncIterableIterator<ExecutionResult<TData>> | ExecutionResult<TData>> {
  return (await subscribe({ schema, document: parse(query), variableValues: variables, contextValue })) as
    | AsyncIterableIterator<ExecutionResult<TData>>
    | ExecutionResult<TData>;
}
