import { candlesFrom, line, reviewed, tradeSignal } from '../../test/builders';
import { analyzeCandles } from './market-signal';
import { decideAction } from './recommendation';
import { assessRisk } from './risk-assessment';

const at = new Date('2026-11-26T14:00:00Z');
const uptrend = analyzeCandles({ symbol: 'PETR4', interval: 'M5', candles: candlesFrom(line(80, 30, 0.1)), at });
const downtrend = analyzeCandles({ symbol: 'PETR4', interval: 'M5', candles: candlesFrom(line(80, 40, -0.1)), at });
const flat = analyzeCandles({ symbol: 'PETR4', interval: 'M5', candles: candlesFrom(Array(80).fill(38.5), { spread: 0 }), at });
const proposal = { account: 'demo-trader', symbol: 'PETR4', side: 'BUY' as const, quantity: 600, price: '38.5', stopPrice: '37' };
const approved = assessRisk(proposal, reviewed(), { interval: 'M5', atr: '0.3', bars: 80 }, at);
const refused = assessRisk(proposal, reviewed({ KILL_SWITCH: { passed: false, actual: 'active', message: 'The kill switch is active' } }), { interval: 'M5', atr: '0.3', bars: 80 }, at);
const sizing = { quantity: 600, riskBudget: '1000', limitedBy: 'RISK_BUDGET' as const, reason: 'risk budget 1000 BRL ÷ (stop 1.5 × multiplier 1) = 666: 600 in lots of 100' };

describe('orchestrator decision', () => {
  it('TAKE: open signal, risk approves, a size fits, the analysis agrees with HIGH confidence', () => {
    const decision = decideAction({ signal: tradeSignal(), analysis: uptrend, assessment: approved, sizing });
    expect(decision.action).toBe('TAKE');
    expect(decision.reasons[0]).toBe('analysis BUY with HIGH confidence (1) on M5 agrees with the BUY signal');
  });

  it('SKIP when risk refuses, whatever the analysis says', () => {
    expect(decideAction({ signal: tradeSignal(), analysis: uptrend, assessment: refused, sizing })).toEqual({
      action: 'SKIP',
      reasons: ['risk HIGH: not approved', 'The kill switch is active'],
    });
  });

  it('SKIP when the analysis points the other way with conviction', () => {
    expect(decideAction({ signal: tradeSignal(), analysis: downtrend, assessment: approved, sizing }).action).toBe('SKIP');
  });

  it('SKIP when not even one lot fits, or the signal is no longer open', () => {
    expect(decideAction({ signal: tradeSignal(), analysis: uptrend, assessment: approved, sizing: { ...sizing, quantity: 0 } }).action).toBe('SKIP');
    expect(decideAction({ signal: tradeSignal({ status: 'STOPPED' }), analysis: uptrend, assessment: approved, sizing }).reasons).toEqual(['the signal is STOPPED, no longer open']);
  });

  it('WATCH when the market does not confirm the signal', () => {
    const decision = decideAction({ signal: tradeSignal(), analysis: flat, assessment: approved, sizing });
    expect(decision.action).toBe('WATCH');
    expect(decision.reasons[0]).toMatch(/no confirmation of the BUY signal$/);
  });
});
