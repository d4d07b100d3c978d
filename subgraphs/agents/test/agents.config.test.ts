import { loadAgentsConfig } from '../src/config';

describe('agents config', () => {
  it('defaults: the launcher’s dev trader, M5 bars, every 15 minutes, following signals, no LLM', () => {
    const config = loadAgentsConfig({});
    expect(config).toMatchObject({
      port: 8200,
      account: 'demo-trader',
      interval: 'M5',
      scheduleMinutes: 15,
      followSignals: true,
      riskPerTradePct: '10',
      llm: null,
      upstream: { marketUrl: 'http://127.0.0.1:3302/graphql', ordersUrl: 'http://127.0.0.1:3205/graphql', signalsUrl: 'http://127.0.0.1:3200/graphql' },
      database: { service: 'agents' },
    });
  });

  it('reads the LLM endpoint only when configured, with the default resilience and its own timeout', () => {
    const config = loadAgentsConfig({ AGENTS_LLM_URL: 'http://127.0.0.1:11434/v1', AGENTS_LLM_MODEL: 'llama3.2', AGENTS_LLM_API_KEY: 'k', AGENTS_LLM_TIMEOUT_MS: '2500' });
    expect(config.llm).toEqual({
      endpoint: { url: 'http://127.0.0.1:11434/v1', model: 'llama3.2', apiKey: 'k' },
      resilience: { timeoutMs: 2500, retryDelaysMs: [500, 1500, 3000], breakerFailures: 5, breakerOpenMs: 60000 },
    });
  });

  it('refuses settings it cannot honour, saying which', () => {
    expect(() => loadAgentsConfig({ AGENTS_INTERVAL: 'M2' })).toThrow(/AGENTS_INTERVAL/);
    expect(() => loadAgentsConfig({ AGENTS_SCHEDULE_MINUTES: '-1' })).toThrow(/AGENTS_SCHEDULE_MINUTES/);
    expect(() => loadAgentsConfig({ AGENTS_RISK_PER_TRADE_PCT: '0' })).toThrow(/AGENTS_RISK_PER_TRADE_PCT/);
    expect(() => loadAgentsConfig({ AGENTS_LLM_URL: 'http://127.0.0.1:1/v1' })).toThrow(/AGENTS_LLM_MODEL/);
    expect(() => loadAgentsConfig({ AGENTS_LLM_URL: 'file:///etc/passwd', AGENTS_LLM_MODEL: 'm' })).toThrow(/AGENTS_LLM_URL/);
    expect(() => loadAgentsConfig({ AGENTS_FOLLOW_SIGNALS: 'maybe' })).toThrow(/AGENTS_FOLLOW_SIGNALS/);
  });
});
