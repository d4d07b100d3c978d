import type { ApolloServerPlugin } from '@apollo/server';
import type { Role, Viewer } from '@b3/kit';

/** What a caller may do, derived from roles; subgraphs still enforce roles per field. */
export const SCOPES = ['market:read', 'account:read', 'orders:write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Anonymous callers get only public market data. */
export const PUBLIC_SCOPES: readonly Scope[] = ['market:read'];

const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  viewer: ['market:read', 'account:read'],
  trader: ['market:read', 'account:read', 'orders:write'],
  admin: ['market:read', 'account:read', 'orders:write', 'admin'],
};

export function scopesOf(viewer: Viewer | null): readonly Scope[] {
  if (!viewer) return PUBLIC_SCOPES;
  return SCOPES.filter((scope) => viewer.roles.some((role) => ROLE_SCOPES[role].includes(scope)));
}

/** Sets `scopes` on every operation's context, whichever transport built it. */
export function attachScopes<TContext extends { viewer: Viewer | null; scopes?: readonly Scope[] }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      contextValue.scopes = scopesOf(contextValue.viewer);
    },
  };
}
