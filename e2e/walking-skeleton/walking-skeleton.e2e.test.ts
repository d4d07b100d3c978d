import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { chromiumAvailable, launchBrowser } from '../harness/browser';
import { eventually, gql, type Platform, startPlatform } from '../harness/platform';
import { servicesRequired } from '../../kit/src/testing/require-service';

/**
 * The whole platform as a user runs it: simulator → bridge → bus → market store → gateway
 * subscription → browser, a cross-subgraph query, auth at the edge, and crash recovery.
 */
describe('walking skeleton', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform();
    // eslint-disable-next-line no-console
    console.log(`platform healthy after ${platform.startSeconds.toFixed(1)} s`);
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  }, 30_000);

  /** A category the migration seeds, so a new user can file an idea at once. */
  const categoryId = async (slug = 'analise'): Promise<string> => {
    const r = await gql<{ ideaCategories: Array<{ id: string; slug: string }> }>(platform.gatewayUrl, '{ ideaCategories { id slug } }');
    return r.data!.ideaCategories.find((c) => c.slug === slug)!.id;
  };

  it('answers the cross-subgraph query: ideas with live prices from market', async () => {
    const created = await gql(
      platform.gatewayUrl,
      'mutation($i: CreateIdeaInput!) { createIdea(input: $i) { id } }',
      { i: { title: 'Long WINZ26 into the close', description: 'Fechamento forte', categoryId: await categoryId(), ticker: 'WINZ26', tags: ['intraday'] } },
      platform.traderToken,
    );
    expect(created.errors).toBeUndefined();
    type IdeaView = { title: string; ticker: { symbol: string; lastTrade: { price: string; time: string } | null } };
    const result = await eventually(async () => {
      const r = await gql<{ ideas: { nodes: IdeaView[] } }>(platform.gatewayUrl, '{ ideas { nodes { title ticker { symbol lastTrade { price time } } } } }');
      return r.data?.ideas.nodes[0]?.ticker.lastTrade ? r : undefined;
    }, 20_000, 'an idea with a last trade');
    expect(result.errors).toBeUndefined();
    const idea = result.data!.ideas.nodes[0];
    expect(idea.title).toBe('Long WINZ26 into the close');
    expect(idea.ticker.symbol).toBe('WINZ26');
    expect(idea.ticker.lastTrade!.price).toMatch(/^\d+(\.\d+)?$/);
    expect(Number(idea.ticker.lastTrade!.price) % 5).toBe(0); // WIN trades on 5-point ticks
    expect(Date.parse(idea.ticker.lastTrade!.time)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('streams at least 3 ticks through the gateway subscription', async () => {
    const client = createClient({ url: platform.gatewayWsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    const ticks: Array<{ symbol: string; price: string }> = [];
    try {
      const iterator = client.iterate<{ ticks: { symbol: string; price: string; time: string } }>({
        query: 'subscription { ticks(symbols: ["WINZ26", "PETR4", "VALE3", "WDOZ26"]) { symbol price time } }',
      });
      const deadline = setTimeout(() => void iterator.return?.(), 20_000);
      for await (const event of iterator) {
        expect(event.errors).toBeUndefined();
        ticks.push(event.data!.ticks);
        if (ticks.length >= 3) break;
      }
      clearTimeout(deadline);
    } finally {
      await client.dispose();
    }
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const tick of ticks) expect(['WINZ26', 'PETR4', 'VALE3', 'WDOZ26']).toContain(tick.symbol);
  });

  it('answers a ticker with its last trade, candles, quote and daily stats from the live simulator', async () => {
    type TickerView = {
      lastTrade: { price: string } | null;
      candles: Array<{ open: string; close: string; vwap: string; volume: number; closed: boolean }>;
      quote: { bid: { price: string } | null; ask: { price: string } | null } | null;
      dailyStats: { last: string; volume: number } | null;
    };
    const result = await eventually(async () => {
      const r = await gql<{ ticker: TickerView }>(
        platform.gatewayUrl,
        '{ ticker(symbol: "PETR4") { lastTrade { price } candles(interval: M1) { open close vwap volume closed } quote { bid { price } ask { price } } dailyStats { last volume } } }',
      );
      const t = r.data?.ticker;
      return t?.lastTrade && t.candles.length > 0 && t.quote?.bid && t.quote.ask && t.dailyStats ? r : undefined;
    }, 20_000, 'PETR4 with a trade, a candle, a quote and daily stats');
    expect(result.errors).toBeUndefined();
    const ticker = result.data!.ticker;
    const bar = ticker.candles[ticker.candles.length - 1];
    for (const price of [bar.open, bar.close, bar.vwap]) expect(price).toMatch(/^\d+(\.\d{1,4})?$/);
    expect(bar.volume).toBeGreaterThan(0);
    expect(Number(ticker.quote!.bid!.price)).toBeLessThanOrEqual(Number(ticker.quote!.ask!.price));
  });

  it('streams forming-bar updates of a candles subscription through the gateway', async () => {
    const client = createClient({ url: platform.gatewayWsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    const updates: Array<{ start: string; volume: number; trades: number; closed: boolean }> = [];
    try {
      const iterator = client.iterate<{ candles: { start: string; volume: number; trades: number; closed: boolean } }>({
        query: 'subscription { candles(symbol: "WINZ26", interval: M1) { start volume trades closed } }',
      });
      const deadline = setTimeout(() => void iterator.return?.(), 20_000);
      for await (const event of iterator) {
        expect(event.errors).toBeUndefined();
        updates.push(event.data!.candles);
        if (updates.filter((u) => !u.closed).length >= 3) break;
      }
      clearTimeout(deadline);
    } finally {
      await client.dispose();
    }
    const forming = updates.filter((u) => !u.closed);
    expect(forming.length).toBeGreaterThanOrEqual(3);
    // within one bar the trade count only grows
    const sameBar = forming.filter((u) => u.start === forming[forming.length - 1].start);
    for (let i = 1; i < sameBar.length; i++) expect(sameBar[i].trades).toBeGreaterThan(sameBar[i - 1].trades);
  });

  it('serves the bundled B3 sample data and gamma levels computed from its options chain', async () => {
    const result = await gql<{ gammaLevels: { callWall: string; putWall: string; strikes: Array<{ strike: string }> }; b3Indicator: { value: string } | null }>(
      platform.gatewayUrl,
      '{ gammaLevels(underlying: "BOVA11") { callWall putWall strikes { strike } } b3Indicator(name: "SELIC") { value } }',
    );
    expect(result.errors).toBeUndefined();
    const strikes = result.data!.gammaLevels.strikes.map((s) => s.strike);
    expect(strikes).toContain(result.data!.gammaLevels.callWall);
    expect(strikes).toContain(result.data!.gammaLevels.putWall);
    expect(result.data!.b3Indicator?.value).toMatch(/^\d+(\.\d+)?$/);
    const bad = await gql(platform.gatewayUrl, '{ b3Snapshot(instrument: "DI1", contractMonth: "F2027") { settlementPrice } }');
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contractMonth' });
  });

  it('refuses mutations without a token, forbids viewers, and rejects bad input without a 500', async () => {
    const mutation = 'mutation($i: CreateIdeaInput!) { createIdea(input: $i) { id } }';
    const category = await categoryId();
    const input = { i: { title: 'Short PETR4', description: 'Resistência em 40', categoryId: category, ticker: 'PETR4' } };
    const anonymous = await gql(platform.gatewayUrl, mutation, input);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const viewer = await gql(platform.gatewayUrl, mutation, input, platform.viewerToken);
    expect(viewer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await gql(platform.gatewayUrl, mutation, { i: { title: '', description: 'd', categoryId: category, ticker: '??' } }, platform.traderToken);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    const badType = await gql(platform.gatewayUrl, '{ ideas(first: "many") { totalCount } }');
    expect(badType.errors?.[0].extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    const forged = await gql(platform.gatewayUrl, mutation, input, 'not-a-jwt');
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    for (const r of [anonymous, viewer, bad, badType, forged]) {
      expect(r.httpStatus).toBeLessThan(500);
      expect(JSON.stringify(r)).not.toMatch(/stacktrace|\bat .+\.js:\d+/);
    }
    const after = await gql<{ ideas: { nodes: Array<{ title: string }> } }>(platform.gatewayUrl, '{ ideas(filter: { ticker: "PETR4" }) { nodes { title } } }');
    expect(after.data?.ideas.nodes).toEqual([]);
  });

  it('serves an offline GraphQL IDE at /graphql', async () => {
    const response = await fetch(platform.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/);
  });

  it('reports platform status through the gateway', async () => {
    const r = await gql<{ platformStatus: { overall: string; services: Array<{ name: string; status: string }> } }>(
      platform.gatewayUrl,
      '{ platformStatus { overall services { name status } } }',
    );
    expect(r.errors).toBeUndefined();
    const names = r.data!.platformStatus.services.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['gateway', 'market', 'ideas', 'bridge']));
    expect(r.data!.platformStatus.services.find((s) => s.name === 'market')?.status).toBe('OK');
  });

  (chromiumAvailable() || servicesRequired() ? it : it.skip)('shows prices changing on the dashboard in headless Chromium', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const external: string[] = [];
      page.on('request', (req) => {
        const host = new URL(req.url()).hostname;
        if (!['127.0.0.1', 'localhost', '::1'].includes(host) && !req.url().startsWith('data:')) external.push(req.url());
      });
      await page.goto(platform.dashboardUrl);
      const priceOf = async (symbol: string) => (await page.textContent(`[data-testid="price-${symbol}"]`))?.trim() ?? '';
      const seen = new Map<string, Set<string>>();
      await eventually(async () => {
        for (const symbol of ['WINZ26', 'WDOZ26', 'PETR4', 'VALE3']) {
          const price = await priceOf(symbol);
          if (/\d/.test(price)) seen.set(symbol, (seen.get(symbol) ?? new Set()).add(price));
        }
        const changing = [...seen.values()].filter((prices) => prices.size >= 2).length;
        return changing >= 2 ? changing : undefined;
      }, 30_000, 'two symbols whose price changes on the page');
      expect(await page.textContent('[data-testid="ws-state"]')).toContain('live');
      expect(external).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('restarts a killed subgraph while the others keep answering', async () => {
    const before = await platform.status();
    const signals = before.find((s) => s.name === 'signals')!;
    expect(signals.pid).toBeGreaterThan(0);
    process.kill(signals.pid!, 'SIGKILL');
    await eventually(async () => ((await platform.status()).find((s) => s.name === 'signals')?.status === 'DOWN' ? true : undefined), 10_000, 'signals reported DOWN');
    const meanwhile = await gql<{ ideas: { nodes: unknown[] } }>(platform.gatewayUrl, '{ ideas { nodes { title ticker { lastTrade { price } } } } }');
    expect(meanwhile.errors).toBeUndefined();
    const restarted = await eventually(async () => {
      const s = (await platform.status()).find((x) => x.name === 'signals');
      return s && s.status === 'OK' && s.pid !== signals.pid ? s : undefined;
    }, 30_000, 'signals restarted');
    expect(restarted.restarts).toBeGreaterThanOrEqual(1);
    const again = await gql(platform.gatewayUrl, '{ signals { totalCount } }');
    expect(again.errors).toBeUndefined();
  }, 60_000);

  it('made no connection attempt to any non-loopback address', () => {
    expect(platform.netViolations()).toEqual([]);
  });
});
