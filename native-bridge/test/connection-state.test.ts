import { applyStateEvent, initialConnectionState, isMarketReady } from '../src/profit/connection-state';

describe('connection state (ABI.md §5)', () => {
  const fold = (events: Array<[number, number]>, routing = false) =>
    events.reduce((s, [type, result]) => applyStateEvent(s, type, result), initialConnectionState(routing));

  it('is ready only with the feed connected and the activation valid', () => {
    expect(isMarketReady(fold([[0, 0], [2, 4]]))).toBe(false);
    expect(isMarketReady(fold([[0, 0], [3, 0], [2, 2]]))).toBe(false);
    expect(isMarketReady(fold([[0, 0], [3, 0], [2, 4]]))).toBe(true);
    expect(isMarketReady(fold([[0, 0], [3, 0], [2, 4], [2, 6]]))).toBe(true);
    expect(isMarketReady(fold([[0, 0], [3, 0], [2, 4], [2, 0]]))).toBe(false);
  });

  it('names each channel state', () => {
    expect(fold([[0, 2], [3, 1], [2, 3]])).toEqual({ login: 'FAILED', activation: 'INVALID', marketData: 'NOT_LOGGED', routing: 'DISABLED' });
    expect(fold([[1, 2], [2, 5]], true)).toMatchObject({ routing: 'CONNECTED', marketData: 'DEGRADED' });
    expect(fold([[1, 5]], true).routing).toBe('BROKER_CONNECTED');
    expect(fold([[1, 5]], false).routing).toBe('DISABLED');
  });

  it('ignores codes it does not know', () => {
    expect(fold([[0, 0], [2, 99], [7, 1]])).toEqual(fold([[0, 0]]));
  });
});
