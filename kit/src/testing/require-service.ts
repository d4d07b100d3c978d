import net from 'node:net';

/**
 * Service-backed tests run for real when REQUIRE_SERVICES=1 (CI) and fail if the service is missing;
 * elsewhere they skip, printing why. Use as: `const pg = await serviceAvailable('postgres', 5432)`,
 * then `(pg ? it : it.skip)(...)` — or `describeWithService`.
 */
export function servicesRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.REQUIRE_SERVICES === '1' || env.REQUIRE_SERVICES === 'true';
}

export function tcpReachable(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Under REQUIRE_SERVICES a missing service is an error; elsewhere the skip is explained. */
function missing(name: string, port: number, host: string): false {
  const reason = `${name} is not reachable at ${host}:${port}`;
  if (servicesRequired()) throw new Error(`${reason} and REQUIRE_SERVICES=1`);
  // eslint-disable-next-line no-console
  console.warn(`skipping ${name}-backed tests: ${reason} (set REQUIRE_SERVICES=1 to make this a failure)`);
  return false;
}

/**
 * Resolves true when the service answers. When it does not: throws under REQUIRE_SERVICES, otherwise
 * prints the reason and resolves false so the caller can skip.
 */
export async function serviceAvailable(name: string, port: number, host = '127.0.0.1'): Promise<boolean> {
  return (await tcpReachable(port, host)) || missing(name, port, host);
}

/**
 * Synchronous form for choosing `describe` vs `describe.skip` at collection time, so a missing service
 * shows up as skipped tests (with the reason printed) rather than as passes. Checks in a child process
 * because jest collects suites synchronously.
 */
export function serviceAvailableSync(name: string, port: number, host = '127.0.0.1'): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const probe = `const s=require('net').connect(${port},${JSON.stringify(host)});s.setTimeout(500,()=>process.exit(1));s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));`;
  const ok = spawnSync(process.execPath, ['-e', probe], { timeout: 3000 }).status === 0;
  return ok || missing(name, port, host);
}

/** `describeWithService('postgres', 5432)('store on PostgreSQL', () => …)` */
export function describeWithService(name: string, port: number): jest.Describe {
  return serviceAvailableSync(name, port) ? describe : describe.skip;
}
