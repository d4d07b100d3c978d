import DataLoader from 'dataloader';
import type { GraphQLFormattedError } from 'graphql';

/** What one `_entities` fetch contributes for one representation. */
interface EntityOutcome {
  entity: unknown;
  errors: readonly GraphQLFormattedError[];
}

export interface EntityFetchResponse {
  data?: { _entities?: unknown[] | null } | null;
  errors?: readonly GraphQLFormattedError[];
}

export interface EntityBatch {
  /** Everything but the representations: the same for every member of a batch. */
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}

export interface EntityBatcherStats {
  /** `_entities` fetches asked of the batcher. */
  fetches: number;
  /** HTTP requests it actually sent. */
  batches: number;
  /** Representations answered by one already asked for (same batch or still in flight). */
  representationsShared: number;
}

/**
 * Merges concurrent `_entities` fetches of different gateway requests into one subgraph request when
 * they share the document, the other variables and the auth scope (the key). Requests that reach the
 * entity stage in the same turn of the event loop are batched, and a representation already in flight is
 * not asked again. Dedupe of whole identical bodies cannot help when requests differ in a variable;
 * this still saves the subgraph's per-request work and the gateway's HTTP round trips.
 *
 * Each caller gets its own copy of every entity: Apollo's executor merges fetched objects into its
 * per-request result tree, so sharing one object between requests would leak one request's merge into
 * another's answer.
 */
export class EntityBatcher {
  private readonly loaders = new Map<string, { loader: DataLoader<unknown, Shared<EntityOutcome>, string>; pending: number }>();
  private readonly counts: EntityBatcherStats = { fetches: 0, batches: 0, representationsShared: 0 };

  constructor(
    /** Sends one merged fetch; rejects with the error every member should see. */
    private readonly send: (batch: EntityBatch, representations: unknown[]) => Promise<EntityFetchResponse>,
    private readonly maxRepresentations = 500,
  ) {}

  stats(): EntityBatcherStats {
    return { ...this.counts };
  }

  async load(key: string, batch: EntityBatch, representations: readonly unknown[]): Promise<EntityFetchResponse> {
    this.counts.fetches += 1;
    let entry = this.loaders.get(key);
    if (!entry) {
      entry = { loader: this.createLoader(batch), pending: 0 };
      this.loaders.set(key, entry);
    }
    entry.pending += 1;
    try {
      const outcomes = await entry.loader.loadMany(representations);
      return assemble(outcomes);
    } finally {
      entry.pending -= 1;
      if (entry.pending === 0) this.loaders.delete(key);
    }
  }

  private createLoader(batch: EntityBatch): DataLoader<unknown, Shared<EntityOutcome>, string> {
    const loader: DataLoader<unknown, Shared<EntityOutcome>, string> = new DataLoader(
      async (representations) => {
        this.counts.batches += 1;
        try {
          return split(await this.send(batch, [...representations]), representations.length).map((outcome) => new Shared(outcome));
        } finally {
          // in flight only: once answered, the next request asks the subgraph again
          for (const representation of representations) loader.clear(representation);
        }
      },
      {
        cacheKeyFn: (representation) => JSON.stringify(representation),
        // the end of the current I/O phase: requests whose root fetches answered together batch together
        batchScheduleFn: (dispatch) => setImmediate(dispatch),
        maxBatchSize: this.maxRepresentations,
        cacheMap: new CountingMap(() => (this.counts.representationsShared += 1)),
      },
    );
    return loader;
  }
}

/** One subgraph answer, cut into one outcome per representation (errors follow their `_entities` index). */
function split(response: EntityFetchResponse, count: number): EntityOutcome[] {
  const entities = response.data?._entities;
  const shared: GraphQLFormattedError[] = [];
  const perIndex = new Map<number, GraphQLFormattedError[]>();
  for (const error of response.errors ?? []) {
    const index = error.path?.[0] === '_entities' && typeof error.path[1] === 'number' ? error.path[1] : undefined;
    if (index === undefined || !Array.isArray(entities)) shared.push(error);
    else perIndex.set(index, [...(perIndex.get(index) ?? []), error]);
  }
  return Array.from({ length: count }, (_, i) => ({
    entity: Array.isArray(entities) ? (entities[i] ?? null) : null,
    errors: [...shared, ...(perIndex.get(i) ?? [])],
  }));
}

/** Back to the shape of an unbatched answer, with error paths pointing at the caller's own indexes. */
function assemble(outcomes: ReadonlyArray<Shared<EntityOutcome> | Error>): EntityFetchResponse {
  const entities: unknown[] = [];
  const errors: GraphQLFormattedError[] = [];
  const seen = new Set<GraphQLFormattedError>();
  outcomes.forEach((shared, index) => {
    if (shared instanceof Error) throw shared;
    const outcome = shared.take();
    entities.push(outcome.entity);
    for (const error of outcome.errors) {
      if (error.path?.[0] === '_entities' && typeof error.path[1] === 'number') errors.push({ ...error, path: ['_entities', index, ...error.path.slice(2)] });
      else if (!seen.has(error)) errors.push(error);
      seen.add(error);
    }
  });
  return { data: { _entities: entities }, ...(errors.length ? { errors } : {}) };
}

/** The first taker gets the parsed value itself; every later one a deep copy. */
class Shared<T> {
  private taken = false;
  constructor(private readonly value: T) {}
  take(): T {
    if (!this.taken) {
      this.taken = true;
      return this.value;
    }
    return cloneJson(this.value);
  }
}

function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const key in value) copy[key] = cloneJson((value as Record<string, unknown>)[key]);
    return copy as T;
  }
  return value;
}

/** DataLoader's cache, counting how often a key is answered from it. */
class CountingMap<V> extends Map<string, V> {
  constructor(private readonly onHit: () => void) {
    super();
  }
  override get(key: string): V | undefined {
    const value = super.get(key);
    if (value !== undefined) this.onHit();
    return value;
  }
}
