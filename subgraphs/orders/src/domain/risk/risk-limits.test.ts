import { DEFAULT_RISK_LIMITS, type RiskLimitsInput, validateLimits } from './risk-limits';

const fieldsOf = (input: RiskLimitsInput): string[] => {
  const result = validateLimits(input);
  return result.ok ? [] : result.issues.map((i) => i.field);
};

describe('validateLimits', () => {
  it('accepts the defaults', () => {
    expect(validateLimits({})).toEqual({ ok: true, limits: DEFAULT_RISK_LIMITS });
  });

  it('keeps the daily loss limit between 100 and 1,000,000 BRL, edges included', () => {
    expect(fieldsOf({ dailyLossLimit: '99.99' })).toEqual(['dailyLossLimit']);
    expect(fieldsOf({ dailyLossLimit: '100' })).toEqual([]);
    expect(fieldsOf({ dailyLossLimit: '1000000' })).toEqual([]);
    expect(fieldsOf({ dailyLossLimit: '1000000.01' })).toEqual(['dailyLossLimit']);
  });

  it('wants BRL amounts as plain decimals with at most two places', () => {
    for (const bad of ['abc', '-500', '1e4', '500.005', '']) expect(fieldsOf({ dailyLossLimit: bad })).toEqual(['dailyLossLimit']);
    expect(fieldsOf({ maxOrderNotional: '0.5' })).toEqual(['maxOrderNotional']);
    expect(fieldsOf({ maxOrderNotional: '250000.50' })).toEqual([]);
  });

  it('returns decimals in canonical form, so history compares equal strings', () => {
    const result = validateLimits({ dailyLossLimit: '2500.50', maxOrderNotional: ' 0100000 ', priceBandPct: '7.50' });
    expect(result.ok && result.limits).toMatchObject({ dailyLossLimit: '2500.5', maxOrderNotional: '100000', priceBandPct: '7.5' });
  });

  it('keeps the price band within (0, 100] percent', () => {
    expect(fieldsOf({ priceBandPct: '0' })).toEqual(['priceBandPct']);
    expect(fieldsOf({ priceBandPct: '0.01' })).toEqual([]);
    expect(fieldsOf({ priceBandPct: '100' })).toEqual([]);
    expect(fieldsOf({ priceBandPct: '100.01' })).toEqual(['priceBandPct']);
    expect(fieldsOf({ priceBandPct: '2.125' })).toEqual(['priceBandPct']);
  });

  it('wants whole numbers in range for the counts', () => {
    expect(fieldsOf({ maxPositionPerSymbol: 0 })).toEqual([]);
    expect(fieldsOf({ maxPositionPerSymbol: -1 })).toEqual(['maxPositionPerSymbol']);
    expect(fieldsOf({ maxOrderQuantity: 0 })).toEqual(['maxOrderQuantity']);
    expect(fieldsOf({ maxOrderQuantity: 999_999 })).toEqual([]);
    expect(fieldsOf({ maxOrderQuantity: 1_000_000 })).toEqual(['maxOrderQuantity']);
    expect(fieldsOf({ maxOrdersPerSecond: 2.5 })).toEqual(['maxOrdersPerSecond']);
    expect(fieldsOf({ maxOrdersPerSecond: 1 })).toEqual([]);
  });

  it('lists every problem at once, by field', () => {
    const result = validateLimits({ dailyLossLimit: '5', maxOrderQuantity: 0, priceBandPct: 'ten', maxOrdersPerSecond: 0 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.field)).toEqual(['dailyLossLimit', 'maxOrderQuantity', 'priceBandPct', 'maxOrdersPerSecond']);
      expect(result.issues[0].message).toMatch(/between 100 and 1,000,000/);
    }
  });

  it('edits one field and keeps the rest from the current limits', () => {
    const current = { ...DEFAULT_RISK_LIMITS, maxOrderQuantity: 200 };
    const result = validateLimits({ dailyLossLimit: '2000', maxOrdersPerSecond: undefined }, current);
    expect(result).toEqual({ ok: true, limits: { ...current, dailyLossLimit: '2000' } });
  });
});
