import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { servicesRequired } from '@b3/kit/testing/require-service';
import { chromiumAvailable, launchBrowser } from '../../e2e/harness/browser';
import { startFakeGateway, type FakeGateway } from './fakeGateway';
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

    if (process.env.DASHBOARD_SCREENSHOT) await page.screenshot({ path: process.env.DASHBOARD_SCREENSHOT });

    expect(requested.some((url) => url.startsWith(gateway.wsUrl))).toBe(true);
    expect(nonLoopback(requested)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  test('shows the socket reconnecting while the gateway refuses it, then resumes live prices', async () => {
    const { page, requested, pageErrors } = await openDashboard();
    await waitFor('a first tick', async () => Number(await textOf(page, 'trades-WINZ26')) > 0);

    gateway.setAcceptingSockets(false);
    try {
      gateway.dropSockets();
      await waitFor('the socket state to show reconnecting', async () => (await textOf(page, 'ws-state')) === 'reconnecting');
    } finally {
      gateway.setAcceptingSockets(true);
    }

    await waitFor('the socket to be live again', async () => (await textOf(page, 'ws-state')) === 'live', 20_000);
    const tradesAfterReconnect = Number(await textOf(page, 'trades-WINZ26'));
    await waitFor('ticks to flow again', async () => Number(await textOf(page, 'trades-WINZ26')) > tradesAfterReconnect);

    expect(nonLoopback(requested)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
