import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { ExecutionResult } from 'graphql';
import type { SubscriptionPlan, SubscriptionPlanner } from './subscription-planner';

const EVENT_SERVICE = '__event__';

/** Stands in for the subscription's own subgraph: "fetching" the primary returns the current event. */
function replaySource(event: ExecutionResult): GraphQLDataSource {
  return { process: async () => ({ data: event.data as Record<string, unknown>, errors: event.errors as never }) };
}

/**
 * Turns one upstream event into the client's result: the primary fetch is replayed from the event,
 * then the rest of the plan (entity fetches to other subgraphs, @requires, result shaping) runs
 * exactly as for a query, through the gateway's own data sources.
 */
export class EventEnricher {
  private readonly plan: QueryPlan;

  constructor(
    private readonly planner: SubscriptionPlanner,
    private readonly subscription: SubscriptionPlan,
    private readonly dataSources: ReadonlyMap<string, GraphQLDataSource>,
  ) {
    const primary = { ...subscription.primary, serviceName: EVENT_SERVICE };
    this.plan = {
      kind: 'QueryPlan',
      node: subscription.rest ? { kind: 'Sequence', nodes: [primary, subscription.rest] } : primary,
    };
  }

  async enrich(event: ExecutionResult, variables: Record<string, unknown>, context: object): Promise<ExecutionResult> {
    if (!event.data) return event;
    const serviceMap: ServiceMap = Object.fromEntries([...this.dataSources, [EVENT_SERVICE, replaySource(event)]]);
    const requestContext = {
      request: { variables },
      context,
      logger: undefined,
      metrics: {},
      cache: undefined,
      overallCachePolicy: undefined,
    } as unknown as Parameters<typeof executeQueryPlan>[2];
    const result = await executeQueryPlan(
      this.plan,
      serviceMap,
      requestContext,
      this.subscription.operationContext,
      this.planner.supergraphSchema,
      this.planner.apiSchema,
    );
    const errors = [...(event.errors ?? []), ...(result.errors ?? [])];
    return { data: result.data ?? null, ...(errors.length ? { errors } : {}) } as ExecutionResult;
  }
}
