import { DomainError } from '@b3/kit';
import type { SystemIssue } from './domain/system';

/** Every DOCS_* code, declared once; generic codes come from the kit. */
export const DocsErrors = {
  invalid: (issues: SystemIssue[]) =>
    new DomainError('BAD_USER_INPUT', `Invalid system: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`, { fields: issues }),
  duplicateSystem: (name: string) => new DomainError('DOCS_DUPLICATE_SYSTEM', `A system named ${name} is already registered`, { name }),
} as const;
