import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { registerGauge } from '@b3/kit';
import type { Registry } from 'prom-client';

/**
 * A bounded LRU (by entry count) that counts hits and misses, for the gateway's parse/validate and
 * query-plan caches, exposed on /metrics so their sizing can be checked under real traffic.
 */
export class CountingCache<V> implements KeyValueCache<V> {
  private readonly lru: InMemoryLRUCache<V>;
  hits = 0;
  misses = 0;

  constructor(readonly maxEntries: number) {
    this.lru = new InMemoryLRUCache<V>({ max: maxEntries });
  }

  async get(key: string): Promise<V | undefined> {
    const value = await this.lru.get(key);
    if (value === undefined) this.misses++;
    else this.hits++;
    return value;
  }

  set(key: string, value: V): Promise<void> {
    return this.lru.set(key, value);
  }

  delete(key: string): Promise<boolean | void> {
    return this.lru.delete(key);
  }

  /** The gateway empties its plan cache when the supergraph changes. */
  clear(): void {
    this.lru.clear();
  }

  get size(): number {
    return this.lru.keys().length;
  }

  expose(registry: Registry, name: string): this {
    registerGauge(registry, `gateway_${name}_cache_entries`, `Entries in the ${name} cache (max ${this.maxEntries})`, () => this.size);
    registerGauge(registry, `gateway_${name}_cache_hits`, `Hits of the ${name} cache since start`, () => this.hits);
    registerGauge(registry, `gateway_${name}_cache_misses`, `Misses of the ${name} cache since start`, () => this.misses);
    return this;
  }
}
