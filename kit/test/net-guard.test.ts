import { isLoopbackHost } from '../src/testing/net-guard';

describe('network guard', () => {
  it.each(['127.0.0.1', '127.8.9.1', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])('treats %s as loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['10.0.0.1', '169.254.169.254', 'usage-reporting.api.apollographql.com', '192.168.1.1', '::ffff:8.8.8.8', '0.0.0.0'])('flags %s', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('network guard in a real process', () => {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const { mkdtempSync, readFileSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const guard = join(__dirname, '..', 'dist', 'testing', 'net-guard.js');

  it('records and blocks a TCP attempt to a non-loopback address, and lets loopback through', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'guard-')), 'net.log');
    const script = `
      const net = require('net');
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const local = net.connect(server.address().port, '127.0.0.1', () => {
          local.destroy(); server.close();
          const remote = net.connect(9, '192.0.2.1');
          remote.on('error', (e) => { console.log('remote:', e.message); });
        });
      });`;
    const run = spawnSync(process.execPath, ['--require', guard, '-e', script], { env: { ...process.env, NET_GUARD: 'block', NET_GUARD_LOG: log }, encoding: 'utf8', timeout: 10_000 });
    expect(run.stdout).toContain('remote: NET_GUARD blocked connection to 192.0.2.1:9');
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { host: string; kind: string });
    expect(lines).toEqual([expect.objectContaining({ kind: 'tcp', host: '192.0.2.1' })]);
  });
});
