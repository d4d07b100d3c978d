import { createLogger, ServiceCallError, ServiceUnreachableError } from '@b3/kit';
import { MarketClient } from '../src/upstream/market.client';
import { OrdersClient } from '../src/upstream/orders.client';
import { SignalsClient } from '../src/upstream/signals.client';
import { candlesFrom, previewRules } from './builders';
import { FakeServiceClient } from './fakes';

const logger = createLogger('test', 'silent');
const bars = candlesFrom([38, 38.1]);
const unknown = () => new ServiceCallError('Unknown symbol NOPE3', 'MARKET_UNKNOWN_SYMBOL', { code: 'MARKET_UNKNOWN_SYMBOL' });

describe('market client', () => {
  it('asks for several symbols in one aliased request', async () => {
    const client = new FakeServiceClient((_q, vars) => ({ c0: { candles: vars.s0 === 'PETR4' ? bars : [] }, c1: { candles: [] } }));
    const answers = await new MarketClient(client, logger).candles([
      { symbol: 'PETR4', interval: 'M5', limit: 200 },
      { symbol: 'VALE3', interval: 'M1', limit: 200 },
    ]);
    expect(answers).toEqual([bars, []]);
    expect(client.requests).toHaveLength(1);
    expect(client.requests[0].query).toContain('c1: ticker(symbol: $s1) { candles(interval: $i1, limit: $l1)');
    expect(client.requests[0].variables).toEqual({ s0: 'PETR4', i0: 'M5', l0: 200, s1: 'VALE3', i1: 'M1', l1: 200 });
  });

  it('isolates an unknown symbol: the batch is retried one by one and only it fails', async () => {
    const client = new FakeServiceClient((_q, vars) => {
      if (vars.s0 === 'NOPE3' || vars.s1 === 'NOPE3') throw unknown();
      return { c0: { candles: bars } };
    });
    const [good, bad] = await new MarketClient(client, logger).candles([
      { symbol: 'PETR4', interval: 'M5', limit: 200 },
      { symbol: 'NOPE3', interval: 'M5', limit: 200 },
    ]);
    expect(good).toEqual(bars);
    expect(bad).toMatchObject({ extensions: { code: 'AGENTS_UNKNOWN_SYMBOL', symbol: 'NOPE3' } });
    expect(client.requests).toHaveLength(3);
  });

  it('turns an unreachable market into AGENTS_UPSTREAM_UNAVAILABLE', async () => {
    const client = new FakeServiceClient(() => {
      throw new ServiceUnreachableError('connect ECONNREFUSED');
    });
    await expect(new MarketClient(client, logger).candles([{ symbol: 'PETR4', interval: 'M5', limit: 200 }])).rejects.toMatchObject({
      extensions: { code: 'AGENTS_UPSTREAM_UNAVAILABLE', service: 'market' },
    });
  });
});

describe('orders client', () => {
  const answer = {
    riskLimits: { dailyLossLimit: '10000', maxPositionPerSymbol: 10000, maxOrderQuantity: 5000, maxOrderNotional: '1000000' },
    positions: [{ symbol: 'VALE3', netQuantity: 300 }, { symbol: 'PETR4', netQuantity: -200 }],
    pnl: { daily: '-150.5' },
    riskPreview: { approved: true, checks: previewRules() },
  };

  it('asks limits, position, P&L and the preview in one request, as a LIMIT order for the named account', async () => {
    const client = new FakeServiceClient(() => answer);
    const review = await new OrdersClient(client, logger).review('demo-trader', { symbol: 'petr4', side: 'BUY', quantity: 100, price: '38.5' });
    expect(review).toEqual({ kind: 'REVIEWED', approved: true, rules: previewRules(), account: { limits: answer.riskLimits, position: -200, dailyPnl: '-150.5' } });
    expect(client.requests[0].variables).toEqual({ account: 'demo-trader', input: { account: 'demo-trader', symbol: 'petr4', side: 'BUY', type: 'LIMIT', quantity: 100, price: '38.5' } });
    expect(client.requests[0].query).toMatch(/riskPreview\(input: \$input\)/);
  });

  it("reports orders' validation problems field by field instead of failing", async () => {
    const fields = [{ field: 'quantity', rule: 'NOT_A_LOT_MULTIPLE', message: 'must be a multiple of 100' }];
    const client = new FakeServiceClient(() => {
      throw new ServiceCallError('Invalid order', 'BAD_USER_INPUT', { code: 'BAD_USER_INPUT', fields });
    });
    expect(await new OrdersClient(client, logger).review('demo-trader', { symbol: 'PETR4', side: 'BUY', quantity: 150, price: '38.5' })).toEqual({ kind: 'INVALID', issues: fields });
  });

  it('passes any other orders error on as AGENTS_UPSTREAM_FAILED with its code', async () => {
    const client = new FakeServiceClient(() => {
      throw new ServiceCallError('boom', 'INTERNAL', { code: 'INTERNAL' });
    });
    await expect(new OrdersClient(client, logger).review('x', { symbol: 'PETR4', side: 'BUY', quantity: 100, price: '38.5' })).rejects.toMatchObject({
      extensions: { code: 'AGENTS_UPSTREAM_FAILED', service: 'orders', upstreamCode: 'INTERNAL' },
    });
  });
});

describe('signals client', () => {
  const wire = { id: 'a1b2', asset: 'PETR4', side: 'BUY', entryMin: '38', entryMax: '38.5', targets: ['40'], stop: '37', status: 'OPEN', postedAt: '2026-11-26T13:30:00.000Z' };

  it('reads a signal, and an id signals cannot read as absent', async () => {
    const client = new FakeServiceClient((_q, vars) => {
      if (vars.id === 'bad') throw new ServiceCallError('not a uuid', 'BAD_USER_INPUT', { code: 'BAD_USER_INPUT' });
      return { signal: vars.id === 'a1b2' ? wire : null };
    });
    const signals = new SignalsClient(client, logger);
    expect(await signals.signal('a1b2')).toEqual({ ...wire, postedAt: new Date(wire.postedAt) });
    expect(await signals.signal('zzz')).toBeNull();
    expect(await signals.signal('bad')).toBeNull();
  });

  it('lists open signals since an instant', async () => {
    const client = new FakeServiceClient(() => ({ signals: { edges: [{ node: wire }, { node: { ...wire, id: 'odd', side: 'SHORT' } }] } }));
    const open = await new SignalsClient(client, logger).openSignals(new Date('2026-11-25T00:00:00Z'), 50);
    // a side this version does not know is dropped, not guessed
    expect(open.map((s) => s.id)).toEqual(['a1b2']);
    expect(client.requests[0].variables).toEqual({ from: '2026-11-25T00:00:00.000Z', first: 50 });
  });

  it('follows newSignals and passes (re)connections on', () => {
    const client = new FakeServiceClient(() => ({}));
    const seen: string[] = [];
    let connections = 0;
    const stop = new SignalsClient(client, logger).watch({ signal: (s) => seen.push(s.id), connected: () => connections++ });
    const sub = client.subscriptions[0];
    expect(sub.query).toMatch(/subscription AgentNewSignals \{ newSignals \{/);
    sub.handlers.connected?.();
    sub.handlers.next({ newSignals: wire });
    expect(seen).toEqual(['a1b2']);
    expect(connections).toBe(1);
    stop();
    expect(sub.active).toBe(false);
  });
});
