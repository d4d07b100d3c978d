import { OrderRateLimiter } from './order-rate-limiter';
import {
  checkOrder,
  dailyLoss,
  type RiskCheckInput,
  type RiskContext,
  type RiskDecision,
  RiskEngine,
  type RiskOrder,
  RISK_RULES,
  type RiskRule,
  shouldTripKillSwitch,
} from './risk-engine';
import type { RiskLimits } from './risk-limits';
import { TradingCalendar } from './trading-calendar';

// Monday 2 March 2026, noon in São Paulo (UTC−3 all year since 2019; the calendar itself asks Intl)
const NOON = Date.parse('2026-03-02T12:00:00-03:00');

const LIMITS: RiskLimits = {
  dailyLossLimit: '1000',
  maxPositionPerSymbol: 500,
  maxOrderQuantity: 300,
  maxOrderNotional: '20000',
  priceBandPct: '10',
  maxOrdersPerSecond: 3,
};

type Overrides = Partial<Omit<RiskCheckInput, 'order' | 'limits'>> & { order?: Partial<RiskOrder>; limits?: Partial<RiskLimits> };

/** Test builder: an order every rule approves, with only what a case is about changed. */
function anInput(overrides: Overrides = {}): RiskCheckInput {
  const { order, limits, ...rest } = overrides;
  return {
    account: 'ACC-1',
    killSwitch: { active: false, reason: null, activatedAt: null },
    pnl: { realizedToday: '0', unrealized: '0' },
    position: 0,
    lastTradePrice: '38',
    multiplier: '1',
    now: NOON,
    ...rest,
    order: { symbol: 'PETR4', side: 'BUY', type: 'LIMIT', quantity: 100, price: '38.5', ...order },
    limits: { ...LIMITS, ...limits },
  };
}

const newContext = (): RiskContext => ({ calendar: new TradingCalendar(), rateLimiter: new OrderRateLimiter(() => NOON) });
const check = (overrides: Overrides = {}, context: RiskContext = newContext()): RiskDecision => checkOrder(anInput(overrides), context);

/** The rejection's rule, limit and actual, or 'approved'. */
function outcome(decision: RiskDecision): { rule: RiskRule; limit: string | null; actual: string | null } | 'approved' {
  if (decision.approved) return 'approved';
  const { rule, limit, actual } = decision.rejection;
  return { rule, limit, actual };
}

