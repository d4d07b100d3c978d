import { candlesFrom, line, reviewed } from '../../test/builders';
import { FakeDesk, FakeMarket } from '../../test/fakes';
import { AgentMetrics } from './agent-metrics';
import { MarketAnalysisAgent } from './market-analysis.agent';
import { RiskManagementAgent } from './risk-management.agent';

const at = new Date('2026-11-26T15:00:00Z');
// 80 bars rising 0.1 with highs and lows 0.1 around: ATR(14) = 0.3
const market = () => new FakeMarket({ PETR4: candlesFrom(line(80, 30, 0.1)), WINZ26: candlesFrom(line(80, 125000, 5), { spread: 20 }) });

function agents(desk = new FakeDesk()) {
  const metrics = new AgentMetrics(() => 'DISABLED');
  const analysis = new MarketAnalysisAgent(market(), { clock: () => at });
  return { desk, metrics, analysis, risk: new RiskManagementAgent(desk, analysis, { riskPerTradePct: '10', clock: () => at, metrics }) };
}

const trade = { account: 'demo-trader', symbol: 'PETR4', side: 'BUY' as const, quantity: 100, price: '38.50', stopPrice: '37', interval: 'M5' as const };

describe('risk management agent', () => {
  it('asks orders about the trade as given and adds the ATR check', async () => {
    const { risk, desk, metrics } = agents();
    const assessment = await risk.assess(trade);
    expect(desk.calls).toEqual([{ account: 'demo-trader', order: { symbol: 'PETR4', side: 'BUY', quantity: 100, price: '38.5' } }]);
    expect(assessment).toMatchObject({ approved: true, riskLevel: 'LOW', stopDistance: '1.5', proposal: { price: '38.5' } });
    expect(assessment.checks.volatility).toMatchObject({ passed: true, limit: '0.3', actual: '1.5' });
    expect(await metrics.count('risk_management', 'APPROVED')).toBe(1);
  });

  it('names every input problem at once, before asking anyone', async () => {
    const { risk, desk } = agents();
    await expect(risk.assess({ ...trade, quantity: 0, price: '-1', stopPrice: 'x' })).rejects.toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [
          { field: 'quantity', rule: 'OUT_OF_RANGE' },
          { field: 'price', rule: 'MALFORMED' },
          { field: 'stopPrice', rule: 'MALFORMED' },
        ].map((f) => expect.objectContaining(f)),
      },
    });
    await expect(risk.assess({ ...trade, stopPrice: '39' })).rejects.toMatchObject({ extensions: { fields: [expect.objectContaining({ field: 'stopPrice', rule: 'WRONG_SIDE' })] } });
    expect(desk.calls).toHaveLength(0);
  });

  it("passes orders' own validation problems back to the caller", async () => {
    const { risk } = agents(new FakeDesk(() => ({ kind: 'INVALID', issues: [{ field: 'quantity', rule: 'NOT_A_LOT_MULTIPLE', message: 'must be a multiple of 100' }] })));
    await expect(risk.assess({ ...trade, quantity: 150 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ rule: 'NOT_A_LOT_MULTIPLE' })] } });
  });

  it('plans a signal trade: a one-lot probe, sizing from the limits and the stop, then a review of the sized order', async () => {
    const { risk, desk, analysis } = agents();
    const reading = await analysis.analyze('PETR4', 'M5');
    const { assessment, sizing } = await risk.plan({ account: 'demo-trader', symbol: 'PETR4', side: 'BUY', price: '38.5', stopPrice: '37' }, reading);
    // 1000 BRL budget / (1.5 × 1) = 666 → 600
    expect(sizing).toMatchObject({ quantity: 600, limitedBy: 'RISK_BUDGET' });
    expect(desk.calls.map((c) => c.order.quantity)).toEqual([100, 600]);
    expect(assessment).toMatchObject({ approved: true, proposal: { quantity: 600 } });
  });

  it('sizes a future in contracts with the multiplier read from orders (WIN: 0.2 BRL a point)', async () => {
    const desk = new FakeDesk((_a, order) => reviewed({ MAX_ORDER_NOTIONAL: { actual: String(Number(order.price) * order.quantity * 0.2) } }));
    const { risk, analysis } = agents(desk);
    const reading = await analysis.analyze('WINZ26', 'M5');
    // no stop given: 2 × ATR; ATR = bar span 5 + 2·20 = 45 → stop distance 90; 1000 / (90 × 0.2) = 55.5 → 55,
    // but one contract is 125400 × 0.2 = 25080 BRL of notional: 1,000,000 / 25080 = 39.9 → 39 binds first
    const { sizing, assessment } = await risk.plan({ account: 'demo-trader', symbol: 'WINZ26', side: 'BUY', price: '125400', stopPrice: null }, reading);
    expect(reading.indicators.atr).toBe('45');
    expect(sizing).toMatchObject({ quantity: 39, limitedBy: 'MAX_ORDER_NOTIONAL' });
    expect(assessment).toMatchObject({ stopPrice: '125310', stopDistance: '90' });
  });

  it('keeps the one-lot answer when orders refuses the signal’s order as written', async () => {
    const desk = new FakeDesk(() => ({ kind: 'INVALID', issues: [{ field: 'price', rule: 'OFF_TICK', message: 'must be on the 5-point tick' }] }));
    const { risk, analysis } = agents(desk);
    const reading = await analysis.analyze('WINZ26', 'M5');
    const { assessment, sizing } = await risk.plan({ account: 'demo-trader', symbol: 'WINZ26', side: 'BUY', price: '125401', stopPrice: null }, reading);
    expect(sizing).toBeNull();
    expect(assessment).toMatchObject({ approved: false, riskLevel: 'HIGH', proposal: { quantity: 1 } });
    expect(desk.calls).toHaveLength(1);
  });
});
