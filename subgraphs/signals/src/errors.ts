import { DomainError } from '@b3/kit';
import type { SignalIssue } from './domain/signal';

/** Every SIGNALS_* code, declared once; generic codes come from the kit. */
export const SignalErrors = {
  invalid: (issues: SignalIssue[]) =>
    new DomainError('BAD_USER_INPUT', `Invalid signal: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`, { fields: issues }),
  unparseable: (reason: string) => new DomainError('SIGNALS_UNPARSEABLE', `Could not read a signal from the text: ${reason}`, { reason }),
  limitOutOfRange: (max: number) => new DomainError('BAD_USER_INPUT', `limit must be between 1 and ${max}`, { max }),
} as const;
