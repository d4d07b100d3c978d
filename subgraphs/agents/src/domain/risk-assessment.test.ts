import { defaultAccount, reviewed } from '../../test/builders';
import { assessRisk, stopFor, type TradeProposal, type Volatility } from './risk-assessment';

const at = new Date('2026-11-26T14:00:00Z');
const proposal = (over: Partial<TradeProposal> = {}): TradeProposal => ({ account: 'demo-trader', symbol: 'PETR4', side: 'BUY', quantity: 100, price: '38.5', stopPrice: '37', ...over });
const calm: Volatility = { interval: 'M5', atr: '0.2', bars: 200 };

describe('risk assessment', () => {
  it('LOW and approved when every orders rule passes and the stop sits outside one ATR', () => {
    const assessment = assessRisk(proposal(), reviewed(), calm, at);
    expect(assessment).toMatchObject({ riskLevel: 'LOW', approved: true, stopPrice: '37', stopDistance: '1.5' });
    expect(assessment.checks.volatility).toEqual({ passed: true, limit: '0.2', actual: '1.5', message: 'stop 37 is 1.5 away, outside one ATR(14) on M5 (0.2)' });
    expect(assessment.checks.dailyLoss).toMatchObject({ passed: true, limit: '10000', actual: '0' });
    expect(assessment.checks.positionSize).toMatchObject({ passed: true, limit: '10000', actual: '100' });
    expect(assessment.checks.tradingHours.passed).toBe(true);
    expect(assessment.rules).toHaveLength(8);
  });

  it('HIGH and refused when orders refuses, with orders’ own words', () => {
    const assessment = assessRisk(proposal(), reviewed({ DAILY_LOSS: { passed: false, actual: '10000', message: "Today's loss of 10000 BRL has reached the daily loss limit of 10000 BRL" } }), calm, at);
    expect(assessment).toMatchObject({ riskLevel: 'HIGH', approved: false, reasons: ["Today's loss of 10000 BRL has reached the daily loss limit of 10000 BRL"] });
    expect(assessment.checks.dailyLoss.passed).toBe(false);
  });

  it('refuses a stop inside one ATR: the agent’s own volatility check', () => {
    const assessment = assessRisk(proposal({ stopPrice: '38.4' }), reviewed(), { interval: 'M5', atr: '0.25', bars: 200 }, at);
    expect(assessment).toMatchObject({ approved: false, riskLevel: 'HIGH' });
    expect(assessment.checks.volatility).toMatchObject({ passed: false, limit: '0.25', actual: '0.1' });
  });

  it('proposes an ATR stop when none is given: 2 × ATR on the losing side', () => {
    expect(stopFor(proposal({ stopPrice: null }), '0.2')).toEqual({ stopPrice: '38.1', distance: '0.4', fromAtr: true });
    expect(stopFor(proposal({ stopPrice: null, side: 'SELL' }), '0.2')).toEqual({ stopPrice: '38.9', distance: '0.4', fromAtr: true });
    expect(stopFor(proposal({ stopPrice: null }), null)).toBeNull();
    const assessment = assessRisk(proposal({ stopPrice: null }), reviewed(), calm, at);
    expect(assessment).toMatchObject({ approved: true, stopPrice: '38.1', stopDistance: '0.4' });
  });

  it('MEDIUM when approved with a warning: half the daily loss used, a position near its cap, unknown or high volatility', () => {
    expect(assessRisk(proposal(), reviewed({ DAILY_LOSS: { actual: '5000' } }), calm, at).riskLevel).toBe('MEDIUM');
    expect(assessRisk(proposal(), reviewed({ MAX_POSITION: { actual: '8000' } }), calm, at).riskLevel).toBe('MEDIUM');
    const unknown = assessRisk(proposal(), reviewed(), { interval: 'M5', atr: null, bars: 4 }, at);
    expect(unknown).toMatchObject({ riskLevel: 'MEDIUM', approved: true, reasons: ['volatility unknown: too few M5 bars for ATR(14)'] });
    // ATR 1.2 on 38.5 is 3.12% of the price
    expect(assessRisk(proposal({ stopPrice: '35' }), reviewed(), { interval: 'M5', atr: '1.2', bars: 200 }, at).reasons).toEqual(['volatile: ATR(14) is 3.12% of the price']);
  });

  it('HIGH when orders would not accept the order as written (e.g. off the tick)', () => {
    const assessment = assessRisk(proposal({ price: '38.505' }), { kind: 'INVALID', issues: [{ field: 'price', rule: 'TOO_MANY_DECIMALS', message: 'has more than 2 decimals' }] }, calm, at);
    expect(assessment).toMatchObject({ riskLevel: 'HIGH', approved: false, rules: [], reasons: ['orders refused the order as written: price has more than 2 decimals (TOO_MANY_DECIMALS)'] });
    expect(assessment.checks.dailyLoss.passed).toBe(false);
  });

  it('reports a rule orders left out as not evaluated, never as passed', () => {
    const review = reviewed();
    const partial = { ...review, rules: review.kind === 'REVIEWED' ? review.rules.filter((r) => r.rule !== 'MAX_POSITION') : [], account: defaultAccount() };
    const assessment = assessRisk(proposal(), partial as typeof review, calm, at);
    expect(assessment.checks.positionSize).toMatchObject({ passed: false, message: 'not evaluated: orders did not report MAX_POSITION' });
    expect(assessment).toMatchObject({ approved: false, riskLevel: 'HIGH', reasons: ['not evaluated: orders did not report MAX_POSITION'] });
  });
});
