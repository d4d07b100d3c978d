import { hasRole, type Viewer } from '@b3/kit';
import { AgentErrors } from '../errors';

/** The account a caller acts for: their own unless they name another, which only an admin may. */
export function actingAccount(viewer: Viewer, requested: string | null | undefined): string {
  const named = requested?.trim();
  if (!named || named === viewer.id) return viewer.id;
  if (!hasRole(viewer, 'admin')) throw AgentErrors.otherAccount();
  return named;
}

/** The accounts a caller may read: their own, or, for an admin, the one named or (naming none) every account. */
export function readableAccount(viewer: Viewer, requested: string | null | undefined): string | null {
  const named = requested?.trim();
  if (hasRole(viewer, 'admin')) return named || null;
  return actingAccount(viewer, named);
}
