/** Polls `/health` until it answers 200 or the deadline passes; no fixed sleeps. */
export async function waitHealthy(url: string, timeoutMs: number, isAlive: () => boolean = () => true): Promise<number> {
  const start = Date.now();
  let delay = 50;
  while (Date.now() - start < timeoutMs) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return Date.now() - start;
    } catch {
      // not listening yet
    }
    if (!isAlive()) delay = Math.max(delay, 250);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 500);
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
}
