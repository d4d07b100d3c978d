import { busUrlFromEnv, internalSecret, subgraphPort, subgraphUrl } from '@b3/kit';
import { databaseOptionsFromEnv, type OpenDatabaseOptions } from '@b3/prisma';
import type { RiskRuleSet } from './services/risk.service';

export interface OrdersConfig {
  port: number;
  database: OpenDatabaseOptions;
  /** The platform bus (BUS_URL), where the bridge publishes the trades positions are marked with. */
  busUrl: string;
  /**
   * ORDERS_RISK_RULES: `all` (default) or `kill-switch`, which checks only the kill switch (for replaying
   * orders into a test venue without limits; never for real money).
   */
  riskRules: RiskRuleSet;
  routing: RoutingConfig;
  /**
   * ORDERS_TRADING_HOURS: `b3` (09:00–18:00 São Paulo, futures to 18:25, weekdays, B3 holidays) or `always`.
   * Defaults to `always` while orders go to the simulator's account (it trades around the clock, so a demo
   * at night is not refused) and to `b3` once ORDERS_BROKER_ACCOUNT names a real one.
   */
  tradingHours: 'B3' | 'ALWAYS';
}

export interface RoutingConfig {
  /** The bridge's GraphQL endpoint (BRIDGE_URL, else its port on loopback). */
  bridgeUrl: string;
  secret: string;
  /** ORDERS_BROKER_ACCOUNT `brokerId:accountId[:subAccountId]`; default the simulator's master account. */
  account: { brokerId: number; accountId: string; subAccountId: string | null };
  /** ORDERS_STOP_SLIPPAGE_TICKS (default 20): how far beyond a STOP's trigger its protective limit goes. */
  stopSlippageTicks: number;
}

export const SIMULATOR_ACCOUNT = '1982:SIM-0001';

function brokerAccount(raw: string): RoutingConfig['account'] {
  const [broker, accountId, subAccountId] = raw.split(':').map((part) => part.trim());
  const brokerId = Number(broker);
  if (!Number.isInteger(brokerId) || brokerId <= 0 || !accountId) {
    throw new Error(`ORDERS_BROKER_ACCOUNT must look like "1982:SIM-0001" (broker id, account, optional sub-account), not ${JSON.stringify(raw)}`);
  }
  return { brokerId, accountId, subAccountId: subAccountId || null };
}

export function loadOrdersConfig(env: NodeJS.ProcessEnv = process.env): OrdersConfig {
  const rules = (env.ORDERS_RISK_RULES ?? 'all').trim().toLowerCase();
  if (rules !== 'kill-switch' && rules !== 'all') throw new Error(`ORDERS_RISK_RULES must be "kill-switch" or "all", not ${JSON.stringify(env.ORDERS_RISK_RULES)}`);
  const hours = (env.ORDERS_TRADING_HOURS ?? (env.ORDERS_BROKER_ACCOUNT ? 'b3' : 'always')).trim().toLowerCase();
  if (hours !== 'b3' && hours !== 'always') throw new Error(`ORDERS_TRADING_HOURS must be "b3" or "always", not ${JSON.stringify(env.ORDERS_TRADING_HOURS)}`);
  return {
    port: subgraphPort('orders', env),
    busUrl: busUrlFromEnv(env),
    tradingHours: hours === 'b3' ? 'B3' : 'ALWAYS',
    database: databaseOptionsFromEnv('orders', env),
    riskRules: rules === 'all' ? 'ALL' : 'KILL_SWITCH',
    routing: {
      bridgeUrl: subgraphUrl('bridge', env),
      secret: internalSecret(env),
      account: brokerAccount(env.ORDERS_BROKER_ACCOUNT || SIMULATOR_ACCOUNT),
      stopSlippageTicks: slippage(env.ORDERS_STOP_SLIPPAGE_TICKS),
    },
  };
}

function slippage(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 20;
  const ticks = Number(raw);
  if (!Number.isInteger(ticks) || ticks < 0 || ticks > 1_000) throw new Error(`ORDERS_STOP_SLIPPAGE_TICKS must be a whole number from 0 to 1000, not ${JSON.stringify(raw)}`);
  return ticks;
}
