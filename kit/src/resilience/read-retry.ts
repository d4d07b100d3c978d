import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';

/** Errors worth a second try: the engine was busy, the connection dropped, the server restarted. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', '57P01', '57P03', '08006', '08001', '40001']);
const TRANSIENT_MESSAGE = /(connection (reset|refused|terminated|closed)|timeout|timed out|temporarily unavailable|too many clients|conflict on|could not set lock|database is locked)/i;

export function isTransientError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  return TRANSIENT_MESSAGE.test(error.message);
}

export interface ReadRetryOptions {
  /** Retries after the first attempt. */
  retries?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  isTransient?: (error: unknown) => boolean;
}

/**
 * Wraps store reads: a transient failure is retried (twice by default, 100–300 ms apart with
 * decorrelated jitter); anything else, or the last failure, goes to the caller unchanged.
 */
export function createReadRetry(options: ReadRetryOptions = {}): <T>(read: () => Promise<T>) => Promise<T> {
  const policy = retry(handleWhen(options.isTransient ?? isTransientError), {
    maxAttempts: options.retries ?? 2,
    backoff: new ExponentialBackoff({ initialDelay: options.initialDelayMs ?? 100, maxDelay: options.maxDelayMs ?? 300 }),
  });
  return (read) => policy.execute(() => read());
}
