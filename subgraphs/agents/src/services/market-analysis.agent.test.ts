import { candlesFrom, line } from '../../test/builders';
import { FakeMarket } from '../../test/fakes';
import { AgentMetrics } from './agent-metrics';
import { CANDLE_WINDOW, MarketAnalysisAgent } from './market-analysis.agent';

const at = new Date('2026-11-26T15:00:00Z');

describe('market analysis agent', () => {
  it('reads the latest bars and counts its decision', async () => {
    const market = new FakeMarket({ PETR4: candlesFrom(line(80, 30, 0.1)) });
    const metrics = new AgentMetrics(() => 'DISABLED');
    const signal = await new MarketAnalysisAgent(market, { clock: () => at, metrics }).analyze(' petr4 ', 'M5');
    expect(signal).toMatchObject({ symbol: 'PETR4', interval: 'M5', direction: 'BUY', confidenceLabel: 'HIGH', generatedAt: at });
    expect(market.calls).toEqual([[{ symbol: 'PETR4', interval: 'M5', limit: CANDLE_WINDOW }]]);
    expect(await metrics.count('market_analysis', 'BUY')).toBe(1);
  });

  it('analyses many keys in one market call; an unknown symbol fails only its own', async () => {
    const market = new FakeMarket({ PETR4: candlesFrom(line(80, 30, 0.1)), VALE3: candlesFrom(Array(80).fill(60), { spread: 0 }) });
    const results = await new MarketAnalysisAgent(market, { clock: () => at }).analyzeMany([
      { symbol: 'PETR4', interval: 'M1' },
      { symbol: 'NOPE3', interval: 'M1' },
      { symbol: 'VALE3', interval: 'M1' },
    ]);
    expect(market.calls).toHaveLength(1);
    expect(results.map((r) => (r instanceof Error ? (r as { extensions?: { code?: string } }).extensions?.code : r.direction))).toEqual(['BUY', 'AGENTS_UNKNOWN_SYMBOL', 'HOLD']);
  });

  it('refuses something that is not a ticker before calling the market', async () => {
    const market = new FakeMarket();
    await expect(new MarketAnalysisAgent(market).analyze('PETR4; DROP', 'M5')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'symbol' } });
    expect(market.calls).toHaveLength(0);
  });
});
