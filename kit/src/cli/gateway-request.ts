/**
 * GraphQL over HTTP to the gateway for command-line tools, with a user's bearer token: errors become lines
 * for the terminal (CliFailure), a 429 waits as Retry-After says and tries again.
 */

/** A failure the CLI explains in these lines and exits 1 for. */
export class CliFailure extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'CliFailure';
  }
}

export interface WireError {
  message: string;
  extensions?: { code?: unknown; problems?: unknown; problemCount?: unknown } & Record<string, unknown>;
}

/** GraphQL errors as lines for the terminal: the message and code, then the row problems if the server listed them. */
export function describeErrors(errors: readonly WireError[]): string[] {
  return errors.flatMap((error) => {
    const problems = Array.isArray(error.extensions?.problems) ? error.extensions.problems.map(String) : [];
    const code = typeof error.extensions?.code === 'string' ? ` [${error.extensions.code}]` : '';
    if (problems.length === 0) return [`${error.message}${code}`];
    const count = typeof error.extensions?.problemCount === 'number' ? error.extensions.problemCount : problems.length;
    const more = count > problems.length ? [`  … and ${count - problems.length} more`] : [];
    return [`${error.message.split('\n')[0]}${code}`, ...problems.map((problem) => `  ${problem}`), ...more];
  });
}

export interface GatewayClientOptions {
  url: string;
  token: string | null;
  /** How often a 429 (rate limited) request is tried again, waiting what Retry-After says. */
  rateLimitRetries?: number;
  /** Longest single wait for a rate limit, so a misconfigured server cannot park the CLI for hours. */
  maxRetryWaitMs?: number;
  /** Injected by tests so rate-limit waits take no time. */
  sleep?: (ms: number) => Promise<void>;
}

export type GatewayRequest = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createGatewayRequest(options: GatewayClientOptions): GatewayRequest {
  const retries = options.rateLimitRetries ?? 5;
  const maxWait = options.maxRetryWaitMs ?? 60_000;
  const sleep = options.sleep ?? realSleep;
  return async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
      } catch (error) {
        const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
        throw new CliFailure([`cannot reach ${options.url}: ${error instanceof Error ? error.message : String(error)}${cause}`]);
      }
      if (response.status === 429 && attempt < retries) {
        await response.body?.cancel();
        const seconds = Number(response.headers.get('retry-after'));
        await sleep(Math.min(maxWait, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000));
        continue;
      }
      const body = (await response.json().catch(() => null)) as { data?: T | null; errors?: WireError[] } | null;
      if (body?.errors?.length) throw new CliFailure(describeErrors(body.errors));
      if (!response.ok || !body?.data) throw new CliFailure([`${options.url} answered HTTP ${response.status}`]);
      return body.data;
    }
  };
}
