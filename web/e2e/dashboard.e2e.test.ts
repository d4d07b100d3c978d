import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { servicesRequired } from '@b3/kit/testing/require-service';
import { chromiumAvailable, launchBrowser } from '../../e2e/harness/browser';
import { healthyBridge, startFakeGateway, type FakeGateway } from './fakeGateway';
import { serveDashboard, type DashboardServer } from './serveDashboard';

const REPO_ROOT = path.resolve(__dirname, '../..');
const DIST_DIR = path.join(REPO_ROOT, 'web', 'dist');
const SYMBOLS = ['WINZ26', 'WDOZ26', 'PETR4', 'VALE3'];
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

async function waitFor<T>(description: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Text of the element with that test id, or null while it is not on the page yet. */
const textOf = (page: Page, testId: string): Promise<string | null> =>
  page
    .getByTestId(testId)
    .textContent({ timeout: 1000 })
    .catch(() => null);

function newestMtime(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

/** Rebuilds web/dist when it is missing or older than the sources, so the test never runs a stale bundle. */
function ensureBuilt(): void {
  const builtIndex = path.join(DIST_DIR, 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts'].map((name) => path.join(REPO_ROOT, 'web', name));
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  execFileSync('npm', ['run', 'build', '-w', '@b3/web'], { cwd: REPO_ROOT, stdio: 'pipe' });
}

interface OpenedDashboard {
  readonly page: Page;
  /** Every URL the page asked for, HTTP and websocket alike. */
  readonly requested: string[];
  readonly pageErrors: string[];
}

function nonLoopback(urls: readonly string[]): string[] {
  return urls.filter((raw) => {
    const url = new URL(raw);
    if (url.protocol === 'data:' || url.protocol === 'blob:') return false;
    return !LOOPBACK_HOSTS.has(url.hostname);
  });
}

const browserReady = chromiumAvailable();
if (!browserReady) {
  const reason = `Chromium not found at ${process.env.CHROMIUM_PATH || '/usr/bin/chromium'} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (servicesRequired()) {
    test('dashboard browser test needs Chromium', () => {
      throw new Error(`${reason} and REQUIRE_SERVICES=1`);
    });
  } else {
    // eslint-disable-next-line no-console
    console.warn(`skipping dashboard browser tests: ${reason}`);
  }
}

(browserReady ? describe : describe.skip)('dashboard in a browser against a fake gateway', () => {
  let gateway: FakeGateway;
  let site: DashboardServer;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    ensureBuilt();
    gateway = await startFakeGateway();
    site = await serveDashboard(DIST_DIR, { gatewayHttpUrl: gateway.httpUrl, gatewayWsUrl: gateway.wsUrl });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(pages.map((p) => p.close()));
    await browser?.close();
    await site?.close();
    await gateway?.close();
  });

  async function openDashboard(): Promise<OpenedDashboard> {
    const page = await browser.newPage({ viewport: { width: 1100, height: 520 } });
    pages.push(page);
    const requested: string[] = [];
    const pageErrors: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('websocket', (socket) => requested.push(socket.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(site.url);
    await waitFor('the websocket to go live', async () => (await textOf(page, 'ws-state')) === 'live');
    return { page, requested, pageErrors };
  }

  test('shows live prices in pt-BR format, service statuses, and talks only to loopback', async () => {
    const { page, requested, pageErrors } = await openDashboard();

    const seen = new Map(SYMBOLS.map((s) => [s, new Set<string>()]));
    await waitFor('three different prices for at least two symbols', async () => {
      for (const symbol of SYMBOLS) {
        const price = await textOf(page, `price-${symbol}`);
        if (price && price !== '—') seen.get(symbol)!.add(price);
      }
      return [...seen.values()].filter((prices) => prices.size >= 3).length >= 2;
    });
    expect(await textOf(page, 'price-WINZ26')).toMatch(/^\d{1,3}(\.\d{3})+$/);
    expect(await textOf(page, 'price-PETR4')).toMatch(/^\d{1,3},\d{2}$/);
    expect(Number(await textOf(page, 'trades-WINZ26'))).toBeGreaterThan(0);
    await expect(page.getByTestId('row-VALE3').count()).resolves.toBe(1);

    await waitFor('the status panel', () => textOf(page, 'status-orders'));
    expect(await textOf(page, 'status-gateway')).toBe('OK');
    expect(await textOf(page, 'status-market')).toBe('OK');
    expect(await textOf(page, 'status-orders')).toBe('DEGRADED');
    expect(await textOf(page, 'status-signals')).toBe('DOWN');

    // The panel polls: a recovery on the gateway shows up within a poll or two.
    gateway.services.set('signals', 'OK');
    await waitFor('signals to be shown as recovered', async () => (await textOf(page, 'status-signals')) === 'OK', 8000);

    if (process.env.DASHBOARD_SCREENSHOT) await page.screenshot({ path: process.env.DASHBOARD_SCREENSHOT, fullPage: true });

    expect(requested.some((url) => url.startsWith(gateway.wsUrl))).toBe(true);
    expect(nonLoopback(requested)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  test('shows the ProfitDLL bridge status, follows it into DEGRADED with a countdown, and marks it stale on errors', async () => {
    const { page, pageErrors } = await openDashboard();
    try {
      await waitFor('the bridge status', async () => (await textOf(page, 'bridge-health')) === 'OK');
      expect(await textOf(page, 'bridge-login')).toBe('CONNECTED');
      expect(await textOf(page, 'bridge-activation')).toBe('VALID');
      expect(await textOf(page, 'bridge-marketData')).toBe('CONNECTED');
      expect(await textOf(page, 'bridge-routing')).toBe('DISABLED');
      expect(await textOf(page, 'bridge-library')).toBe('SIMULATOR');
      // Counters and gauges in the desk's pt-BR format, with fixed decimals.
      expect(await textOf(page, 'bridge-trades-per-second')).toBe('1.234,5');
      expect(await textOf(page, 'bridge-trades')).toBe('1.234.567 / 1.234.560');
      expect(await textOf(page, 'bridge-queue')).toBe('7 / 65.536');
      expect(await textOf(page, 'bridge-ring-dropped')).toBe('0');
      expect(await textOf(page, 'bridge-callback-p99')).toBe('3,2 µs');
      expect(await textOf(page, 'bridge-drain-p99')).toBe('0,85 ms');
      expect(await textOf(page, 'bridge-duplicates')).toBe('12');
      expect(await textOf(page, 'bridge-relogins')).toBe('0');
      await expect(page.getByTestId('bridge-next-reconnect').count()).resolves.toBe(0);
      await expect(page.getByTestId('bridge-last-error').count()).resolves.toBe(0);
      await expect(page.getByTestId('bridge-symbol-WINZ26').getAttribute('data-book')).resolves.toBe('true');
      await expect(page.getByTestId('bridge-symbol-PETR4').getAttribute('data-book')).resolves.toBe('false');
      expect(await textOf(page, 'bridge-symbol-WINZ26')).toContain('book');
      await expect(page.getByTestId('bridge-stale').count()).resolves.toBe(0);

      // The market-data channel drops: the bridge reports DEGRADED and when it will log in again.
      gateway.setBridge({
        ...healthyBridge(),
        health: 'DEGRADED',
        marketData: 'DISCONNECTED',
        tradesPerSecond: 0,
        reinitializations: 2,
        nextReconnectInMs: 4200,
        lastError: 'market data channel down for 30 s',
      });
      await waitFor('the bridge to show DEGRADED', async () => (await textOf(page, 'bridge-health')) === 'DEGRADED');
      await expect(page.getByTestId('bridge-health').getAttribute('data-status')).resolves.toBe('DEGRADED');
      expect(await textOf(page, 'bridge-marketData')).toBe('DISCONNECTED');
      expect(await textOf(page, 'bridge-next-reconnect')).toBe('5 s');
      expect(await textOf(page, 'bridge-last-error')).toBe('market data channel down for 30 s');
      expect(await textOf(page, 'bridge-relogins')).toBe('2');
      expect(await textOf(page, 'bridge-trades-per-second')).toBe('0,0');

      // The subscription fails: the last status stays on screen, marked stale with the reason.
      gateway.setBridgeFailure('ProfitDLL bridge unavailable');
      await waitFor('the bridge status to be marked stale', async () => (await textOf(page, 'bridge-stale'))?.includes('ProfitDLL bridge unavailable'));
      expect(await textOf(page, 'bridge-health')).toBe('DEGRADED');
      await expect(page.getByTestId('bridge-status').getAttribute('data-stale')).resolves.toBe('true');

      gateway.setBridgeFailure(null);
      gateway.setBridge(healthyBridge());
      await waitFor('the bridge to recover', async () => (await textOf(page, 'bridge-health')) === 'OK' && (await page.getByTestId('bridge-stale').count()) === 0, 8000);
      await expect(page.getByTestId('bridge-next-reconnect').count()).resolves.toBe(0);
    } finally {
      gateway.setBridgeFailure(null);
      gateway.setBridge(healthyBridge());
    }
    expect(pageErrors).toEqual([]);
  }, 60_000);

  test('shows the socket reconnecting while the gateway refuses it, then resumes live prices', async () => {
    const { page, requested, pageErrors } = await openDashboard();
    await waitFor('a first tick', async () => Number(await textOf(page, 'trades-WINZ26')) > 0);
    await waitFor('the bridge status', () => textOf(page, 'bridge-health'));

    gateway.setAcceptingSockets(false);
    try {
      gateway.dropSockets();
      await waitFor('the socket state to show reconnecting', async () => (await textOf(page, 'ws-state')) === 'reconnecting');
      // The bridge block keeps its last status, marked stale, until the socket is back.
      await waitFor('the bridge status to be marked stale', async () => (await textOf(page, 'bridge-stale'))?.includes('gateway unreachable'));
      expect(await textOf(page, 'bridge-health')).toBe('OK');
    } finally {
      gateway.setAcceptingSockets(true);
    }

    await waitFor('the socket to be live again', async () => (await textOf(page, 'ws-state')) === 'live', 20_000);
    const tradesAfterReconnect = Number(await textOf(page, 'trades-WINZ26'));
    await waitFor('ticks to flow again', async () => Number(await textOf(page, 'trades-WINZ26')) > tradesAfterReconnect);
    await waitFor('the bridge status to be fresh again', async () => (await page.getByTestId('bridge-stale').count()) === 0);

    expect(nonLoopback(requested)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
