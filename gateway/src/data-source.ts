import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { REQUEST_ID_HEADER, type Viewer, VIEWER_HEADER } from '@b3/kit';
import { type DocumentNode, GraphQLError, Kind } from 'graphql';
import type { Registry } from 'prom-client';
import { CircuitBreaker } from './fetch/circuit-breaker';
import { type EntityBatch, EntityBatcher, type EntityFetchResponse } from './fetch/entity-batcher';
import type { SubgraphFetchOptions } from './fetch/fetch.config';
import { InFlightDedupe } from './fetch/in-flight-dedupe';
import { registerSubgraphFetchMetrics, type SubgraphFetchStats } from './fetch/subgraph-fetch.metrics';
import { SubgraphHttpClient, type SubgraphHttpResponse, SubgraphTimeoutError } from './fetch/subgraph-http.client';
import type { GatewayContext } from './plugins/auth';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

export type UnavailableReason = 'timeout' | 'circuit-open' | 'unreachable' | 'bad-response';

/**
 * Sends the gateway's subgraph fetches over a pooled undici connection, forwarding the request id and a
 * signed viewer header. Concurrent identical queries from the same auth scope share one upstream request;
 * every request has a time budget; a breaker stops calling a subgraph that keeps failing. Any failure
 * becomes SUBGRAPH_UNAVAILABLE naming the subgraph, so the gateway returns the other subgraphs' data.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly client: SubgraphHttpClient;
  private readonly breaker: CircuitBreaker;
  private readonly inFlight = new InFlightDedupe<SubgraphHttpResponse>();
  private readonly entities = new EntityBatcher((batch, representations) => this.fetchEntities(batch, representations));
  private upstreamRequests = 0;

  constructor(
    readonly name: string,
    url: string,
    private readonly signViewer: (viewer: Viewer) => Promise<string>,
    private readonly options: SubgraphFetchOptions,
    /** The gateway's metrics registry, when its counts should be scraped. */
    registry?: Registry,
  ) {
    this.client = new SubgraphHttpClient(url, options.timeoutMs);
    this.breaker = new CircuitBreaker({ failureThreshold: options.breakerFailureThreshold, cooldownMs: options.breakerCooldownMs });
    if (registry) registerSubgraphFetchMetrics(registry, name, () => this.stats());
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const viewer = viewerOf(options.context);
    const requestId = requestIdOf(options.context);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
    };
    for (const [key, value] of request.http?.headers ?? []) headers[key] = value;
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    if (viewer) headers[VIEWER_HEADER] = await this.signViewer(viewer);

    const representations = request.variables?.representations;
    if (this.options.batchEntities && Array.isArray(representations) && request.query?.includes('_entities(')) {
      const { representations: _, ...variables } = request.variables ?? {};
      const batch: EntityBatch = { query: request.query, operationName: request.operationName, variables, headers };
      const key = `${authScopeOf(viewer)}\u0000${request.operationName ?? ''}\u0000${JSON.stringify(variables)}\u0000${request.query}`;
      try {
        return (await this.entities.load(key, batch, representations)) as GatewayGraphQLResponse;
      } catch (error) {
        throw copyOf(error);
      }
    }

    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName });
    const isMutation = operationTypeOf('document' in options ? options.document : undefined, request.query ?? '') === 'mutation';
    const send = () => this.send(body, headers, isMutation);
    let response: SubgraphHttpResponse;
    try {
      response = this.options.dedupe && !isMutation ? await this.inFlight.run(`${authScopeOf(viewer)}\u0000${body}`, send) : await send();
    } catch (error) {
      throw copyOf(error);
    }
    return this.toGraphQLResponse(response);
  }

  stats(): SubgraphFetchStats {
    const entities = this.entities.stats();
    return {
      upstreamRequests: this.upstreamRequests,
      dedupeHits: this.inFlight.hits,
      breakerState: this.breaker.state,
      entityFetchesBatched: entities.fetches - entities.batches,
      entityRepresentationsShared: entities.representationsShared,
    };
  }

  /** One `_entities` request for the representations of every batched caller. */
  private async fetchEntities(batch: EntityBatch, representations: unknown[]): Promise<EntityFetchResponse> {
    const body = JSON.stringify({ query: batch.query, variables: { ...batch.variables, representations }, operationName: batch.operationName });
    return this.toGraphQLResponse(await this.send(body, batch.headers, false)) as EntityFetchResponse;
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private async send(body: string, headers: Record<string, string>, isMutation: boolean): Promise<SubgraphHttpResponse> {
    if (!this.breaker.tryAcquire()) throw this.unavailable('circuit-open', `The ${this.name} service is unavailable (failing fast after repeated errors)`);
    this.upstreamRequests += 1;
    let response: SubgraphHttpResponse;
    try {
      response = await this.client.post(body, headers);
    } catch (error) {
      this.breaker.fail();
      if (error instanceof SubgraphTimeoutError) {
        // a timed-out mutation may still have been applied; the caller must not assume it was not
        const suffix = isMutation ? '; the mutation may or may not have been applied' : '';
        throw this.unavailable('timeout', `The ${this.name} service did not answer within ${this.options.timeoutMs} ms${suffix}`);
      }
      throw this.unavailable('unreachable', `The ${this.name} service is unavailable`);
    }
    if (response.status >= 500) this.breaker.fail();
    else this.breaker.succeed();
    return response;
  }

  /** Parses per caller so deduplicated callers never share (and mutate) one result object. */
  private toGraphQLResponse(response: SubgraphHttpResponse): GatewayGraphQLResponse {
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      parsed = undefined;
    }
    if (!isGraphQLResponse(parsed)) {
      throw this.unavailable('bad-response', `The ${this.name} service is unavailable (HTTP ${response.status}, not a GraphQL response)`);
    }
    if (response.status >= 300 && !parsed.errors?.length) {
      throw this.unavailable('bad-response', `The ${this.name} service is unavailable (HTTP ${response.status})`);
    }
    return parsed;
  }

  private unavailable(reason: UnavailableReason, message: string): GraphQLError {
    return new GraphQLError(message, { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.name, reason } });
  }
}

/** A shared request rejects every waiter with the same error; each gets its own so none sees another's edits. */
function copyOf(error: unknown): unknown {
  return error instanceof GraphQLError ? new GraphQLError(error.message, { extensions: { ...error.extensions } }) : error;
}

function isGraphQLResponse(value: unknown): value is GatewayGraphQLResponse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const errors = (value as { errors?: unknown }).errors;
  return 'data' in value || Array.isArray(errors);
}

function viewerOf(context: unknown): Viewer | null {
  const viewer = (context as Partial<GatewayContext> | undefined)?.viewer;
  return viewer ?? null;
}

function requestIdOf(context: unknown): string | undefined {
  const id = (context as Partial<GatewayContext> | undefined)?.requestId;
  return typeof id === 'string' && id ? id : undefined;
}

/** Two callers may share a response only if the subgraph would authorise them identically. */
function authScopeOf(viewer: Viewer | null): string {
  return viewer ? `${viewer.id}|${[...viewer.roles].sort().join(',')}` : 'anonymous';
}

function operationTypeOf(document: DocumentNode | undefined, query: string): string {
  const definition = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (definition?.kind === Kind.OPERATION_DEFINITION) return definition.operation;
  return /^\s*mutation\b/.test(query) ? 'mutation' : 'query';
}
