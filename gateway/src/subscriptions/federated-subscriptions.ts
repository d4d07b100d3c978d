import type { GraphQLDataSource } from '@apollo/gateway';
import { type AsyncQueue, createAsyncQueue, REQUEST_ID_HEADER, VIEWER_HEADER, type Viewer } from '@b3/kit';
import { type DocumentNode, type ExecutionResult, GraphQLError, print } from 'graphql';
import { EventEnricher } from './enrichment';
import { type SubscriptionPlanner } from './subscription-planner';
import { UpstreamRegistry } from './upstream-registry';

/**
 * How a root subscription field is shared and queued. Market data is public (one upstream for
 * everyone) and conflates per key for slow clients; everything else runs as the caller and is lossless:
 * a client that falls behind is closed with 4801 and must re-query before resubscribing.
 */
export interface SubscriptionPolicy {
  mode: 'conflate' | 'lossless';
  scope: 'public' | 'viewer';
  /** Conflation key: this field of the root object (e.g. `symbol`). */
  conflateBy?: string;
}

export const SLOW_CONSUMER_CLOSE_CODE = 4801;
const DEFAULT_POLICY: SubscriptionPolicy = { mode: 'lossless', scope: 'viewer' };

export interface SubscriberSocket {
  close(code: number, reason: string): void;
}

interface EnrichmentGroup {
  subscribers: Set<(result: ExecutionResult) => void>;
  release: () => void;
}

export interface FederatedSubscriptionsOptions {
  planner: SubscriptionPlanner;
  dataSources: ReadonlyMap<string, GraphQLDataSource>;
  urls: ReadonlyMap<string, string>;
  signViewer: (viewer: Viewer) => Promise<string>;
  policies?: Record<string, SubscriptionPolicy>;
  /** Per-client queue bound (events for lossless, keys for conflating). */
  queueLimit?: number;
  lingerMs?: number;
  /** Cap on distinct upstream subscriptions (each one is a live subgraph resolver). */
  maxUpstreams?: number;
}

export class FederatedSubscriptions {
  readonly upstreams: UpstreamRegistry;
  private readonly groups = new Map<string, EnrichmentGroup>();
  private readonly enrichers = new Map<string, EventEnricher>();
  /** Every subscriber's queue, so the events waiting for slow clients can be counted on /metrics. */
  private readonly queues = new Set<AsyncQueue<ExecutionResult>>();
  private slowConsumersClosed = 0;

  private planner: SubscriptionPlanner;

  constructor(private readonly options: FederatedSubscriptionsOptions) {
    this.upstreams = new UpstreamRegistry({ lingerMs: options.lingerMs });
    this.planner = options.planner;
  }

  /** After re-composition: new operations plan against the new supergraph; running ones continue. */
  replacePlanner(planner: SubscriptionPlanner): void {
    this.planner = planner;
    this.enrichers.clear();
  }

  stats(): { upstreams: number; upstreamsOpened: number; groups: number; slowConsumersClosed: number; subscribers: number; queuedEvents: number } {
    let queuedEvents = 0;
    for (const queue of this.queues) queuedEvents += queue.size;
    return {
      upstreams: this.upstreams.active,
      upstreamsOpened: this.upstreams.totalOpened,
      groups: this.groups.size,
      slowConsumersClosed: this.slowConsumersClosed,
      subscribers: this.queues.size,
      queuedEvents,
    };
  }

  /** Counted with the queue-overflow closes: a socket closed by the transport's own watchdog. */
  countSlowConsumerClosed(): void {
    this.slowConsumersClosed++;
  }

