import { ConfigError, envBool, envInt, envOptional, envString, internalSecret, subgraphPort, subgraphUrl } from '@b3/kit';
import { databaseOptionsFromEnv, type OpenDatabaseOptions } from '@b3/prisma';
import { type CandleInterval, isCandleInterval } from './domain/candle';
import { isPlainDecimal } from './domain/decimal';
import { DEFAULT_RESILIENCE, type ResilienceOptions } from './upstream/llm/resilient-commentator';
import type { ChatEndpoint } from './upstream/llm/chat-completion';

export interface AgentsConfig {
  port: number;
  database: OpenDatabaseOptions;
  upstream: { marketUrl: string; ordersUrl: string; signalsUrl: string; secret: string };
  /** AGENTS_ACCOUNT (default demo-trader, the launcher's dev trader): the account automatic runs assess. */
  account: string;
  /** AGENTS_INTERVAL (default M5): the bars automatic runs analyse. */
  interval: CandleInterval;
  /** AGENTS_SCHEDULE_MINUTES (default 15; 0 off): the pass over open signals within 10:00–18:00 São Paulo. */
  scheduleMinutes: number;
  /** AGENTS_FOLLOW_SIGNALS (default true): recommend on every new signal. */
  followSignals: boolean;
  /** AGENTS_RISK_PER_TRADE_PCT (default 10): share of the daily loss limit one suggested trade may risk. */
  riskPerTradePct: string;
  /** AGENTS_LLM_URL + AGENTS_LLM_MODEL (+ AGENTS_LLM_API_KEY, AGENTS_LLM_TIMEOUT_MS): off unless set. */
  llm: { endpoint: ChatEndpoint; resilience: ResilienceOptions } | null;
}

function llmConfig(env: NodeJS.ProcessEnv): AgentsConfig['llm'] {
  const url = envOptional('AGENTS_LLM_URL', env);
  if (!url) return null;
  if (!/^https?:\/\//.test(url)) throw new ConfigError(`AGENTS_LLM_URL must be an http(s) URL, not ${JSON.stringify(url)}`);
  const model = envOptional('AGENTS_LLM_MODEL', env);
  if (!model) throw new ConfigError('AGENTS_LLM_MODEL is required when AGENTS_LLM_URL is set');
  const timeoutMs = envInt('AGENTS_LLM_TIMEOUT_MS', DEFAULT_RESILIENCE.timeoutMs, env);
  if (timeoutMs < 100 || timeoutMs > 120_000) throw new ConfigError(`AGENTS_LLM_TIMEOUT_MS must be 100 to 120000, not ${timeoutMs}`);
  return { endpoint: { url, model, apiKey: envOptional('AGENTS_LLM_API_KEY', env) }, resilience: { ...DEFAULT_RESILIENCE, timeoutMs } };
}

export function loadAgentsConfig(env: NodeJS.ProcessEnv = process.env): AgentsConfig {
  const interval = envString('AGENTS_INTERVAL', 'M5', env).trim().toUpperCase();
  if (!isCandleInterval(interval)) throw new ConfigError(`AGENTS_INTERVAL must be M1, M5, M15, H1 or D1, not ${JSON.stringify(env.AGENTS_INTERVAL)}`);
  const scheduleMinutes = envInt('AGENTS_SCHEDULE_MINUTES', 15, env);
  if (scheduleMinutes < 0 || scheduleMinutes > 480) throw new ConfigError(`AGENTS_SCHEDULE_MINUTES must be 0 (off) to 480, not ${scheduleMinutes}`);
  const riskPerTradePct = envString('AGENTS_RISK_PER_TRADE_PCT', '10', env).trim();
  if (!isPlainDecimal(riskPerTradePct) || Number(riskPerTradePct) <= 0 || Number(riskPerTradePct) > 100) {
    throw new ConfigError(`AGENTS_RISK_PER_TRADE_PCT must be a percentage above 0 and at most 100, not ${JSON.stringify(env.AGENTS_RISK_PER_TRADE_PCT)}`);
  }
  const account = envString('AGENTS_ACCOUNT', 'demo-trader', env).trim();
  if (!account) throw new ConfigError('AGENTS_ACCOUNT must not be blank');
  return {
    port: subgraphPort('agents', env),
    database: databaseOptionsFromEnv('agents', env),
    upstream: { marketUrl: subgraphUrl('market', env), ordersUrl: subgraphUrl('orders', env), signalsUrl: subgraphUrl('signals', env), secret: internalSecret(env) },
    account,
    interval,
    scheduleMinutes,
    followSignals: envBool('AGENTS_FOLLOW_SIGNALS', true, env),
    riskPerTradePct,
    llm: llmConfig(env),
  };
}
