import { launcherReports } from './launcher-view';

describe('launcherOutcomes', () => {
  it('maps the launcher’s view of each supervised process to a registry status', () => {
    const reports = launcherReports({
      services: [
        { name: 'orders', status: 'OK', latencyMs: 3.5, restarts: 0, pid: 41, lastExitAt: null },
        { name: 'market', status: 'DEGRADED', latencyMs: 9, restarts: 2, pid: 42, lastExitAt: '2026-11-27T12:00:00.000Z', lastExitReason: 'signal SIGKILL' },
        { name: 'bridge', status: 'DOWN', latencyMs: 1500, restarts: 1, pid: null, lastExitAt: 'yesterday' },
      ],
    });
    expect(Object.fromEntries(reports!)).toEqual({
      orders: { outcome: { status: 'ONLINE', responseTimeMs: 3.5, detail: 'launcher: pid 41' }, lastExit: null },
      market: { outcome: { status: 'DEGRADED', responseTimeMs: 9, detail: 'launcher: pid 42, 2 restarts' }, lastExit: { at: new Date('2026-11-27T12:00:00.000Z'), reason: 'signal SIGKILL' } },
      bridge: { outcome: { status: 'OFFLINE', responseTimeMs: null, detail: 'launcher: 1 restart' }, lastExit: null },
    });
  });

  it('is null without a launcher answer', () => {
    expect(launcherReports(null)).toBeNull();
    expect(launcherReports({ error: 'nope' })).toBeNull();
  });
});