describe('checkOrder', () => {
  it('approves an order inside every limit and audits all eight checks in order', () => {
    const decision = check();
    expect(decision.approved).toBe(true);
    expect(decision.audit).toMatchObject({ at: new Date(NOON), account: 'ACC-1', symbol: 'PETR4', side: 'BUY', quantity: 100, price: '38.5', approved: true });
    expect(decision.audit.rule).toBeUndefined();
    expect(decision.audit.checks.map((c) => c.rule)).toEqual(RISK_RULES);
    expect(decision.audit.checks.every((c) => c.passed)).toBe(true);
  });

  describe('TRADING_HOURS (session [09:00, 18:00) São Paulo)', () => {
    it('rejects at 18:00:00 and accepts a millisecond before', () => {
      expect(outcome(check({ now: Date.parse('2026-03-02T18:00:00-03:00') }))).toEqual({
        rule: 'TRADING_HOURS',
        limit: '09:00–18:00',
        actual: '2026-03-02 18:00:00',
      });
      expect(outcome(check({ now: Date.parse('2026-03-02T17:59:59.999-03:00') }))).toBe('approved');
    });

    it('accepts at 09:00:00 and rejects a millisecond before', () => {
      expect(outcome(check({ now: Date.parse('2026-03-02T09:00:00-03:00') }))).toBe('approved');
      expect(outcome(check({ now: Date.parse('2026-03-02T08:59:59.999-03:00') }))).toEqual({
        rule: 'TRADING_HOURS',
        limit: '09:00–18:00',
        actual: '2026-03-02 08:59:59',
      });
    });

    it('rejects on a weekend and on a holiday, saying which', () => {
      const saturday = check({ now: Date.parse('2026-03-07T12:00:00-03:00') });
      expect(outcome(saturday)).toEqual({ rule: 'TRADING_HOURS', limit: 'closed all day', actual: '2026-03-07 12:00:00' });
      expect(saturday.audit.checks[0].note).toBe('WEEKEND');
      const goodFriday = check({ now: Date.parse('2026-04-03T12:00:00-03:00') });
      expect(goodFriday.audit.checks[0].note).toBe('HOLIDAY');
      expect(goodFriday.approved || goodFriday.rejection.message).toMatch(/holiday/);
    });

    it("uses the instrument's own session: futures trade until 18:25", () => {
      const win = { order: { symbol: 'WINZ26', price: '125000', quantity: 1 }, lastTradePrice: '125000', multiplier: '0.2', limits: { maxOrderNotional: '50000' } };
      expect(outcome(check({ ...win, now: Date.parse('2026-03-02T18:24:59-03:00') }))).toBe('approved');
      expect(outcome(check({ ...win, now: Date.parse('2026-03-02T18:25:00-03:00') }))).toMatchObject({ rule: 'TRADING_HOURS', limit: '09:00–18:25' });
    });
  });

  describe('KILL_SWITCH', () => {
    it('rejects with KILL_SWITCH_ACTIVE while active and accepts once inactive', () => {
      const active = check({ killSwitch: { active: true, reason: 'desk halt', activatedAt: new Date('2026-03-02T14:00:00Z') } });
      expect(outcome(active)).toEqual({ rule: 'KILL_SWITCH', limit: 'inactive', actual: 'active' });
      expect(active.approved || active.rejection.code).toBe('KILL_SWITCH_ACTIVE');
      expect(active.approved || active.rejection.message).toMatch(/desk halt/);
      expect(outcome(check({ killSwitch: { active: false, reason: 'desk halt', activatedAt: null } }))).toBe('approved');
    });
  });

  describe('DAILY_LOSS (rejects once realized + unrealized loss reaches the limit)', () => {
    it('rejects at a loss equal to the limit and accepts a centavo under it', () => {
      const reached = check({ pnl: { realizedToday: '-600', unrealized: '-400' } });
      expect(outcome(reached)).toEqual({ rule: 'DAILY_LOSS', limit: '1000', actual: '1000' });
      expect(reached.approved || reached.rejection.code).toBe('RISK_REJECTED');
      expect(outcome(check({ pnl: { realizedToday: '-600', unrealized: '-399.99' } }))).toBe('approved');
    });

    it('rejects just over the limit, and lets unrealized gains offset realized losses', () => {
      expect(outcome(check({ pnl: { realizedToday: '-1000.01', unrealized: '0' } }))).toEqual({ rule: 'DAILY_LOSS', limit: '1000', actual: '1000.01' });
      expect(outcome(check({ pnl: { realizedToday: '-1500', unrealized: '600' } }))).toBe('approved');
    });
  });

  describe('MAX_POSITION (absolute net position after the order)', () => {
    it('rejects a buy that would end one over the limit and accepts one that ends on it', () => {
      expect(outcome(check({ position: 400, order: { quantity: 101 } }))).toEqual({ rule: 'MAX_POSITION', limit: '500', actual: '501' });
      expect(outcome(check({ position: 400, order: { quantity: 100 } }))).toBe('approved');
    });

    it('counts short positions by size', () => {
      expect(outcome(check({ position: -400, order: { side: 'SELL', quantity: 101 } }))).toEqual({ rule: 'MAX_POSITION', limit: '500', actual: '501' });
      expect(outcome(check({ position: -400, order: { side: 'SELL', quantity: 100 } }))).toBe('approved');
      // a sell against a long position shrinks it
      expect(outcome(check({ position: 600, order: { side: 'SELL', quantity: 100 } }))).toBe('approved');
    });

    it('lets a position already over the limit be reduced, but not flipped past it', () => {
      const reduce = check({ position: 700, order: { side: 'SELL', quantity: 100 } });
      expect(outcome(reduce)).toBe('approved');
      expect(reduce.audit.checks[3]).toMatchObject({ rule: 'MAX_POSITION', passed: true, actual: '600', note: expect.stringMatching(/reduces/) });
      expect(outcome(check({ position: 700, order: { side: 'BUY', quantity: 1 } }))).toEqual({ rule: 'MAX_POSITION', limit: '500', actual: '701' });
      expect(outcome(check({ position: 200, order: { side: 'SELL', quantity: 300 }, limits: { maxPositionPerSymbol: 50, maxOrderQuantity: 1000 } }))).toEqual({
        rule: 'MAX_POSITION',
        limit: '50',
        actual: '100',
      });
    });
  });

  describe('MAX_ORDER_QUANTITY', () => {
    it('rejects one over the limit and accepts the limit', () => {
      expect(outcome(check({ order: { quantity: 301 } }))).toEqual({ rule: 'MAX_ORDER_QUANTITY', limit: '300', actual: '301' });
      expect(outcome(check({ order: { quantity: 300 } }))).toBe('approved');
    });
  });

  describe('MAX_ORDER_NOTIONAL (price × quantity × multiplier)', () => {
    it('rejects a centavo over the limit and accepts the limit exactly', () => {
      // 200 × 38.50 = 7700.00
      expect(outcome(check({ order: { quantity: 200 }, limits: { maxOrderNotional: '7699.99' } }))).toEqual({
        rule: 'MAX_ORDER_NOTIONAL',
        limit: '7699.99',
        actual: '7700',
      });
      expect(outcome(check({ order: { quantity: 200 }, limits: { maxOrderNotional: '7700' } }))).toBe('approved');
    });

    it('applies the contract multiplier exactly (WIN: 0.20 BRL per point)', () => {
      const win = { order: { symbol: 'WINZ26', price: '125000.5', quantity: 2 }, lastTradePrice: '125000', multiplier: '0.2' };
      // 125000.5 × 2 × 0.2 = 50000.2: no float could be trusted with that last digit
      expect(outcome(check({ ...win, limits: { maxOrderNotional: '50000.19' } }))).toEqual({ rule: 'MAX_ORDER_NOTIONAL', limit: '50000.19', actual: '50000.2' });
      expect(outcome(check({ ...win, limits: { maxOrderNotional: '50000.2' } }))).toBe('approved');
    });

    it('values a MARKET order at the last trade, and refuses one with no last trade', () => {
      const market = { order: { type: 'MARKET' as const, price: null, quantity: 200 }, lastTradePrice: '38.5' };
      expect(outcome(check({ ...market, limits: { maxOrderNotional: '7699.99' } }))).toEqual({ rule: 'MAX_ORDER_NOTIONAL', limit: '7699.99', actual: '7700' });
      expect(outcome(check({ ...market, limits: { maxOrderNotional: '7700' } }))).toBe('approved');
      expect(outcome(check({ ...market, lastTradePrice: null }))).toEqual({ rule: 'MAX_ORDER_NOTIONAL', limit: '20000', actual: null });
    });
  });

  describe('PRICE_BAND (±priceBandPct % of the last trade, edges included)', () => {
    it('rejects a centavo above the upper edge and accepts the edge', () => {
      expect(outcome(check({ lastTradePrice: '100', order: { price: '110.01' } }))).toEqual({ rule: 'PRICE_BAND', limit: '110', actual: '110.01' });
      expect(outcome(check({ lastTradePrice: '100', order: { price: '110' } }))).toBe('approved');
    });

    it('rejects a centavo below the lower edge and accepts the edge', () => {
      expect(outcome(check({ lastTradePrice: '100', order: { side: 'SELL', price: '89.99' }, position: 500 }))).toEqual({ rule: 'PRICE_BAND', limit: '90', actual: '89.99' });
      expect(outcome(check({ lastTradePrice: '100', order: { side: 'SELL', price: '90' }, position: 500 }))).toBe('approved');
    });

    it('computes fractional bands exactly', () => {
      // 38.47 × 1.025 = 39.43175
      const band = { lastTradePrice: '38.47', limits: { priceBandPct: '2.5' } };
      expect(outcome(check({ ...band, order: { price: '39.44' } }))).toEqual({ rule: 'PRICE_BAND', limit: '39.43175', actual: '39.44' });
      expect(outcome(check({ ...band, order: { price: '39.43' } }))).toBe('approved');
    });

    it('bands STOP_LIMIT prices too, but not STOP triggers or MARKET orders', () => {
      expect(outcome(check({ lastTradePrice: '100', order: { type: 'STOP_LIMIT', price: '110.01' } }))).toMatchObject({ rule: 'PRICE_BAND' });
      const stop = check({ lastTradePrice: '100', order: { type: 'STOP', price: '150' } });
      expect(outcome(stop)).toBe('approved');
      expect(stop.audit.checks[6]).toMatchObject({ rule: 'PRICE_BAND', passed: true, note: 'not applied to STOP orders' });
      expect(outcome(check({ order: { type: 'MARKET', price: null } }))).toBe('approved');
    });

    it('refuses a LIMIT order when there is no last trade to check it against', () => {
      const decision = check({ lastTradePrice: null });
      expect(outcome(decision)).toEqual({ rule: 'PRICE_BAND', limit: null, actual: '38.5' });
      expect(decision.audit.checks[6].note).toBe('no last trade');
    });
  });

  describe('ORDER_RATE (approved orders per account in a sliding second)', () => {
    it('rejects the fourth order inside one second and accepts it once the first has slid out', () => {
      const context = newContext();
      for (const dt of [0, 100, 200]) expect(outcome(check({ now: NOON + dt }, context))).toBe('approved');
      expect(outcome(check({ now: NOON + 999 }, context))).toEqual({ rule: 'ORDER_RATE', limit: '3', actual: '4' });
      // the order at NOON stops counting at exactly NOON + 1 s
      expect(outcome(check({ now: NOON + 1000 }, context))).toBe('approved');
      expect(outcome(check({ now: NOON + 1001 }, context))).toEqual({ rule: 'ORDER_RATE', limit: '3', actual: '4' });
    });

    it('counts only approved orders, per account', () => {
      const context = newContext();
      for (let i = 0; i < 5; i++) expect(outcome(check({ order: { quantity: 301 } }, context))).toMatchObject({ rule: 'MAX_ORDER_QUANTITY' });
      for (let i = 0; i < 3; i++) expect(outcome(check({}, context))).toBe('approved');
      expect(outcome(check({}, context))).toMatchObject({ rule: 'ORDER_RATE' });
      expect(outcome(check({ account: 'ACC-2' }, context))).toBe('approved');
    });
  });

  it('reports the first broken rule, in RISK_RULES order', () => {
    // an order that breaks all eight rules; fixing them one by one must walk through RISK_RULES
    const context = newContext();
    for (const dt of [-30, -20, -10]) context.rateLimiter.record('ACC-1', NOON + dt);
    let input: Overrides = {
      now: Date.parse('2026-03-02T19:00:00-03:00'),
      killSwitch: { active: true, reason: 'test', activatedAt: null },
      pnl: { realizedToday: '-5000', unrealized: '0' },
      position: 500,
      order: { quantity: 301, price: '250' },
      limits: { maxOrderNotional: '20000' },
    };
    const fixes: Overrides[] = [
      { now: NOON },
      { killSwitch: { active: false, reason: null, activatedAt: null } },
      { pnl: { realizedToday: '0', unrealized: '0' } },
      { position: 0 },
      { order: { quantity: 100, price: '250' } },
      { limits: { maxOrderNotional: '1000000' } },
      { lastTradePrice: '250' },
    ];
    const reported: string[] = [];
    for (const fix of [...fixes, null]) {
      const decision = check(input, context);
      reported.push(decision.approved ? 'approved' : decision.rejection.rule);
      if (!decision.approved) expect(decision.audit.checks.map((c) => c.rule)).toEqual(RISK_RULES.slice(0, reported.length));
      if (fix) input = { ...input, ...fix };
    }
    expect(reported).toEqual([...RISK_RULES]);
    expect(outcome(check(input, newContext()))).toBe('approved');
  });

  it('puts the rejection in the audit record too', () => {
    const decision = check({ order: { quantity: 301 } });
    expect(decision.audit).toMatchObject({ approved: false, rule: 'MAX_ORDER_QUANTITY', limit: '300', actual: '301', message: expect.stringMatching(/301/) });
    expect(decision.audit.checks.at(-1)).toEqual({ rule: 'MAX_ORDER_QUANTITY', passed: false, limit: '300', actual: '301' });
  });

  it('audits a MARKET order without a price', () => {
    expect(check({ order: { type: 'MARKET', price: null } }).audit.price).toBeNull();
  });

  it('throws on input the order validation should have refused', () => {
    expect(() => check({ order: { quantity: 0 } })).toThrow(RangeError);
    expect(() => check({ order: { quantity: 1.5 } })).toThrow(RangeError);
    expect(() => check({ order: { price: null } })).toThrow(/without a price/);
    expect(() => check({ order: { price: '1e3' } })).toThrow(RangeError);
  });
});

