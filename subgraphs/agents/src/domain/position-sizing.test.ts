import type { AccountRisk } from './risk-assessment';
import { multiplierFrom, sizePosition } from './position-sizing';

const account = (over: Partial<AccountRisk['limits']> = {}, position = 0, dailyPnl = '0'): AccountRisk => ({
  limits: { dailyLossLimit: '10000', maxPositionPerSymbol: 10_000, maxOrderQuantity: 5_000, maxOrderNotional: '1000000', ...over },
  position,
  dailyPnl,
});

describe('position sizing', () => {
  it('sizes a stock by the risk budget and the stop, in lots of 100', () => {
    // budget 10% of 10000 = 1000 BRL; 1000 / (1.45 × 1) = 689.6 → 689 → 600 in lots of 100
    const sizing = sizePosition({ side: 'BUY', price: '38.5', stopDistance: '1.45', lot: 100, multiplier: '1', account: account(), riskPerTradePct: '10' });
    expect(sizing).toMatchObject({ quantity: 600, riskBudget: '1000', limitedBy: 'RISK_BUDGET' });
    expect(sizing.reason).toBe('risk budget 1000 BRL ÷ (stop 1.45 × multiplier 1) = 689: 600 in lots of 100');
  });

  it('sizes a future by its multiplier, one contract at a time', () => {
    // WIN: 0.2 BRL a point; 1000 / (300 × 0.2) = 16.67 → 16 contracts
    expect(sizePosition({ side: 'SELL', price: '125000', stopDistance: '300', lot: 1, multiplier: '0.2', account: account(), riskPerTradePct: '10' }).quantity).toBe(16);
  });

  it('never risks more than what is left of the daily loss limit', () => {
    // lost 9500 today: 500 left, below the 1000 per-trade budget; 500 / 1.45 = 344.8 → 300
    const sizing = sizePosition({ side: 'BUY', price: '38.5', stopDistance: '1.45', lot: 100, multiplier: '1', account: account({}, 0, '-9500'), riskPerTradePct: '10' });
    expect(sizing).toMatchObject({ quantity: 300, riskBudget: '500' });
    expect(sizePosition({ side: 'BUY', price: '38.5', stopDistance: '1.45', lot: 100, multiplier: '1', account: account({}, 0, '-10000'), riskPerTradePct: '10' }).quantity).toBe(0);
  });

  it('is capped by order quantity, position room and notional, whichever is smallest', () => {
    const wide = { side: 'BUY' as const, price: '38.5', stopDistance: '0.01', lot: 100, multiplier: '1', riskPerTradePct: '10' };
    expect(sizePosition({ ...wide, account: account({ maxOrderQuantity: 1_000 }) })).toMatchObject({ quantity: 1000, limitedBy: 'MAX_ORDER_QUANTITY' });
    // long 9,750 of a 10,000 limit: 250 of room → 200
    expect(sizePosition({ ...wide, account: account({}, 9_750) })).toMatchObject({ quantity: 200, limitedBy: 'MAX_POSITION' });
    // short 9,750: buying may go up to +10,000, so 19,750 of room; the order quantity cap (5,000) binds first
    expect(sizePosition({ ...wide, account: account({}, -9_750) })).toMatchObject({ quantity: 5000, limitedBy: 'MAX_ORDER_QUANTITY' });
    // 50,000 / 38.5 = 1298.7 → 1298 → 1200
    expect(sizePosition({ ...wide, account: account({ maxOrderNotional: '50000' }) })).toMatchObject({ quantity: 1200, limitedBy: 'MAX_ORDER_NOTIONAL' });
  });

  it('suggests one lot when there is no stop distance to size against', () => {
    expect(sizePosition({ side: 'BUY', price: '38.5', stopDistance: null, lot: 100, multiplier: '1', account: account(), riskPerTradePct: '10' })).toMatchObject({ quantity: 100, limitedBy: 'NO_STOP' });
  });

  it('reads the contract multiplier back from orders’ notional check', () => {
    // WIN: notional 25000 for 1 contract at 125000 → 0.2
    expect(multiplierFrom([{ rule: 'MAX_ORDER_NOTIONAL', passed: true, limit: '1000000', actual: '25000', message: null }], '125000', 1)).toBe('0.2');
    expect(multiplierFrom([{ rule: 'MAX_ORDER_NOTIONAL', passed: true, limit: '1000000', actual: '3850', message: null }], '38.5', 100)).toBe('1');
    expect(multiplierFrom([], '38.5', 100)).toBe('1');
  });
});
