import { DomainError } from '@b3/kit';
import type { IdeaIssue } from './domain/idea';

/** Every IDEAS_* code, declared once; generic codes come from the kit. */
export const IdeaErrors = {
  invalid: (issues: IdeaIssue[]) =>
    new DomainError('BAD_USER_INPUT', `Invalid idea: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`, { fields: issues }),
  limitOutOfRange: (max: number) => new DomainError('BAD_USER_INPUT', `limit must be between 1 and ${max}`, { max }),
  notFound: (id: string) => new DomainError('IDEAS_NOT_FOUND', `No idea ${id}`, { id }),
} as const;
