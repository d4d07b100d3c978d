import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { servicesRequired } from '@b3/kit/testing/require-service';
import { chromiumAvailable, launchBrowser } from '../../e2e/harness/browser';
import { type Platform, startPlatform } from '../../e2e/harness/platform';
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

/** Opens the dashboard in a new page and waits for its socket to go live, recording what the page asks for. */
async function openDashboardAt(browser: Browser, url: string): Promise<OpenedDashboard> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 520 } });
  const requested: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('websocket', (socket) => requested.push(socket.url()));
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url);
  await waitFor('the websocket to go live', async () => (await textOf(page, 'ws-state')) === 'live');
  return { page, requested, pageErrors };
}

interface DrawnCandle {
  readonly start: string;
  readonly trades: number;
  readonly closed: boolean;
}

/** The newest candle on the chart, read in one go so its start and trade count come from the same render. */
const newestCandle = (page: Page): Promise<DrawnCandle | null> =>
  page
    .getByTestId('candle')
    .evaluateAll((candles) => {
      const newest = candles[candles.length - 1];
      if (!newest) return null;
      return {
        start: newest.getAttribute('data-start') ?? '',
        trades: Number(newest.getAttribute('data-trades')),
        closed: newest.getAttribute('data-closed') === 'true',
      };
    })
    .catch(() => null);

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
    const opened = await openDashboardAt(browser, site.url);
    pages.push(opened.page);
    return opened;
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

// The fake gateway has no candles: the chart is checked against the real platform, simulator to browser.
(browserReady ? describe : describe.skip)('candle chart in a browser against the real platform', () => {
  let platform: Platform;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    // The launcher serves web/dist, so it must hold the chart before the platform starts.
    ensureBuilt();
    platform = await startPlatform();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(pages.map((p) => p.close()));
    await browser?.close();
    await platform?.stop();
  }, 30_000);

  async function openDashboard(): Promise<OpenedDashboard> {
    const opened = await openDashboardAt(browser, platform.dashboardUrl);
    pages.push(opened.page);
    return opened;
  }

  test('draws candles for the first watchlist symbol and grows the forming one as trades print', async () => {
    const { page, requested, pageErrors } = await openDashboard();
    const chart = page.getByTestId('candle-chart');
    await expect(chart.getAttribute('data-symbol')).resolves.toBe('WINZ26');
    await expect(chart.getAttribute('data-interval')).resolves.toBe('M1');
    await expect(page.getByTestId('candle-interval-M1').getAttribute('aria-pressed')).resolves.toBe('true');

    const first = await waitFor('a first WINZ26 candle', () => newestCandle(page), 30_000);
    expect(first.trades).toBeGreaterThan(0);
    expect(await textOf(page, 'candle-last-price')).toMatch(/^\d{1,3}(\.\d{3})+$/);
    await expect(page.getByTestId('candle-vwap').getAttribute('d')).resolves.toMatch(/^M[\d.]+ [\d.]+/);

    // Either the forming bar takes more trades, or the minute turns and a new bar opens after it.
    const later = await waitFor(
      'the forming candle to take another trade',
      async () => {
        const now = await newestCandle(page);
        if (!now) return null;
        const grew = now.start === first.start && now.trades > first.trades;
        const opened = Date.parse(now.start) > Date.parse(first.start);
        return grew || opened ? now : null;
      },
      30_000,
    );
    if (later.start === first.start) expect(later.trades).toBeGreaterThan(first.trades);
    await expect(page.locator('[data-testid="candle"].candle--forming').count()).resolves.toBeLessThanOrEqual(1);
    await expect(page.getByTestId('candle-error').count()).resolves.toBe(0);

    if (process.env.DASHBOARD_SCREENSHOT) await page.screenshot({ path: process.env.DASHBOARD_SCREENSHOT.replace(/(\.png)?$/, '-candles.png'), fullPage: true });

    expect(nonLoopback(requested)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  test('follows the symbol select and the interval buttons', async () => {
    const { page, pageErrors } = await openDashboard();
    const chart = page.getByTestId('candle-chart');
    await waitFor('a first candle', () => newestCandle(page), 30_000);

    await page.getByTestId('candle-symbol').selectOption('PETR4');
    await waitFor('the chart to show PETR4', async () => (await chart.getAttribute('data-symbol')) === 'PETR4');
    await waitFor('a PETR4 candle', () => newestCandle(page), 30_000);
    // Stock prices in reais with a decimal comma, never the index's thousands groups.
    await waitFor('a PETR4 last price', async () => /^\d{1,3}(,\d+)?$/.test((await textOf(page, 'candle-last-price')) ?? ''));

    await page.getByTestId('candle-interval-M5').click();
    await waitFor('the chart to show M5 bars', async () => (await chart.getAttribute('data-interval')) === 'M5');
    await expect(page.getByTestId('candle-interval-M5').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.getByTestId('candle-interval-M1').getAttribute('aria-pressed')).resolves.toBe('false');
    const m5 = await waitFor('a PETR4 M5 candle', () => newestCandle(page), 30_000);
    // An M5 bar starts on a five-minute boundary.
    expect(new Date(m5.start).getUTCMinutes() % 5).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  test("shows the gateway's error message when the candle history fails, and clears it once history loads", async () => {
    const { page, pageErrors } = await openDashboard();
    // Only the history query is failed, at the HTTP layer; everything else still reaches the real gateway.
    await page.route(platform.gatewayUrl, async (route) => {
      if (route.request().method() === 'POST' && route.request().postData()?.includes('query CandleHistory')) {
        await route.fulfill({
          status: 200,
          contentType: 'application/json',
          headers: { 'access-control-allow-origin': '*' },
          body: JSON.stringify({ data: null, errors: [{ message: 'market subgraph unavailable', extensions: { code: 'INTERNAL' } }] }),
        });
        return;
      }
      await route.continue();
    });
    await page.getByTestId('candle-interval-M15').click();
    await waitFor('the chart error', async () => (await textOf(page, 'candle-error'))?.includes('market subgraph unavailable'));
    await expect(page.getByTestId('candle-error').getAttribute('role')).resolves.toBe('alert');

    await page.unroute(platform.gatewayUrl);
    await page.getByTestId('candle-interval-M1').click();
    await waitFor('the error to clear', async () => (await page.getByTestId('candle-error').count()) === 0);
    await waitFor('candles again', () => newestCandle(page), 30_000);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  test('made no connection attempt to any non-loopback address', () => {
    expect(platform.netViolations()).toEqual([]);
  });
});
