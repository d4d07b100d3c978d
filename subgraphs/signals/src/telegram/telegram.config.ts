import { ConfigError, envBool, envOptional, envString } from '@b3/kit';

export const DEFAULT_TELEGRAM_API_URL = 'https://api.telegram.org';

export interface TelegramPollingConfig {
  /** Bot API base URL, without the `/bot<token>` part. */
  apiUrl: string;
  token: string;
}

export interface TelegramConfig {
  /** TELEGRAM_WEBHOOK_SECRET, or null: the webhook then answers 503 and stores nothing. */
  webhookSecret: string | null;
  /** Set only with TELEGRAM_POLLING=1; nothing contacts Telegram otherwise. */
  polling: TelegramPollingConfig | null;
}

/** What setWebhook accepts as secret_token. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;
/** `<bot id>:<secret>` as BotFather hands it out. */
const TOKEN_PATTERN = /^\d+:[A-Za-z0-9_-]+$/;

/**
 * TELEGRAM_WEBHOOK_SECRET, TELEGRAM_POLLING, TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL, parsed once at start.
 * Messages never echo the token or the secret: start-up errors end up in logs.
 */
export function loadTelegramConfig(env: NodeJS.ProcessEnv = process.env): TelegramConfig {
  const webhookSecret = envOptional('TELEGRAM_WEBHOOK_SECRET', env) ?? null;
  if (webhookSecret !== null && !SECRET_PATTERN.test(webhookSecret)) {
    throw new ConfigError('TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and - (what Telegram accepts as secret_token)');
  }
  if (!envBool('TELEGRAM_POLLING', false, env)) return { webhookSecret, polling: null };

  const token = envOptional('TELEGRAM_BOT_TOKEN', env);
  if (!token) throw new ConfigError('TELEGRAM_POLLING=1 needs TELEGRAM_BOT_TOKEN (the token BotFather gave the bot)');
  if (!TOKEN_PATTERN.test(token)) throw new ConfigError('TELEGRAM_BOT_TOKEN does not look like a bot token (<bot id>:<secret>)');

  const apiUrl = envString('TELEGRAM_API_URL', DEFAULT_TELEGRAM_API_URL, env);
  let parsed: URL;
  try {
    parsed = new URL(apiUrl);
  } catch {
    throw new ConfigError(`TELEGRAM_API_URL must be a URL, got "${apiUrl}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigError(`TELEGRAM_API_URL must be http:// or https://, got "${apiUrl}"`);
  if (parsed.search || parsed.hash) throw new ConfigError(`TELEGRAM_API_URL must not have a query or fragment, got "${apiUrl}"`);
  return { webhookSecret, polling: { apiUrl: apiUrl.replace(/\/+$/, ''), token } };
}
