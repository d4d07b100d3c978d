import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../errors/domain-error';
import { hasRole, isRole, type Viewer } from './roles';

/**
 * `@Authorized('trader')` on a resolver: no viewer → UNAUTHENTICATED, viewer below the role → FORBIDDEN.
 * Several roles mean "any of them".
 */
export const roleAuthChecker: AuthChecker<{ viewer: Viewer | null }> = ({ context }, roles) => {
  const viewer = context.viewer;
  if (!viewer) throw unauthenticated();
  const required = roles.filter(isRole);
  if (required.length === 0 || required.some((role) => hasRole(viewer, role))) return true;
  throw forbidden(`Requires role ${required.join(' or ')}`);
};
