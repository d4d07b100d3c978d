import { classifyHttpAnswer, probeTargetOf } from './system-health';

describe('probeTargetOf', () => {
  it('asks services for /health on their origin and web apps and tools for their URL', () => {
    expect(probeTargetOf({ type: 'SUBGRAPH', url: 'http://127.0.0.1:3205/graphql', host: null, port: null })).toEqual({ kind: 'http', url: 'http://127.0.0.1:3205/health?detailed=true' });
    expect(probeTargetOf({ type: 'API', url: 'http://127.0.0.1:8000/graphql', host: null, port: null })).toEqual({ kind: 'http', url: 'http://127.0.0.1:8000/health' });
    expect(probeTargetOf({ type: 'WEBAPP', url: 'http://127.0.0.1:3101/', host: null, port: null })).toEqual({ kind: 'http', url: 'http://127.0.0.1:3101/' });
    expect(probeTargetOf({ type: 'DOCS', url: 'https://docs.example.test/guide?x=1', host: null, port: null })).toEqual({ kind: 'http', url: 'https://docs.example.test/guide?x=1' });
  });

  it('connects over TCP to an endpoint that is not HTTP, uses host and port alone, and has nothing to probe otherwise', () => {
    expect(probeTargetOf({ type: 'TOOL', url: 'mqtt://127.0.0.1:3510', host: '127.0.0.1', port: 3510 })).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 3510 });
    expect(probeTargetOf({ type: 'API', url: null, host: '127.0.0.1', port: 9000 })).toEqual({ kind: 'http', url: 'http://127.0.0.1:9000/health' });
    expect(probeTargetOf({ type: 'TOOL', url: 'memory://', host: null, port: null })).toBeNull();
    expect(probeTargetOf({ type: 'TOOL', url: null, host: null, port: null })).toBeNull();
  });
});

describe('classifyHttpAnswer', () => {
  it('trusts a body in the platform’s health vocabulary, naming failing checks only', () => {
    expect(classifyHttpAnswer(200, { status: 'OK' }, 3, 2000)).toEqual({ status: 'ONLINE', responseTimeMs: 3, detail: null });
    expect(classifyHttpAnswer(200, { status: 'DEGRADED', checks: [{ name: 'bus:mqtt', status: 'DEGRADED', error: 'secret driver text' }, { name: 'db', status: 'OK' }] }, 3, 2000)).toEqual({
      status: 'DEGRADED',
      responseTimeMs: 3,
      detail: 'reports DEGRADED (bus:mqtt DEGRADED)',
    });
    expect(classifyHttpAnswer(503, { status: 'DOWN' }, 3, 2000).status).toBe('OFFLINE');
  });

  it('reads a plain answer by its code, and a slow one as DEGRADED', () => {
    expect(classifyHttpAnswer(204, undefined, 5, 2000).status).toBe('ONLINE');
    expect(classifyHttpAnswer(302, undefined, 5, 2000).status).toBe('ONLINE');
    expect(classifyHttpAnswer(404, undefined, 5, 2000)).toEqual({ status: 'DEGRADED', responseTimeMs: 5, detail: 'HTTP 404' });
    expect(classifyHttpAnswer(500, { message: 'x' }, 5, 2000).status).toBe('DEGRADED');
    expect(classifyHttpAnswer(200, undefined, 2500, 2000)).toMatchObject({ status: 'DEGRADED', detail: 'slow: 2500 ms (over 2000 ms)' });
  });
});
