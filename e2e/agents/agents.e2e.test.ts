import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually, gql, type Platform, startPlatform } from '../harness/platform';

/**
 * The agents against the running platform (simulator feeding live ticks): `Ticker.analysis` joins market's
 * Ticker through the gateway, and a Telegram signal posted to the gateway's webhook becomes a
 * recommendation on `recommendationCreated` (for the launcher's dev trader, the default AGENTS_ACCOUNT),
 * with orders' pre-trade rules in its assessment and the signal joined back from the signals subgraph.
 */
interface RecommendationEvent {
  id: string;
  account: string;
  action: string;
  trigger: string;
  suggestedQuantity: number;
  signal: { id: string; asset: string; side: string };
  analysis: { direction: string; confidence: number; reasons: string[] };
  assessment: { riskLevel: string; approved: boolean; rules: Array<{ rule: string }> };
}

const RECOMMENDATION_FIELDS = `id account action trigger suggestedQuantity signal { id asset side }
  analysis { direction confidence reasons } assessment { riskLevel approved rules { rule } }`;

const update = (updateId: number, messageId: number, text: string) => ({
  update_id: updateId,
  channel_post: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: -1001777666555, type: 'channel', title: 'Sinais Agentes', username: 'sinais_agentes' }, text },
});

describe('agents through the gateway', () => {
  let platform: Platform;
  let ws: Client;

  beforeAll(async () => {
    platform = await startPlatform();
    ws = createClient({ url: platform.gatewayWsUrl, webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${platform.traderToken}` }, retryAttempts: 0 });
  }, 180_000);

  afterAll(async () => {
    await ws?.dispose();
    await platform?.stop();
  }, 30_000);

  it('analyses PETR4 from the live M1 bars: Ticker.analysis resolves through the gateway', async () => {
    const analysis = await eventually(async () => {
      const r = await gql<{ ticker: { lastTrade: { price: string } | null; analysis: { direction: string; confidence: number; reasons: string[]; price: string | null } } }>(
        platform.gatewayUrl,
        '{ ticker(symbol: "PETR4") { lastTrade { price } analysis(interval: M1) { direction confidence reasons price } } }',
        {},
        platform.viewerToken,
      );
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      // wait for the simulator's first PETR4 print, so the analysis has a bar to read
      return r.data?.ticker.analysis.price ? r.data.ticker.analysis : undefined;
    }, 30_000, 'an analysis of PETR4 with a price');
    expect(['BUY', 'SELL', 'HOLD']).toContain(analysis.direction);
    expect(analysis.confidence).toBeGreaterThanOrEqual(0);
    expect(analysis.confidence).toBeLessThanOrEqual(1);
    expect(analysis.reasons).toHaveLength(6);
    expect(analysis.reasons.join('\n')).toMatch(/RSI\(14\)[\s\S]*VWAP/);

    // signed out: the analysis is refused, the market fields are not
    const anonymous = await gql<{ ticker: { symbol: string; analysis: unknown } }>(platform.gatewayUrl, '{ ticker(symbol: "PETR4") { symbol analysis { direction } } }');
    expect(anonymous.data?.ticker).toEqual({ symbol: 'PETR4', analysis: null });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('turns a webhook-posted signal into a recommendation on recommendationCreated, joined with the signal', async () => {
    const received: RecommendationEvent[] = [];
    const iterator = ws.iterate<{ recommendationCreated: RecommendationEvent }>({ query: `subscription { recommendationCreated { ${RECOMMENDATION_FIELDS} } }` });
    const first = iterator.next().then((r) => {
      if (r.value?.errors) throw new Error(JSON.stringify(r.value.errors));
      received.push(r.value.data!.recommendationCreated);
    });
    // the upstream subscription opens once the gateway has planned it: post until a recommendation comes
    let n = 0;
    while (received.length === 0 && n < 20) {
      n++;
      const response = await fetch(`${platform.gatewayOrigin}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': platform.telegramWebhookSecret },
        body: JSON.stringify(update(2000 + n, 700 + n, `🟢 COMPRA PETR4\nEntrada: 38,${String(10 + n)}\nAlvo 1: 40,00\nStop: 37,00`)),
      });
      expect(response.status).toBe(200);
      await Promise.race([first, new Promise((r) => setTimeout(r, 1_500))]);
    }
    await iterator.return?.();
    const recommendation = received[0];
    expect(recommendation).toBeDefined();
    expect(recommendation).toMatchObject({ account: 'demo-trader', trigger: 'NEW_SIGNAL', signal: { asset: 'PETR4', side: 'BUY' } });
    expect(['TAKE', 'WATCH', 'SKIP']).toContain(recommendation.action);
    expect(recommendation.suggestedQuantity % 100).toBe(0);
    // orders answered: every pre-trade rule is in the assessment
    expect(recommendation.assessment.rules.map((r) => r.rule)).toEqual(['TRADING_HOURS', 'KILL_SWITCH', 'DAILY_LOSS', 'MAX_POSITION', 'MAX_ORDER_QUANTITY', 'MAX_ORDER_NOTIONAL', 'PRICE_BAND', 'ORDER_RATE']);

    // the decision is stored and extends signals' Signal through the gateway
    const joined = await gql<{ signals: { edges: Array<{ node: { id: string; recommendation: { id: string; action: string } | null; assessment: { riskLevel: string } | null } }> } }>(
      platform.gatewayUrl,
      '{ signals(asset: "PETR4", first: 50) { edges { node { id recommendation { id action } assessment { riskLevel } } } } }',
      {},
      platform.traderToken,
    );
    expect(joined.errors).toBeUndefined();
    const node = joined.data!.signals.edges.find((e) => e.node.id === recommendation.signal.id)?.node;
    expect(node?.recommendation).toEqual({ id: recommendation.id, action: recommendation.action });
    expect(node?.assessment).toEqual({ riskLevel: recommendation.assessment.riskLevel });
    const history = await gql<{ recommendations: { edges: Array<{ node: { id: string } }> } }>(
      platform.gatewayUrl,
      '{ recommendations(filter: { symbol: "PETR4" }, first: 50) { edges { node { id } } } }',
      {},
      platform.traderToken,
    );
    expect(history.data?.recommendations.edges.map((e) => e.node.id)).toContain(recommendation.id);
  });

  it('reports its upstreams on the detailed health check', async () => {
    const report = (await (await fetch(platform.subgraphUrl('agents').replace('/graphql', '/health?detailed=true'))).json()) as { checks: Array<{ name: string; status: string }> };
    const status = Object.fromEntries(report.checks.map((c) => [c.name, c.status]));
    expect(status).toMatchObject({ 'upstream:market': 'OK', 'upstream:orders': 'OK', 'upstream:signals': 'OK', 'llm-breaker': 'OK' });
  });

  it('made no connection attempt to any non-loopback address', () => {
    expect(platform.netViolations()).toEqual([]);
  });
});
