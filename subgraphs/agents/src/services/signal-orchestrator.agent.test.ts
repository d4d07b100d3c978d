import { createLogger } from '@b3/kit';
import { candlesFrom, line, reviewed, tradeSignal } from '../../test/builders';
import { FakeDesk, FakeMarket, FakeSignalFeed, MemoryRecommendationStore } from '../../test/fakes';
import type { Recommendation } from '../domain/recommendation';
import { AgentMetrics } from './agent-metrics';
import { MarketAnalysisAgent } from './market-analysis.agent';
import { RecommendationEvents } from './recommendation-events';
import { RiskManagementAgent } from './risk-management.agent';
import { AUTOMATIC_REQUESTER, SignalOrchestratorAgent } from './signal-orchestrator.agent';

const THURSDAY_11AM = new Date('2026-11-26T14:00:00Z');
const SATURDAY = new Date('2026-11-28T14:00:00Z');

function setup(options: { now?: Date; desk?: FakeDesk } = {}) {
  let now = options.now ?? THURSDAY_11AM;
  const clock = () => now;
  const market = new FakeMarket({ PETR4: candlesFrom(line(80, 30, 0.1)), VALE3: candlesFrom(Array(80).fill(60), { spread: 0.05 }) });
  const desk = options.desk ?? new FakeDesk();
  const feed = new FakeSignalFeed();
  const store = new MemoryRecommendationStore();
  const events = new RecommendationEvents();
  const metrics = new AgentMetrics(() => 'DISABLED');
  const analysis = new MarketAnalysisAgent(market, { clock, metrics });
  const risk = new RiskManagementAgent(desk, analysis, { riskPerTradePct: '10', clock, metrics });
  const orchestrator = new SignalOrchestratorAgent(
    { analysis, risk, signals: feed, store, events },
    { account: 'demo-trader', interval: 'M5', scheduleMinutes: 15, followSignals: true, logger: createLogger('test', 'silent'), metrics, clock },
  );
  return { orchestrator, market, desk, feed, store, events, metrics, setNow: (d: Date) => (now = d) };
}

async function first<T>(iterator: AsyncIterableIterator<T>): Promise<T> {
  const { value } = await iterator.next();
  await iterator.return?.();
  return value as T;
}

