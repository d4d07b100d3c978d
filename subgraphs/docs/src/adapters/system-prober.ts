import net from 'node:net';
import { classifyHttpAnswer, type CheckOutcome } from '../domain/system-health';
import type { SystemProber } from '../services/system-prober.port';

/** A health body is small; anything bigger is not one and is not read. */
const MAX_BODY_CHARS = 64 * 1024;

const elapsedSince = (start: number): number => Math.round((performance.now() - start) * 100) / 100;

/** Why nothing answered, in words that carry no addresses beyond what the registry shows anyway. */
function reasonOf(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; code?: string; cause?: { code?: string } } | null;
  const code = err?.cause?.code ?? err?.code;
  if (err?.name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return `timed out after ${timeoutMs} ms`;
  if (err?.name === 'AbortError') return 'check cancelled';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  return code ? `not answering (${code})` : 'not answering';
}

async function readHealthBody(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  const length = Number(response.headers.get('content-length') ?? '0');
  if (!type.includes('json') || length > MAX_BODY_CHARS) {
    await response.body?.cancel();
    return undefined;
  }
  try {
    const text = await response.text();
    return text.length <= MAX_BODY_CHARS ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * HTTP GET (no redirects followed: a redirect is an answer, and following it could leave loopback) or a
 * TCP connect, each bounded by `timeoutMs`. The response time is the time to the answer's headers.
 */
export function createSystemProber(options: { timeoutMs: number; slowMs: number }): SystemProber {
  const { timeoutMs, slowMs } = options;

  const http = async (url: string, signal: AbortSignal): Promise<CheckOutcome> => {
    const start = performance.now();
    try {
      const response = await fetch(url, {
        redirect: 'manual',
        headers: { accept: 'application/json, text/html;q=0.9, */*;q=0.5', 'user-agent': 'b3-docs-health-checker' },
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
      const responseTimeMs = elapsedSince(start);
      return classifyHttpAnswer(response.status, await readHealthBody(response), responseTimeMs, slowMs);
    } catch (error) {
      return { status: 'OFFLINE', responseTimeMs: null, detail: reasonOf(error, timeoutMs) };
    }
  };

  const tcp = (host: string, port: number, signal: AbortSignal): Promise<CheckOutcome> =>
    new Promise((resolve) => {
      const start = performance.now();
      const socket = net.connect({ host, port });
      const done = (outcome: CheckOutcome): void => {
        signal.removeEventListener('abort', onAbort);
        socket.destroy();
        resolve(outcome);
      };
      const onAbort = (): void => done({ status: 'OFFLINE', responseTimeMs: null, detail: 'check cancelled' });
      signal.addEventListener('abort', onAbort, { once: true });
      socket.setTimeout(timeoutMs, () => done({ status: 'OFFLINE', responseTimeMs: null, detail: `timed out after ${timeoutMs} ms` }));
      socket.once('connect', () => {
        const responseTimeMs = elapsedSince(start);
        done(responseTimeMs > slowMs ? { status: 'DEGRADED', responseTimeMs, detail: `slow: ${Math.round(responseTimeMs)} ms (over ${slowMs} ms)` } : { status: 'ONLINE', responseTimeMs, detail: null });
      });
      socket.once('error', (error) => done({ status: 'OFFLINE', responseTimeMs: null, detail: reasonOf(error, timeoutMs) }));
    });

  return {
    probe: (target, signal) => (target.kind === 'http' ? http(target.url, signal) : tcp(target.host, target.port, signal)),
  };
}
