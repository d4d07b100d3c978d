import { GraphQLError } from 'graphql';
import { createFormatError, createLogger, DomainError } from '../src';

describe('error masking', () => {
  const format = createFormatError(createLogger('test', 'silent'), () => 'req-1');

  it('keeps a domain code and message but never a stack trace', () => {
    const error = new DomainError('MARKET_UNKNOWN_SYMBOL', 'Unknown symbol XPTO3', { symbol: 'XPTO3' });
    const out = format({ message: error.message, extensions: { code: error.code, symbol: 'XPTO3', stacktrace: ['at x'] } }, error);
    expect(out).toEqual({ message: 'Unknown symbol XPTO3', extensions: { code: 'MARKET_UNKNOWN_SYMBOL', symbol: 'XPTO3' } });
  });

  it('hides unexpected errors behind INTERNAL with the request id', () => {
    const boom = new GraphQLError('connect ECONNREFUSED 127.0.0.1:5432', { originalError: new Error('pg down') });
    const out = format({ message: boom.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, boom);
    expect(out.extensions).toEqual({ code: 'INTERNAL', requestId: 'req-1' });
    expect(out.message).not.toContain('5432');
  });
});