describe('signal orchestrator', () => {
  const open: SignalOrchestratorAgent[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((o) => o.close()));
  });

  it('turns a new signal into a stored, published TAKE for the configured account', async () => {
    const { orchestrator, feed, store, events, metrics } = setup();
    open.push(orchestrator);
    const published = first(events.watch('demo-trader'));
    orchestrator.start();
    feed.emit(tradeSignal());
    await orchestrator.settled();
    const recommendation: Recommendation = await published;
    expect(recommendation).toMatchObject({
      signalId: tradeSignal().id,
      account: 'demo-trader',
      symbol: 'PETR4',
      side: 'BUY',
      interval: 'M5',
      trigger: 'NEW_SIGNAL',
      action: 'TAKE',
      suggestedQuantity: 600,
      requestedBy: AUTOMATIC_REQUESTER,
      createdAt: THURSDAY_11AM,
    });
    expect(recommendation.analysis.direction).toBe('BUY');
    expect(recommendation.assessment).toMatchObject({ approved: true, proposal: { quantity: 600, price: '38.5', stopPrice: '37' } });
    expect(store.rows).toEqual([recommendation]);
    expect(await metrics.count('signal_orchestrator', 'TAKE')).toBe(1);
  });

  it('SKIPs with a zero quantity when orders refuses', async () => {
    const desk = new FakeDesk(() => reviewed({ KILL_SWITCH: { passed: false, actual: 'active', message: 'The kill switch is active' } }));
    const { orchestrator } = setup({ desk });
    const r = await orchestrator.recommend(tradeSignal(), 'demo-trader', 'ON_DEMAND', 'u-1');
    expect(r).toMatchObject({ action: 'SKIP', suggestedQuantity: 0, reasons: ['risk HIGH: not approved', 'The kill switch is active'] });
  });

  it('WATCHes a signal the market does not confirm', async () => {
    const { orchestrator } = setup();
    const r = await orchestrator.recommend(tradeSignal({ asset: 'VALE3', entryMin: '60', entryMax: '60', stop: '58' }), 'demo-trader', 'ON_DEMAND', 'u-1');
    expect(r.analysis.direction).toBe('HOLD');
    expect(r.action).toBe('WATCH');
    expect(r.suggestedQuantity).toBeGreaterThan(0);
  });

  it('orchestrates on demand by signal id, for the account asked; an unknown id is AGENTS_SIGNAL_NOT_FOUND', async () => {
    const { orchestrator, feed } = setup();
    feed.signals.push(tradeSignal());
    const r = await orchestrator.orchestrate(tradeSignal().id, 'someone', 'someone', 'M1');
    expect(r).toMatchObject({ account: 'someone', trigger: 'ON_DEMAND', requestedBy: 'someone', interval: 'M1' });
    await expect(orchestrator.orchestrate('nope', 'someone', 'someone')).rejects.toMatchObject({ extensions: { code: 'AGENTS_SIGNAL_NOT_FOUND' } });
  });

  it('reviews open signals on schedule only within 10:00–18:00 São Paulo on weekdays', async () => {
    const { orchestrator, feed, store, setNow } = setup();
    feed.signals.push(tradeSignal(), tradeSignal({ id: 'b2', status: 'STOPPED' }));
    expect(await orchestrator.runSchedule()).toBe(1);
    await orchestrator.settled();
    expect(store.rows.map((r) => [r.signalId, r.trigger])).toEqual([[tradeSignal().id, 'SCHEDULE']]);
    setNow(SATURDAY);
    expect(await orchestrator.runSchedule()).toBe(0);
  });

  it('catches up on connection with the open signals that have no recommendation yet', async () => {
    const { orchestrator, feed, store } = setup();
    open.push(orchestrator);
    feed.signals.push(tradeSignal({ id: 'seen' }), tradeSignal({ id: 'missed' }));
    await orchestrator.recommend(tradeSignal({ id: 'seen' }), 'demo-trader', 'NEW_SIGNAL', AUTOMATIC_REQUESTER);
    orchestrator.start();
    feed.reconnect();
    await orchestrator.settled();
    expect(store.rows.map((r) => r.signalId)).toEqual(['seen', 'missed']);
  });

  it('keeps going after an upstream failure, storing nothing half-made', async () => {
    const { orchestrator, feed, store, market } = setup();
    open.push(orchestrator);
    orchestrator.start();
    market.down = true;
    feed.emit(tradeSignal({ id: 'first' }));
    await orchestrator.settled();
    market.down = false;
    feed.emit(tradeSignal({ id: 'second' }));
    await orchestrator.settled();
    expect(store.rows.map((r) => r.signalId)).toEqual(['second']);
  });

  it('stops following and drops queued work once closed', async () => {
    const { orchestrator, feed, store } = setup();
    orchestrator.start();
    await orchestrator.close();
    expect(feed.watchers.size).toBe(0);
    feed.emit(tradeSignal());
    await orchestrator.settled();
    expect(store.rows).toHaveLength(0);
  });

  it('arms the schedule on the clock and runs a pass when it fires', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-26T14:07:00Z') });
    try {
      const { orchestrator, feed, store, setNow } = setup({ now: new Date('2026-11-26T14:07:00Z') });
      feed.signals.push(tradeSignal());
      orchestrator.start();
      setNow(new Date('2026-11-26T14:15:00Z'));
      await jest.advanceTimersByTimeAsync(8 * 60_000);
      await orchestrator.settled();
      expect(store.rows.map((r) => r.trigger)).toEqual(['SCHEDULE']);
      await orchestrator.close();
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