  subscribe(
    args: { document: DocumentNode; variables: Record<string, unknown>; operationName?: string | null },
    caller: { viewer: Viewer | null; requestId: string },
    socket: SubscriberSocket | null,
  ): AsyncIterableIterator<ExecutionResult> {
    const plan = this.planner.plan(args.document, args.operationName);
    const policy = this.options.policies?.[plan.rootField] ?? DEFAULT_POLICY;
    const subgraph = plan.primary.serviceName;
    const url = this.options.urls.get(subgraph);
    if (!url) throw new GraphQLError(`No route to ${subgraph}`, { extensions: { code: 'INTERNAL' } });

    const upstreamViewer = policy.scope === 'public' ? null : caller.viewer;
    const scope = upstreamViewer ? `user:${upstreamViewer.id}:${upstreamViewer.roles.join(',')}` : policy.scope === 'public' ? 'public' : 'anonymous';
    const upstreamVariables = Object.fromEntries((plan.primary.variableUsages ?? []).map((name) => [name, args.variables[name]]));
    const documentText = `${args.operationName ?? ''}\n${print(args.document)}`;
    // Entity fetches run as the caller, so a group is shared across callers only when there are none.
    const enrichmentScope = plan.rest ? (caller.viewer ? `user:${caller.viewer.id}:${caller.viewer.roles.join(',')}` : 'anonymous') : scope;
    const groupKey = JSON.stringify([subgraph, scope, documentText, args.variables, enrichmentScope]);

    const rootKey = (result: ExecutionResult): string => {
      const root = (result.data as Record<string, Record<string, unknown> | null> | null | undefined)?.[plan.rootField];
      const key = policy.conflateBy && root ? root[policy.conflateBy] : undefined;
      return typeof key === 'string' ? key : '*';
    };
    const queue = createAsyncQueue<ExecutionResult>({
      limit: this.options.queueLimit ?? 1000,
      conflateBy: policy.mode === 'conflate' ? rootKey : undefined,
      onOverflow: () => {
        this.slowConsumersClosed++;
        socket?.close(SLOW_CONSUMER_CLOSE_CODE, 'slow consumer: re-query, then resubscribe');
      },
      onClose: () => {
        this.queues.delete(queue);
        const group = this.groups.get(groupKey);
        if (!group) return;
        group.subscribers.delete(push);
        if (group.subscribers.size === 0) {
          group.release();
          this.groups.delete(groupKey);
        }
      },
    });
    const push = (result: ExecutionResult): void => queue.push(result);

    let group = this.groups.get(groupKey);
    const maxUpstreams = this.options.maxUpstreams ?? 10_000;
    if (!group && !this.upstreams.has({ subgraph, query: plan.primary.operation, operationName: plan.primary.operationName, variables: upstreamVariables, scope }) && this.upstreams.active >= maxUpstreams) {
      throw new GraphQLError(`The gateway is at its limit of ${maxUpstreams} distinct upstream subscriptions`, {
        extensions: { code: 'TOO_MANY_UPSTREAM_SUBSCRIPTIONS', limit: maxUpstreams },
      });
    }
    if (!group) {
      const enricher = this.enricherFor(documentText, plan);
      const subscribers = new Set<(result: ExecutionResult) => void>();
      const fanOut = (result: ExecutionResult): void => subscribers.forEach((s) => s(result));
      const pending: ExecutionResult[] = [];
      let running = false;
      const context = { viewer: caller.viewer, requestId: caller.requestId };
      const drain = async (): Promise<void> => {
        running = true;
        while (pending.length > 0) {
          const event = pending.shift()!;
          try {
            fanOut(event.data ? await enricher.enrich(event, args.variables, context) : event);
          } catch {
            fanOut({ errors: [new GraphQLError('Could not resolve the event', { extensions: { code: 'INTERNAL', requestId: caller.requestId } })] });
          }
        }
        running = false;
      };
      const release = this.upstreams.subscribe(
        {
          subgraph,
          url,
          query: plan.primary.operation,
          operationName: plan.primary.operationName,
          variables: upstreamVariables,
          scope,
          connectionParams: async () => ({
            [REQUEST_ID_HEADER]: caller.requestId,
            ...(upstreamViewer ? { [VIEWER_HEADER]: await this.options.signViewer(upstreamViewer) } : {}),
          }),
        },
        (event) => {
          if (policy.mode === 'conflate' && pending.length > 0) {
            // enrichment is behind: only the newest event per key still matters
            const key = rootKey(event);
            const index = pending.findIndex((p) => rootKey(p) === key);
            if (index >= 0) pending.splice(index, 1);
          }
          pending.push(event);
          if (!running) void drain();
        },
      );
      group = { subscribers, release };
      this.groups.set(groupKey, group);
    }
    group.subscribers.add(push);
    this.queues.add(queue);
    return queue;
  }

  private enricherFor(documentText: string, plan: ReturnType<SubscriptionPlanner['plan']>): EventEnricher {
    let enricher = this.enrichers.get(documentText);
    if (!enricher) {
      enricher = new EventEnricher(this.planner, plan, this.options.dataSources);
      if (this.enrichers.size > 1000) this.enrichers.clear();
      this.enrichers.set(documentText, enricher);
    }
    return enricher;
  }

  async close(): Promise<void> {
    await this.upstreams.close();
    this.groups.clear();
  }
}
