import type { ApolloServerPlugin } from '@apollo/server';
import { signInternalViewer, type UserTokenVerifier, type Viewer } from '@b3/kit';
import { GraphQLError } from 'graphql';
import type { Scope } from '../security/scopes';

export interface GatewayContext {
  viewer: Viewer | null;
  requestId: string;
  /** Derived from the viewer's roles by the `attachScopes` plugin for every operation Apollo runs. */
  scopes?: readonly Scope[];
}

/** Reads a bearer token from an HTTP header or graphql-ws connection params. */
export function bearerToken(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^Bearer\s+(.+)$/i.exec(value.trim());
  return match ? match[1] : null;
}

/** No token → anonymous; a bad token is refused outright rather than silently downgraded. */
export async function viewerFromToken(token: string | null, verify: UserTokenVerifier): Promise<Viewer | null> {
  if (!token) return null;
  try {
    return await verify(token);
  } catch {
    throw new GraphQLError('Invalid or expired token', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
}

/** Mutations always need an identity; the subgraphs then check roles per field. */
export const requireViewerForMutations: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (operation?.operation === 'mutation' && !contextValue.viewer) {
          throw new GraphQLError('Mutations require a bearer token', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        }
      },
    };
  },
};

/**
 * Signs the viewer header for subgraphs. Signing costs tens of microseconds, so a header is reused
 * until it is close to expiry.
 */
export function createViewerSigner(secret: string, ttlSeconds = 300): (viewer: Viewer) => Promise<string> {
  const cache = new Map<string, { header: string; renewAt: number }>();
  return async (viewer) => {
    const key = `${viewer.id}|${viewer.roles.join(',')}`;
    const hit = cache.get(key);
    if (hit && hit.renewAt > Date.now()) return hit.header;
    const header = await signInternalViewer(viewer, secret, ttlSeconds);
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { header, renewAt: Date.now() + (ttlSeconds * 1000) / 2 });
    return header;
  };
}
