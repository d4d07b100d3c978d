import { fallbackGatewayConfig, parseGatewayConfig } from './loadGatewayConfig';

describe('gateway config', () => {
  it('falls back to port 8000 on the page host', () => {
    expect(fallbackGatewayConfig({ protocol: 'http:', hostname: 'desk.local' })).toEqual({
      gatewayHttpUrl: 'http://desk.local:8000/graphql',
      gatewayWsUrl: 'ws://desk.local:8000/graphql',
    });
    expect(fallbackGatewayConfig({ protocol: 'https:', hostname: '10.0.0.5' }).gatewayWsUrl).toBe('wss://10.0.0.5:8000/graphql');
  });

  it('accepts a config.json with http and ws urls', () => {
    const config = { gatewayHttpUrl: 'http://127.0.0.1:8000/graphql', gatewayWsUrl: 'ws://127.0.0.1:8000/graphql' };
    expect(parseGatewayConfig(config)).toEqual(config);
  });

  it('rejects a config.json with missing or swapped urls', () => {
    expect(parseGatewayConfig({ gatewayHttpUrl: 'http://127.0.0.1:8000/graphql' })).toBeNull();
    expect(parseGatewayConfig({ gatewayHttpUrl: 'ws://x/graphql', gatewayWsUrl: 'http://x/graphql' })).toBeNull();
    expect(parseGatewayConfig('nope')).toBeNull();
  });
});
