import { envBool, envInt, envOptional, envString } from '@b3/kit';
import { isAbsolute, join } from 'node:path';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
}

export interface RateLimits {
  /** Requests per minute per authenticated user (bucket size = one minute's worth). */
  userPerMinute: number;
  /** Requests per minute per client IP, whoever is calling. */
  ipPerMinute: number;
  /** Shared buckets across gateway replicas when set; in-memory otherwise. */
  redisUrl?: string;
}

export interface SecurityConfig {
  limits: QueryLimits;
  rateLimits: RateLimits;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: number;
  /** JSON manifest `{ "<sha256>": "<document>" }`; missing file → no persisted documents. */
  persistedDocumentsFile: string;
  /** Reject every operation that is not in the manifest. */
  persistedOnly: boolean;
  introspection: boolean;
}

/** Defaults fit the dashboard's documents with wide margins; production differs only where noted. */
export function loadSecurityConfig(repoRoot: string, env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  const production = env.NODE_ENV === 'production';
  const persistedFile = envString('PERSISTED_DOCUMENTS', 'web/src/gql/persisted-documents.json', env);
  return {
    limits: {
      maxDepth: envInt('MAX_QUERY_DEPTH', 8, env),
      maxAliases: envInt('MAX_QUERY_ALIASES', 15, env),
      maxDirectives: envInt('MAX_QUERY_DIRECTIVES', 20, env),
      maxTokens: envInt('MAX_QUERY_TOKENS', 1000, env),
      maxCost: envInt('MAX_QUERY_COST', 5000, env),
    },
    rateLimits: {
      userPerMinute: envInt('RATE_LIMIT_USER_PER_MINUTE', 600, env),
      ipPerMinute: envInt('RATE_LIMIT_IP_PER_MINUTE', 1200, env),
      redisUrl: envOptional('RATE_LIMIT_REDIS_URL', env),
    },
    maxBodyBytes: envInt('MAX_BODY_BYTES', 100 * 1024, env),
    persistedDocumentsFile: isAbsolute(persistedFile) ? persistedFile : join(repoRoot, persistedFile),
    persistedOnly: envBool('PERSISTED_ONLY', production, env),
    introspection: envBool('INTROSPECTION', !production, env),
  };
}
