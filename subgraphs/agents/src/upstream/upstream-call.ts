import { type Logger, ServiceCallError, type ServiceClient, ServiceUnreachableError } from '@b3/kit';
import { AgentErrors, type Upstream } from '../errors';

/**
 * One request to another subgraph: unreachable becomes AGENTS_UPSTREAM_UNAVAILABLE (cause logged, not
 * shown), a GraphQL error the caller did not handle becomes AGENTS_UPSTREAM_FAILED with the callee's code.
 */
export async function requestUpstream<T>(
  service: Upstream,
  client: ServiceClient,
  logger: Logger,
  query: string,
  variables: Record<string, unknown>,
  handle: (error: ServiceCallError) => T | undefined = () => undefined,
): Promise<T> {
  try {
    return await client.request<T>(query, variables);
  } catch (error) {
    if (error instanceof ServiceUnreachableError) {
      logger.warn({ err: error, upstream: service }, 'upstream did not answer');
      throw AgentErrors.upstreamUnavailable(service);
    }
    if (error instanceof ServiceCallError) {
      const handled = handle(error);
      if (handled !== undefined) return handled;
      logger.warn({ err: error, upstream: service, code: error.code }, 'upstream answered with an error');
      throw AgentErrors.upstreamFailed(service, error.code);
    }
    throw error;
  }
}

/** For /health: the callee answers GraphQL at all. */
export async function pingUpstream(client: ServiceClient): Promise<void> {
  await client.request<{ __typename: string }>('{ __typename }');
}