describe('daily loss and the kill switch trip', () => {
  const limits: RiskLimits = { ...LIMITS, dailyLossLimit: '1000' };

  it('measures the loss as a non-negative amount', () => {
    expect(dailyLoss({ realizedToday: '-600', unrealized: '-400.5' })).toBe('1000.5');
    expect(dailyLoss({ realizedToday: '250', unrealized: '-100' })).toBe('0');
  });

  it('trips once the loss reaches the limit, not a centavo before', () => {
    expect(shouldTripKillSwitch({ realizedToday: '-999.99', unrealized: '0' }, limits)).toBe(false);
    expect(shouldTripKillSwitch({ realizedToday: '-500', unrealized: '-500' }, limits)).toBe(true);
    expect(shouldTripKillSwitch({ realizedToday: '-1000.01', unrealized: '0' }, limits)).toBe(true);
    expect(shouldTripKillSwitch({ realizedToday: '5000', unrealized: '-5999.99' }, limits)).toBe(false);
  });

  it('trips at the same loss at which checkOrder starts refusing', () => {
    for (const unrealized of ['-999.99', '-1000', '-1000.01']) {
      const pnl = { realizedToday: '0', unrealized };
      expect(shouldTripKillSwitch(pnl, limits)).toBe(!check({ pnl }).approved);
    }
  });
});

describe('RiskEngine', () => {
  it('takes now from its clock and keeps one throttle across checks', () => {
    let now = NOON;
    const engine = new RiskEngine({ clock: () => now });
    const input = anInput();
    const { now: _ignored, ...withoutNow } = input;
    for (let i = 0; i < 3; i++) expect(engine.check(withoutNow).approved).toBe(true);
    expect(engine.check(withoutNow).approved).toBe(false);
    now += 1_000;
    const later = engine.check(withoutNow);
    expect(later.approved).toBe(true);
    expect(later.audit.at).toEqual(new Date(NOON + 1_000));
  });
});
