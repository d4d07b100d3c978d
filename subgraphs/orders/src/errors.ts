import { DomainError } from '@b3/kit';
import type { OrderIssue } from './domain/order';

/** Every ORDERS_* code, declared once; generic codes come from the kit. */
export const OrderErrors = {
  invalid: (issues: OrderIssue[]) =>
    new DomainError('BAD_USER_INPUT', `Invalid order: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`, { fields: issues }),
  limitOutOfRange: (max: number) => new DomainError('BAD_USER_INPUT', `limit must be between 1 and ${max}`, { max }),
  /** Also for another account's order: whether it exists is none of the caller's business. */
  notFound: (id: string) => new DomainError('ORDERS_NOT_FOUND', `No order ${id}`, { id }),
} as const;
