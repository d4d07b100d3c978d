import { describeSubscriptionError } from './describeSubscriptionError';

describe('describeSubscriptionError', () => {
  it('joins the messages of GraphQL errors', () => {
    expect(describeSubscriptionError([{ message: 'bridge unavailable' }, { message: 'try later' }])).toBe('bridge unavailable; try later');
    expect(describeSubscriptionError([])).toBe('subscription rejected');
  });

  it('uses the message of an Error', () => {
    expect(describeSubscriptionError(new Error('socket hang up'))).toBe('socket hang up');
  });

  it('names the close code and reason of a closed socket', () => {
    expect(describeSubscriptionError({ code: 4403, reason: 'Forbidden', wasClean: true })).toBe('socket closed (4403: Forbidden)');
    expect(describeSubscriptionError({ code: 1006, reason: '' })).toBe('socket closed (1006)');
  });

  it('shows anything else as text', () => {
    expect(describeSubscriptionError('boom')).toBe('boom');
  });
});
