import { DomainError, forbidden } from '@b3/kit';

export interface FieldIssue {
  field: string;
  message: string;
}

/** Every SIGNALS_* code and every way this subgraph says BAD_USER_INPUT, FORBIDDEN or CONFLICT, declared once. */
export const SignalErrors = {
  /** `fields` names every problem, so a client can mark all of them at once. */
  invalid: (issues: readonly FieldIssue[]) =>
    new DomainError('BAD_USER_INPUT', `Invalid input: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`, { fields: issues, field: issues[0]?.field }),
  unparseable: (reason: string) => new DomainError('SIGNALS_UNPARSEABLE', `Could not read a signal from the text: ${reason}`, { reason }),
  pageSizeOutOfRange: (max: number) => SignalErrors.invalid([{ field: 'first', message: `must be a whole number from 1 to ${max}` }]),
  invalidCursor: () => SignalErrors.invalid([{ field: 'after', message: 'must be an endCursor this API returned' }]),
  channelNotFound: (id: string) => new DomainError('SIGNALS_CHANNEL_NOT_FOUND', `No channel ${id}`, { id }),
  duplicateChannel: (chatId: string) => new DomainError('CONFLICT', `Chat ${chatId} is already registered`, { field: 'chatId', chatId }),
  channelInUse: (id: string, messages: number) =>
    new DomainError('CONFLICT', `Channel ${id} has ${messages} message(s) and cannot be deleted; disable it instead`, { id, messages }),
  adminOnly: (what: string) => forbidden(`Only an admin may ${what}`),
} as const;
