import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { BridgeTrade, MarketDataClient } from '../src';

/** Compiles the simulator unless it is already newer than its sources (cheap on repeat runs). */
export function buildSimulator(): void {
  execFileSync(process.execPath, [path.join(__dirname, '../scripts/build-native.js')], { stdio: 'pipe' });
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function collectTrades(client: MarketDataClient): BridgeTrade[] {
  const trades: BridgeTrade[] = [];
  client.onTrade((trade) => trades.push(trade));
  return trades;
}

/** Every client a test creates is stopped afterwards: a live DLL thread calling into a torn-down jest context crashes. */
export function clientTracker(): { track<T extends MarketDataClient>(client: T): T; stopAll(): Promise<void> } {
  const clients: MarketDataClient[] = [];
  return {
    track(client) {
      clients.push(client);
      return client;
    },
    async stopAll() {
      await Promise.all(clients.splice(0).map((c) => c.stop().catch(() => undefined)));
    },
  };
}
