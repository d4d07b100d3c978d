import { channelTone, formatCountdown, staleReason } from './bridgeStatusView';

describe('bridge channel tones', () => {
  it('shows a channel as up only in its connected state', () => {
    expect(channelTone('login', 'CONNECTED')).toBe('ok');
    expect(channelTone('activation', 'VALID')).toBe('ok');
    expect(channelTone('marketData', 'CONNECTED')).toBe('ok');
    expect(channelTone('routing', 'BROKER_CONNECTED')).toBe('ok');
    // Routing connected to the DLL's server but not yet to the broker cannot take orders.
    expect(channelTone('routing', 'CONNECTED')).toBe('warn');
  });

  it('shows a refused login or activation as down', () => {
    expect(channelTone('login', 'FAILED')).toBe('down');
    expect(channelTone('activation', 'INVALID')).toBe('down');
  });

  it('shows states the bridge recovers from as warnings', () => {
    for (const value of ['PENDING', 'DISCONNECTED', 'CONNECTING', 'WAITING', 'NOT_LOGGED', 'DEGRADED', 'UNKNOWN_9']) {
      expect(channelTone('marketData', value)).toBe('warn');
    }
    expect(channelTone('login', 'PENDING')).toBe('warn');
  });

  it('shows routing switched off as neither up nor failing', () => {
    expect(channelTone('routing', 'DISABLED')).toBe('off');
    expect(channelTone('marketData', 'DISABLED')).toBe('warn');
  });
});

describe('formatCountdown', () => {
  it.each([
    [4200, '5 s'],
    [4000, '4 s'],
    [1, '1 s'],
    [59_001, '1 min 00 s'],
    [65_000, '1 min 05 s'],
    [0, 'now'],
    [-20, 'now'],
  ])('shows %d ms as %s', (ms, shown) => {
    expect(formatCountdown(ms)).toBe(shown);
  });
});

describe('staleReason', () => {
  it('is null while the socket is live, the subscription healthy and updates arrive', () => {
    expect(staleReason({ connection: 'live', error: null, silent: false })).toBeNull();
  });

  it('names the lost socket before any error or silence it causes', () => {
    expect(staleReason({ connection: 'reconnecting', error: 'socket closed (1006)', silent: true })).toBe('gateway unreachable');
  });

  it('names the subscription error, then silence', () => {
    expect(staleReason({ connection: 'live', error: 'bridge unavailable', silent: true })).toBe('bridge unavailable');
    expect(staleReason({ connection: 'live', error: null, silent: true })).toBe('no update from the bridge');
  });
});
