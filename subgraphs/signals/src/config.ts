import { busUrlFromEnv, subgraphPort } from '@b3/kit';
import { databaseOptionsFromEnv, type OpenDatabaseOptions } from '@b3/prisma';
import { loadTelegramConfig, type TelegramConfig } from './telegram/telegram.config';

export interface SignalsConfig {
  port: number;
  database: OpenDatabaseOptions;
  /** The platform bus (BUS_URL): market trades move signals to HIT_TARGET / STOPPED. */
  busUrl: string;
  /** SIGNALS_AUTO_ENABLE (default true): a chat first seen in a message is registered enabled. */
  autoEnable: boolean;
  /** SIGNALS_EXPIRY_DAYS (default 30): how long a signal that is not a day trade stays OPEN. */
  expiryDays: number;
  /** TELEGRAM_WEBHOOK_SECRET, and polling (TELEGRAM_POLLING=1 with TELEGRAM_BOT_TOKEN): docs/signals.md. */
  telegram: TelegramConfig;
}

export function loadSignalsConfig(env: NodeJS.ProcessEnv = process.env): SignalsConfig {
  const autoEnable = (env.SIGNALS_AUTO_ENABLE ?? 'true').trim().toLowerCase();
  if (!['true', 'false', '1', '0'].includes(autoEnable)) throw new Error(`SIGNALS_AUTO_ENABLE must be true or false, not ${JSON.stringify(env.SIGNALS_AUTO_ENABLE)}`);
  const days = Number(env.SIGNALS_EXPIRY_DAYS ?? '30');
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error(`SIGNALS_EXPIRY_DAYS must be a whole number of days from 1 to 3650, not ${JSON.stringify(env.SIGNALS_EXPIRY_DAYS)}`);
  return {
    port: subgraphPort('signals', env),
    database: databaseOptionsFromEnv('signals', env),
    busUrl: busUrlFromEnv(env),
    autoEnable: autoEnable === 'true' || autoEnable === '1',
    expiryDays: days,
    telegram: loadTelegramConfig(env),
  };
}
