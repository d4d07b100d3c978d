import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { type FetchNode, type PlanNode, QueryPlanner } from '@apollo/query-planner';
import { type DocumentNode, GraphQLError, type GraphQLSchema, print } from 'graphql';

type OperationContext = ReturnType<typeof buildOperationContext>;

export interface SubscriptionPlan {
  /** The fetch to the subgraph that owns the root field: what runs upstream, shared between clients. */
  primary: FetchNode;
  /** Entity fetches for fields owned by other subgraphs, run once per event. */
  rest?: PlanNode;
  operationContext: OperationContext;
  rootField: string;
}

/**
 * Plans subscriptions over the supergraph with Apollo's own query planner (the gateway plans them too
 * but refuses to run them). Plans are cached by document text and operation name.
 */
export class SubscriptionPlanner {
  readonly supergraph: Supergraph;
  readonly apiSchema: ReturnType<Supergraph['apiSchema']>;
  readonly schema: GraphQLSchema;
  readonly supergraphSchema: GraphQLSchema;
  private readonly planner: QueryPlanner;
  private readonly cache = new Map<string, SubscriptionPlan>();

  constructor(supergraphSdl: string, private readonly maxCached = 1000) {
    this.supergraph = Supergraph.build(supergraphSdl);
    this.apiSchema = this.supergraph.apiSchema();
    this.schema = this.apiSchema.toGraphQLJSSchema();
    this.supergraphSchema = this.supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(this.supergraph);
  }

  get cachedPlans(): number {
    return this.cache.size;
  }

  plan(document: DocumentNode, operationName?: string | null): SubscriptionPlan {
    const key = `${operationName ?? ''}\n${print(document)}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const operationContext = buildOperationContext({ schema: this.schema, operationDocument: document, operationName: operationName ?? undefined });
    const operation = operationFromDocument(this.apiSchema, document, { operationName: operationName ?? undefined });
    const queryPlan = this.planner.buildQueryPlan(operation);
    const node = queryPlan.node;
    if (!node || node.kind !== 'Subscription') {
      throw new GraphQLError('Only subscription operations are planned here', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    const rootSelection = operationContext.operation.selectionSet.selections[0];
    const plan: SubscriptionPlan = {
      primary: node.primary,
      rest: node.rest,
      operationContext,
      rootField: rootSelection && 'name' in rootSelection && rootSelection.name ? rootSelection.name.value : '',
    };
    if (this.cache.size >= this.maxCached) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, plan);
    return plan;
  }
}
