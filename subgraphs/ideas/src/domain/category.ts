import type { CategoryId, FieldIssue } from './idea';

/** An admin-managed bucket for ideas. Only an active one takes new ideas; deactivating keeps its ideas. */
export interface Category {
  readonly id: CategoryId;
  readonly name: string;
  readonly slug: string;
  /** #RRGGBB, upper case. */
  readonly color: string;
  /** An icon name the dashboards know (e.g. "chart-line"), or null. */
  readonly icon: string | null;
  /** Listing order, lowest first. */
  readonly order: number;
  readonly active: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

/** As received; on update a missing or null field keeps its value, "" clears the icon. */
export interface CategoryDraft {
  readonly name?: string | null;
  readonly slug?: string | null;
  readonly color?: string | null;
  readonly icon?: string | null;
  readonly order?: number | null;
  readonly active?: boolean | null;
}

export type CategoryFields = Pick<Category, 'name' | 'slug' | 'color' | 'icon' | 'order' | 'active'>;

export const CATEGORY_LIMITS = { name: 60, slug: 48, icon: 48, order: 100_000 } as const;
export const DEFAULT_CATEGORY_COLOR = '#64748B';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const COLOR = /^#[0-9A-F]{6}$/;

/** "Análise Técnica" → "analise-tecnica": accents dropped, anything else not a letter or digit a dash. */
export function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, CATEGORY_LIMITS.slug)
    .replace(/-+$/, '');
}

/**
 * A category's fields after creating (`existing` absent) or updating it, normalised, with every rule they
 * break. A new category without a slug takes one from its name; without a colour, a neutral grey.
 */
export function checkCategory(draft: CategoryDraft, existing?: Category, nextOrder = 0): { fields: CategoryFields; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const name = draft.name != null ? draft.name.normalize('NFC').trim() : (existing?.name ?? '');
  if ((draft.name != null || !existing) && ([...name].length < 1 || [...name].length > CATEGORY_LIMITS.name || /[\r\n]/.test(name))) {
    issues.push({ field: 'name', message: `must be one line of 1 to ${CATEGORY_LIMITS.name} characters` });
  }
  const slug = draft.slug != null ? draft.slug.trim().toLowerCase() : (existing?.slug ?? slugify(name));
  if ((draft.slug != null || !existing) && (!SLUG.test(slug) || slug.length > CATEGORY_LIMITS.slug)) {
    issues.push({ field: 'slug', message: `must be lower-case letters and digits joined by single dashes, up to ${CATEGORY_LIMITS.slug} characters` });
  }
  const color = draft.color != null ? draft.color.trim().toUpperCase() : (existing?.color ?? DEFAULT_CATEGORY_COLOR);
  if (draft.color != null && !COLOR.test(color)) issues.push({ field: 'color', message: 'must be #RRGGBB, e.g. #2563EB' });
  const icon = draft.icon != null ? draft.icon.trim().toLowerCase() || null : (existing?.icon ?? null);
  if (draft.icon != null && icon !== null && (!SLUG.test(icon) || icon.length > CATEGORY_LIMITS.icon)) {
    issues.push({ field: 'icon', message: `must be an icon name like chart-line, up to ${CATEGORY_LIMITS.icon} characters` });
  }
  const order = draft.order ?? existing?.order ?? nextOrder;
  if (draft.order != null && (!Number.isInteger(order) || order < 0 || order > CATEGORY_LIMITS.order)) {
    issues.push({ field: 'order', message: `must be a whole number from 0 to ${CATEGORY_LIMITS.order}` });
  }
  const active = draft.active ?? existing?.active ?? true;
  return { fields: { name, slug, color, icon, order, active }, issues };
}
