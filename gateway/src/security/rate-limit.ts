import type { Viewer } from '@b3/kit';
import { Redis } from 'ioredis';
import type { Rejection } from './error-response';
import type { RateLimits } from './security-config';

export interface BucketDecision {
  allowed: boolean;
  /** Whole seconds until one request would be allowed again; 0 when allowed. */
  retryAfterSeconds: number;
}

/** Token buckets: `capacity` requests at once, refilled continuously at `perSecond`. */
export interface RateLimitStore {
  take(key: string, capacity: number, perSecond: number): Promise<BucketDecision>;
  close(): Promise<void>;
}

function retryAfter(tokens: number, perSecond: number): number {
  return Math.max(1, Math.ceil((1 - tokens) / perSecond));
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async take(key: string, capacity: number, perSecond: number): Promise<BucketDecision> {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    // full buckets carry no information, so memory stays bounded by the callers currently limited
    if (this.buckets.size > 100_000) this.evictFull(now, capacity, perSecond);
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return { allowed: false, retryAfterSeconds: retryAfter(bucket.tokens, perSecond) };
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return { allowed: true, retryAfterSeconds: 0 };
  }

  private evictFull(now: number, capacity: number, perSecond: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= capacity) this.buckets.delete(key);
    }
  }

  async close(): Promise<void> {
    this.buckets.clear();
  }
}

// Refill and take in one round trip, atomically, on Redis' clock so replicas need no clock agreement.
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2]) / 1000
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + (now - at) * per_ms)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / per_ms) + 1000)
return { allowed, tostring(tokens) }
`;

export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix = 'b3:rate:') {
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: true });
  }

  async take(key: string, capacity: number, perSecond: number): Promise<BucketDecision> {
    const [allowed, tokens] = (await this.redis.eval(TAKE_SCRIPT, 1, this.prefix + key, capacity, perSecond)) as [number, string];
    return allowed === 1 ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: retryAfter(Number(tokens), perSecond) };
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

export function createRateLimitStore(limits: RateLimits): RateLimitStore {
  return limits.redisUrl ? new RedisRateLimitStore(limits.redisUrl) : new MemoryRateLimitStore();
}

/**
 * Every request spends a token from its IP's bucket and, when authenticated, from its user's bucket;
 * an empty bucket answers 429 with `Retry-After` before the body is even read. A store failure lets
 * requests through (reported to `onStoreError`): an outage of Redis must not take the API down.
 */
export function rateLimiter(
  store: RateLimitStore,
  limits: RateLimits,
  onStoreError: (error: unknown) => void,
): (ip: string, viewer: Viewer | null) => Promise<Rejection | null> {
  return async (ip, viewer) => {
    try {
      const checks: Array<[string, number]> = [[`ip:${ip}`, limits.ipPerMinute]];
      if (viewer) checks.push([`user:${viewer.id}`, limits.userPerMinute]);
      for (const [key, perMinute] of checks) {
        const decision = await store.take(key, perMinute, perMinute / 60);
        if (!decision.allowed) {
          const who = key.startsWith('user:') ? 'user' : 'IP address';
          return {
            status: 429,
            message: `Too many requests for this ${who}: at most ${perMinute} per minute; retry in ${decision.retryAfterSeconds}s`,
            extensions: { code: 'RATE_LIMITED', limit: perMinute, retryAfterSeconds: decision.retryAfterSeconds },
            headers: { 'retry-after': String(decision.retryAfterSeconds) },
          };
        }
      }
    } catch (error) {
      onStoreError(error);
    }
    return null;
  };
}
