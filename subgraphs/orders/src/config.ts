import { subgraphPort } from '@b3/kit';
import { databaseOptionsFromEnv, type OpenDatabaseOptions } from '@b3/prisma';
import type { RiskRuleSet } from './services/risk.service';

export interface OrdersConfig {
  port: number;
  database: OpenDatabaseOptions;
  /**
   * ORDERS_RISK_RULES: `kill-switch` (default) or `all`. The default checks only the kill switch, because
   * until phase 2b wires market prices the engine has no last trade and would refuse every LIMIT and
   * MARKET order; `all` runs every rule (and so refuses those orders until prices are wired).
   */
  riskRules: RiskRuleSet;
}

export function loadOrdersConfig(env: NodeJS.ProcessEnv = process.env): OrdersConfig {
  const rules = (env.ORDERS_RISK_RULES ?? 'kill-switch').trim().toLowerCase();
  if (rules !== 'kill-switch' && rules !== 'all') throw new Error(`ORDERS_RISK_RULES must be "kill-switch" or "all", not ${JSON.stringify(env.ORDERS_RISK_RULES)}`);
  return {
    port: subgraphPort('orders', env),
    database: databaseOptionsFromEnv('orders', env),
    riskRules: rules === 'all' ? 'ALL' : 'KILL_SWITCH',
  };
}
