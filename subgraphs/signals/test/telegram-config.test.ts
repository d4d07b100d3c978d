import { ConfigError } from '@b3/kit';
import { loadTelegramConfig } from '../src/telegram/telegram.config';

const TOKEN = '123456789:AAE-secret_part';

describe('loadTelegramConfig', () => {
  it('has no webhook secret and no polling by default', () => {
    expect(loadTelegramConfig({})).toEqual({ webhookSecret: null, polling: null });
  });

  it('reads TELEGRAM_WEBHOOK_SECRET', () => {
    expect(loadTelegramConfig({ TELEGRAM_WEBHOOK_SECRET: 'abc_DEF-123' }).webhookSecret).toBe('abc_DEF-123');
  });

  it.each([
    ['with spaces', 'has spaces'],
    ['with non-ASCII letters', 'çá'],
    ['of 257 characters', 'x'.repeat(257)],
  ])('refuses a webhook secret %s', (_name, secret) => {
    expect(() => loadTelegramConfig({ TELEGRAM_WEBHOOK_SECRET: secret })).toThrow(ConfigError);
    expect(() => loadTelegramConfig({ TELEGRAM_WEBHOOK_SECRET: secret })).toThrow(/TELEGRAM_WEBHOOK_SECRET must be 1-256 characters/);
  });

  it('ignores the token and API URL unless TELEGRAM_POLLING is on', () => {
    expect(loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_URL: 'not a url' }).polling).toBeNull();
    expect(loadTelegramConfig({ TELEGRAM_POLLING: '0', TELEGRAM_BOT_TOKEN: TOKEN }).polling).toBeNull();
  });

  it('polls api.telegram.org by default once TELEGRAM_POLLING=1 and a token are given', () => {
    expect(loadTelegramConfig({ TELEGRAM_POLLING: '1', TELEGRAM_BOT_TOKEN: TOKEN }).polling).toEqual({ apiUrl: 'https://api.telegram.org', token: TOKEN });
  });

  it('takes TELEGRAM_API_URL (a local Bot API server), without a trailing slash', () => {
    const config = loadTelegramConfig({ TELEGRAM_POLLING: 'true', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_URL: 'http://127.0.0.1:8081/' });
    expect(config.polling?.apiUrl).toBe('http://127.0.0.1:8081');
  });

  it.each([
    [{ TELEGRAM_POLLING: 'maybe' }, /TELEGRAM_POLLING must be a boolean/],
    [{ TELEGRAM_POLLING: '1' }, /TELEGRAM_POLLING=1 needs TELEGRAM_BOT_TOKEN/],
    [{ TELEGRAM_POLLING: '1', TELEGRAM_BOT_TOKEN: 'not-a-token' }, /does not look like a bot token/],
    [{ TELEGRAM_POLLING: '1', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_URL: 'api.telegram.org' }, /TELEGRAM_API_URL must be a URL/],
    [{ TELEGRAM_POLLING: '1', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_URL: 'ftp://api.telegram.org' }, /http:\/\/ or https:\/\//],
    [{ TELEGRAM_POLLING: '1', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_URL: 'https://api.telegram.org?x=1' }, /query/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadTelegramConfig(env)).toThrow(message);
  });

  it('never puts the token in an error message', () => {
    const badToken = '123:has spaces in it';
    expect(() => loadTelegramConfig({ TELEGRAM_POLLING: '1', TELEGRAM_BOT_TOKEN: badToken })).toThrow(expect.objectContaining({ message: expect.not.stringContaining(badToken) }));
  });
});
