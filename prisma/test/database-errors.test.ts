import { classifyDatabaseError, isDatabaseUnavailable, isDatabaseError, isWriteConflict } from '../src';

// Real Prisma errors are exercised against both databases in crud.test.ts; these cover the failures
// that are hard to provoke on demand (a database that is down, a serialization conflict).
describe('classifyDatabaseError', () => {
  it('leaves errors that did not come from the database unclassified', () => {
    expect(classifyDatabaseError(new TypeError('x is undefined'))).toBeUndefined();
    expect(classifyDatabaseError('a string')).toBeUndefined();
    expect(classifyDatabaseError(null)).toBeUndefined();
    expect(isDatabaseError(new RangeError('nope'))).toBe(false);
  });

  it('treats a refused connection and a failed client start-up as the database being unavailable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const initialization = Object.assign(new Error("Can't reach database server"), {
      name: 'PrismaClientInitializationError',
    });
    const dropped = Object.assign(new Error('closed'), { name: 'PrismaClientKnownRequestError', code: 'P1017' });

    expect([refused, initialization, dropped].map(isDatabaseUnavailable)).toEqual([true, true, true]);
  });

  it('marks serialization failures and deadlocks as retryable write conflicts', () => {
    const viaClient = Object.assign(new Error('write conflict'), { name: 'PrismaClientKnownRequestError', code: 'P2034' });
    const viaAdapter = Object.assign(new Error('deadlock'), {
      name: 'DriverAdapterError',
      cause: { kind: 'TransactionWriteConflict' },
    });

    expect(isWriteConflict(viaClient)).toBe(true);
    expect(isWriteConflict(viaAdapter)).toBe(true);
  });

  it('files an unmapped Prisma error as `other` rather than as a caller mistake', () => {
    const validation = Object.assign(new Error('Argument `where` is missing'), { name: 'PrismaClientValidationError' });
    expect(classifyDatabaseError(validation)).toBe('other');
  });
});
