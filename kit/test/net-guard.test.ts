import { isLoopbackHost } from '../src/testing/net-guard';

describe('network guard', () => {
  it.each(['127.0.0.1', '127.8.9.1', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])('treats %s as loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['10.0.0.1', '169.254.169.254', 'usage-reporting.api.apollographql.com', '192.168.1.1', '::ffff:8.8.8.8', '0.0.0.0'])('flags %s', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
