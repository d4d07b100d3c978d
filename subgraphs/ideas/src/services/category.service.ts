import { randomUUID } from 'node:crypto';
import { hasRole, type Viewer } from '@b3/kit';
import { checkCategory, type Category, type CategoryDraft } from '../domain/category';
import { isUuid, type CategoryId } from '../domain/idea';
import { IdeaErrors } from '../errors';
import { DuplicateCategoryError, type IdeaStore } from '../store/idea.store';

/** New categories go after the last one, with room to slot others in between. */
const ORDER_STEP = 10;

/** Reading categories (anyone) and managing them (admins). */
export class CategoryService {
  private readonly clock: () => Date;

  constructor(
    private readonly store: IdeaStore,
    clock?: () => Date,
  ) {
    this.clock = clock ?? (() => new Date());
  }

  list(includeInactive: boolean): Promise<Category[]> {
    return this.store.listCategories(includeInactive);
  }

  /** DataLoader batch function: results in the order of `ids`, null where missing. */
  async byIds(ids: readonly CategoryId[]): Promise<Array<Category | null>> {
    const valid = ids.filter(isUuid);
    const found = new Map((valid.length ? await this.store.categoriesByIds(valid) : []).map((c) => [c.id, c]));
    return ids.map((id) => found.get(id) ?? null);
  }

  /** DataLoader batch function: how many ideas each category holds. */
  async ideaCounts(ids: readonly CategoryId[]): Promise<number[]> {
    const counts = await this.store.countIdeasByCategory(ids.filter(isUuid));
    return ids.map((id) => counts.get(id) ?? 0);
  }

  async create(viewer: Viewer, draft: CategoryDraft): Promise<Category> {
    this.requireAdmin(viewer, 'create idea categories');
    const all = await this.store.listCategories(true);
    const nextOrder = all.reduce((max, c) => Math.max(max, c.order + ORDER_STEP), 0);
    const { fields, issues } = checkCategory(draft, undefined, nextOrder);
    if (issues.length > 0) throw IdeaErrors.invalid(issues);
    const now = this.clock();
    return this.save(() => this.store.createCategory({ ...fields, id: randomUUID() as CategoryId, createdAt: now, updatedAt: now, updatedBy: viewer.id }), fields);
  }

  async update(viewer: Viewer, id: string, draft: CategoryDraft): Promise<Category> {
    this.requireAdmin(viewer, 'change idea categories');
    const [existing] = await this.byIds([id as CategoryId]);
    if (!existing) throw IdeaErrors.categoryNotFound(id);
    const { fields, issues } = checkCategory(draft, existing);
    if (issues.length > 0) throw IdeaErrors.invalid(issues);
    return this.save(() => this.store.updateCategory({ ...existing, ...fields, updatedAt: this.clock(), updatedBy: viewer.id }), fields);
  }

  /** Only a category no idea uses; CONFLICT with the count otherwise (deactivate it instead). */
  async delete(viewer: Viewer, id: string): Promise<boolean> {
    this.requireAdmin(viewer, 'delete idea categories');
    const [existing] = await this.byIds([id as CategoryId]);
    if (!existing) throw IdeaErrors.categoryNotFound(id);
    const { deleted, ideas } = await this.store.deleteCategory(existing.id);
    if (!deleted && ideas > 0) throw IdeaErrors.categoryInUse(id, ideas);
    return deleted;
  }

  private async save(write: () => Promise<Category>, fields: Pick<Category, 'name' | 'slug'>): Promise<Category> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof DuplicateCategoryError) throw IdeaErrors.duplicateCategory(error.field, fields[error.field]);
      throw error;
    }
  }

  private requireAdmin(viewer: Viewer, what: string): void {
    if (!hasRole(viewer, 'admin')) throw IdeaErrors.adminOnly(what);
  }
}
