import { join } from 'node:path';
import {
  DEV_JWT_SECRET,
  envBool,
  envInt,
  envOptional,
  envString,
  GATEWAY,
  internalSecret,
  portOf,
  SUBGRAPHS,
  subgraphUrl,
  type UserTokenConfig,
} from '@b3/kit';
import { loadSecurityConfig, type SecurityConfig } from './security/security-config';
import type { SubscriptionPolicy } from './subscriptions/federated-subscriptions';
import type { StalledSocketLimit } from './ws-server';

export interface SubgraphEndpoint {
  name: string;
  url: string;
  /** Committed SDL of the subgraph, composed at start-up. */
  sdlFile: string;
}

export interface GatewayConfig {
  port: number;
  host: string;
  subgraphs: SubgraphEndpoint[];
  auth: UserTokenConfig;
  internalSecret: string;
  /** Browser origins allowed to call the API (the dashboard). */
  corsOrigins: string[];
  /** Sharing and slow-client policy per root Subscription field; others are per-caller and lossless. */
  subscriptionPolicies: Record<string, SubscriptionPolicy>;
  subscriberQueueLimit: number;
  /** A websocket whose send buffer stays over `maxBufferedBytes` for `forMs` is closed with 4801. */
  stalledSocket: StalledSocketLimit;
  maxUpstreamSubscriptions: number;
  /** Bounds of the parse/validate and query-plan caches (entries). */
  cacheEntries: { documents: number; queryPlans: number };
  /** Re-compose when a subgraph's SDL file changes (development default). */
  watchSchemas: boolean;
  maxSubscriptionsPerConnection: number;
  /** Query limits, persisted documents, rate limits, body size and introspection. */
  security: SecurityConfig;
}

/** Market data is public and conflates per symbol; orders, fills and risk events are never dropped. */
export const SUBSCRIPTION_POLICIES: Record<string, SubscriptionPolicy> = {
  ticks: { mode: 'conflate', scope: 'public', conflateBy: 'symbol' },
};

/** Repository root as seen from gateway/dist or gateway/src. */
export const REPO_ROOT = join(__dirname, '..', '..');

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const jwks = envOptional('JWT_JWKS_URL', env);
  const jwksFile = envOptional('JWT_JWKS_FILE', env);
  const issuer = envOptional('JWT_ISSUER', env);
  const audience = envOptional('JWT_AUDIENCE', env);
  return {
    port: portOf(GATEWAY, env),
    host: envString('HOST', '127.0.0.1', env),
    subgraphs: SUBGRAPHS.map((s) => ({ name: s.name, url: subgraphUrl(s.name, env), sdlFile: join(REPO_ROOT, s.dir, 'schema.graphql') })),
    auth: jwks
      ? { kind: 'jwks', jwksUrl: jwks, issuer, audience }
      : jwksFile
        ? { kind: 'jwks-file', jwksFile, issuer, audience }
        : { kind: 'hs256', secret: envString('JWT_SECRET', DEV_JWT_SECRET, env), issuer, audience },
    internalSecret: internalSecret(env),
    corsOrigins: envString('CORS_ORIGINS', 'http://localhost:3101,http://127.0.0.1:3101', env)
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    subscriptionPolicies: SUBSCRIPTION_POLICIES,
    subscriberQueueLimit: envInt('SUBSCRIBER_QUEUE_LIMIT', 1000, env),
    stalledSocket: { maxBufferedBytes: envInt('WS_MAX_BUFFERED_BYTES', 4 * 1024 * 1024, env), forMs: envInt('WS_STALL_MS', 2000, env) },
    maxUpstreamSubscriptions: envInt('MAX_UPSTREAM_SUBSCRIPTIONS', 10_000, env),
    cacheEntries: { documents: envInt('DOCUMENT_CACHE_ENTRIES', 2000, env), queryPlans: envInt('QUERY_PLAN_CACHE_ENTRIES', 2000, env) },
    watchSchemas: envBool('SUPERGRAPH_WATCH', env.NODE_ENV !== 'production', env),
    maxSubscriptionsPerConnection: envInt('MAX_SUBSCRIPTIONS_PER_CONNECTION', 50, env),
    security: loadSecurityConfig(REPO_ROOT, env),
  };
}
