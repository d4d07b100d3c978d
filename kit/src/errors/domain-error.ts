import { GraphQLError } from 'graphql';

/**
 * Anything exceptional a client should see is thrown as a DomainError: the code is the contract,
 * the message is for humans, `details` must never carry driver messages or stack traces.
 */
export class DomainError extends GraphQLError {
  constructor(
    readonly code: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...details, code } });
    this.name = 'DomainError';
  }
}

export const badInput = (message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('BAD_USER_INPUT', message, details);
export const notFound = (message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('NOT_FOUND', message, details);
export const unauthenticated = (message = 'Authentication required'): DomainError =>
  new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = 'Not allowed'): DomainError => new DomainError('FORBIDDEN', message);
