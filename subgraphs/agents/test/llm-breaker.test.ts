import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, runHealthChecks } from '@b3/kit';
import { Registry } from 'prom-client';
import { AgentMetrics } from '../src/services/agent-metrics';
import { CommentaryService } from '../src/services/commentary.service';
import { MarketAnalysisAgent } from '../src/services/market-analysis.agent';
import { completionsUrl } from '../src/upstream/llm/chat-completion';
import { ResilientCommentator } from '../src/upstream/llm/resilient-commentator';
import { upstreamHealthChecks } from '../src/upstream/upstream-health';
import { candlesFrom, line } from './builders';
import { FakeMarket } from './fakes';

/** A fake OpenAI-compatible endpoint on loopback: fails, hangs or answers, and counts what it was sent. */
function fakeLlm() {
  const state = { mode: 'fail' as 'fail' | 'ok' | 'hang', requests: 0, bodies: [] as unknown[], auth: [] as Array<string | undefined> };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      state.requests++;
      state.bodies.push(JSON.parse(body));
      state.auth.push(req.headers.authorization);
      if (state.mode === 'hang') return; // never answers: the per-attempt timeout must end it
      if (state.mode === 'fail') return void res.writeHead(500).end('{"error":"overloaded"}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: ' Uptrend across the board. ' } }] }));
    });
  });
  return { state, server };
}

const OPEN_MS = 400;
const fastResilience = { timeoutMs: 1_000, retryDelaysMs: [5, 10, 20], breakerFailures: 5, breakerOpenMs: OPEN_MS };
const prompt = { system: 'explain', user: 'BUY PETR4' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LLM commentary behind a circuit breaker', () => {
  const { state, server } = fakeLlm();
  let url: string;
  const logger = createLogger('test', 'silent');

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => {
    state.mode = 'fail';
    state.requests = 0;
    state.bodies.length = 0;
    state.auth.length = 0;
  });

  it('retries, opens after 5 consecutive failures, sends nothing while open, probes once half-open; analysis stays available', async () => {
    const llm = new ResilientCommentator({ url, model: 'tiny', apiKey: 'sk-test' }, logger, fastResilience);
    const commentary = new CommentaryService(llm);
    const metrics = new AgentMetrics(() => llm.state);
    const registry = new Registry();
    metrics.register(registry);
    const analysis = new MarketAnalysisAgent(new FakeMarket({ PETR4: candlesFrom(line(80, 30, 0.1)) }));

    // first call: the attempt and its 3 retries all fail (4 failures), the breaker is still closed
    expect(await llm.comment(prompt)).toBeNull();
    expect(state.requests).toBe(4);
    expect(llm.state).toBe('CLOSED');
    // second call: the 5th consecutive failure opens it; the retry after it is refused without a request
    expect(await llm.comment(prompt)).toBeNull();
    expect(state.requests).toBe(5);
    expect(llm.state).toBe('OPEN');
    expect(await registry.getSingleMetricAsString('agent_llm_breaker_state')).toContain('agent_llm_breaker_state{state="open"} 1');
    const health = await runHealthChecks('agents', upstreamHealthChecks([], llm), Date.now());
    expect(health).toMatchObject({ status: 'DEGRADED', checks: [{ name: 'llm-breaker', status: 'DEGRADED', detail: { state: 'OPEN' } }] });

    // while open: calls stop (nothing reaches the endpoint) and the deterministic analysis is untouched
    state.mode = 'ok';
    const during = await analysis.analyze('PETR4', 'M5');
    expect(await commentary.forAnalysis(during)).toBeNull();
    expect(await llm.comment(prompt)).toBeNull();
    expect(state.requests).toBe(5);
    expect(during).toMatchObject({ direction: 'BUY', confidenceLabel: 'HIGH' });

    // after the window one probe goes through (half-open); it succeeds, so the breaker closes
    await sleep(OPEN_MS + 50);
    expect(llm.state).toBe('OPEN'); // cockatiel moves to half-open on the next call, not on a timer
    const after = await analysis.analyze('PETR4', 'M5');
    expect(await commentary.forAnalysis(after)).toBe('Uptrend across the board.');
    expect(state.requests).toBe(6);
    expect(llm.state).toBe('CLOSED');
    expect(after.direction).toBe(during.direction);
    expect(await registry.getSingleMetricAsString('agent_llm_breaker_state')).toContain('agent_llm_breaker_state{state="closed"} 1');
    // an OpenAI-style request: model, system + user messages, the key as a bearer token
    expect(state.bodies[5]).toMatchObject({ model: 'tiny', messages: [{ role: 'system' }, { role: 'user', content: expect.stringContaining('PETR4 on M5 bars') }] });
    expect(state.auth[5]).toBe('Bearer sk-test');
    await llm.close();
  });

  it('a failed half-open probe opens the breaker again for another window', async () => {
    const llm = new ResilientCommentator({ url, model: 'tiny' }, logger, { ...fastResilience, retryDelaysMs: [] });
    for (let i = 0; i < 5; i++) await llm.comment(prompt);
    expect(llm.state).toBe('OPEN');
    expect(state.requests).toBe(5);
    await sleep(OPEN_MS + 50);
    expect(await llm.comment(prompt)).toBeNull(); // the probe
    expect(state.requests).toBe(6);
    expect(llm.state).toBe('OPEN');
    expect(await llm.comment(prompt)).toBeNull();
    expect(state.requests).toBe(6);
    await llm.close();
  });

  it('times out an attempt that never answers, and counts it as a failure', async () => {
    state.mode = 'hang';
    const llm = new ResilientCommentator({ url, model: 'tiny' }, logger, { ...fastResilience, timeoutMs: 100, retryDelaysMs: [5] });
    const started = Date.now();
    expect(await llm.comment(prompt)).toBeNull();
    expect(state.requests).toBe(2);
    expect(Date.now() - started).toBeLessThan(1_000);
    await llm.close();
  });

  it('never calls anything when not configured', async () => {
    const commentary = new CommentaryService({ comment: async () => 'x', state: 'DISABLED', close: async () => undefined });
    const signal = await new MarketAnalysisAgent(new FakeMarket({ PETR4: candlesFrom(line(20, 30, 0.1)) })).analyze('PETR4', 'M1');
    expect(await commentary.forAnalysis(signal)).toBeNull();
  });

  it('accepts a base URL or the full chat completions URL', () => {
    expect(completionsUrl('http://127.0.0.1:11434/v1/')).toBe('http://127.0.0.1:11434/v1/chat/completions');
    expect(completionsUrl('http://127.0.0.1:8080/v1/chat/completions')).toBe('http://127.0.0.1:8080/v1/chat/completions');
  });
});
