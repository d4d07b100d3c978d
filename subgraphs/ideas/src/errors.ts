import { DomainError, forbidden } from '@b3/kit';
import type { FieldIssue } from './domain/idea';

export type { FieldIssue };

/** Every IDEAS_* code and every way this subgraph says BAD_USER_INPUT, FORBIDDEN or CONFLICT, declared once. */
export const IdeaErrors = {
  /** `fields` names every problem, so a client can mark all of them at once; `field` is the first. */
  invalid: (issues: readonly FieldIssue[]) =>
    new DomainError('BAD_USER_INPUT', `Invalid input: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`, { fields: issues, field: issues[0]?.field }),
  pageSizeOutOfRange: (max: number) => IdeaErrors.invalid([{ field: 'first', message: `must be a whole number from 1 to ${max}` }]),
  invalidCursor: (reason: string) => IdeaErrors.invalid([{ field: 'after', message: reason }]),
  notFound: (id: string) => new DomainError('IDEAS_NOT_FOUND', `No idea ${id}`, { id }),
  categoryNotFound: (id: string) => new DomainError('IDEAS_CATEGORY_NOT_FOUND', `No idea category ${id}`, { id }),
  /** Someone changed the idea since the client read it (its expectedVersion is behind). */
  versionConflict: (id: string, version: number) =>
    new DomainError('CONFLICT', `Idea ${id} is at version ${version} now; read it again and retry`, { field: 'expectedVersion', id, version }),
  /** The idea (or one of a bulk change's) kept changing under the write, several times in a row. */
  busy: (what: string) => new DomainError('CONFLICT', `${what} kept changing while this change was written; retry`),
  duplicateCategory: (field: 'name' | 'slug', value: string) =>
    new DomainError('CONFLICT', `Another category has the ${field} ${JSON.stringify(value)}`, { field, [field]: value }),
  categoryInUse: (id: string, ideas: number) =>
    new DomainError('CONFLICT', `Category ${id} has ${ideas} idea(s) and cannot be deleted; deactivate it instead`, { field: 'id', id, ideas }),
  notYours: (what: string) => forbidden(`Only the author or an admin may ${what}`),
  adminOnly: (what: string) => forbidden(`Only an admin may ${what}`),
} as const;
