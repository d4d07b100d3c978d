/** Roles are ordered: an admin can do what a trader can, a trader what a viewer can. */
export const ROLES = ['viewer', 'trader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  readonly id: string;
  readonly roles: readonly Role[];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(viewer: Viewer, required: Role): boolean {
  const need = ROLES.indexOf(required);
  return viewer.roles.some((role) => ROLES.indexOf(role) >= need);
}
