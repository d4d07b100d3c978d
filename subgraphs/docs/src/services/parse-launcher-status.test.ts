import { parseLauncherStatus } from './parse-launcher-status';

describe('parseLauncherStatus', () => {
  it('reads the launcher’s service list', () => {
    const body = {
      services: [
        { name: 'orders', url: 'http://127.0.0.1:3205/graphql', status: 'OK', latencyMs: 3.5, restarts: 0, pid: 4242 },
        { name: 'market', url: 'http://127.0.0.1:3302/graphql', status: 'DEGRADED', latencyMs: 12, restarts: 2, pid: null },
      ],
    };
    expect(parseLauncherStatus(body)).toEqual([
      { name: 'orders', url: 'http://127.0.0.1:3205/graphql', status: 'OK', latencyMs: 3.5, restarts: 0, detail: 'pid 4242' },
      { name: 'market', url: 'http://127.0.0.1:3302/graphql', status: 'DEGRADED', latencyMs: 12, restarts: 2, detail: null },
    ]);
  });

  it('counts a status outside the vocabulary as DOWN and says what the launcher reported', () => {
    expect(parseLauncherStatus({ services: [{ name: 'bridge', status: 'STARTING', restarts: 1 }] })).toEqual([
      { name: 'bridge', url: '', status: 'DOWN', latencyMs: null, restarts: 1, detail: 'launcher reports "STARTING"' },
    ]);
  });

  it('drops entries without a name and ignores nonsense numbers', () => {
    expect(parseLauncherStatus({ services: [{ status: 'OK' }, 7, { name: 'docs', status: 'OK', latencyMs: 'fast', restarts: -1 }] })).toEqual([
      { name: 'docs', url: '', status: 'OK', latencyMs: null, restarts: null, detail: null },
    ]);
  });

  it.each([[null], ['<html>'], [{}], [{ services: 'all good' }], [{ services: [] }], [{ services: [{ status: 'OK' }] }]])(
    'gives up on %p so the caller probes instead',
    (body) => {
      expect(parseLauncherStatus(body)).toBeNull();
    },
  );
});
