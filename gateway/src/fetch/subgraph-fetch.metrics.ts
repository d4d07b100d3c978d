import { Counter, Gauge, type Registry } from 'prom-client';
import type { BreakerState } from './circuit-breaker';

export interface SubgraphFetchStats {
  upstreamRequests: number;
  dedupeHits: number;
  breakerState: BreakerState;
  /** `_entities` fetches that rode in another request's batch instead of sending their own. */
  entityFetchesBatched: number;
  entityRepresentationsShared: number;
}

const BREAKER_LEVEL: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** Per-registry source list, so every data source of one gateway shares one set of labelled series. */
const sourcesByRegistry = new WeakMap<Registry, Map<string, () => SubgraphFetchStats>>();

/**
 * Exposes a data source's counts on the gateway's registry. The counts live in the data source and are
 * copied at scrape time, so the request path pays nothing for metrics.
 */
export function registerSubgraphFetchMetrics(registry: Registry, subgraph: string, read: () => SubgraphFetchStats): void {
  let sources = sourcesByRegistry.get(registry);
  if (!sources) {
    sources = new Map();
    sourcesByRegistry.set(registry, sources);
    createSeries(registry, sources);
  }
  sources.set(subgraph, read);
}

function createSeries(registry: Registry, sources: Map<string, () => SubgraphFetchStats>): void {
  const labelNames = ['subgraph'] as const;
  new Counter({
    name: 'gateway_subgraph_requests_total',
    help: 'HTTP requests sent to a subgraph (after deduplication)',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [subgraph, read] of sources) this.inc({ subgraph }, read().upstreamRequests);
    },
  });
  new Counter({
    name: 'gateway_subgraph_dedupe_hits_total',
    help: 'Subgraph fetches answered by joining an identical in-flight request',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [subgraph, read] of sources) this.inc({ subgraph }, read().dedupeHits);
    },
  });
  new Counter({
    name: 'gateway_subgraph_entity_fetches_batched_total',
    help: 'Entity (_entities) fetches merged into a batch sent for another request',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [subgraph, read] of sources) this.inc({ subgraph }, read().entityFetchesBatched);
    },
  });
  new Counter({
    name: 'gateway_subgraph_entity_representations_shared_total',
    help: 'Entity representations answered by an identical one already requested (same batch or in flight)',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [subgraph, read] of sources) this.inc({ subgraph }, read().entityRepresentationsShared);
    },
  });
  new Gauge({
    name: 'gateway_subgraph_breaker_state',
    help: 'Circuit breaker per subgraph: 0 closed, 1 half-open, 2 open',
    labelNames,
    registers: [registry],
    collect() {
      for (const [subgraph, read] of sources) this.set({ subgraph }, BREAKER_LEVEL[read().breakerState]);
    },
  });
}
