import { aFilledOrder, aPartiallyFilledOrder, aPendingOrder, anOrderInput, aSubmittedOrder } from './order-builders';
import type { OrderInput } from './order-validation';
import { ALLOWED_TIME_IN_FORCE, validateOrder, validateReplace, type ReplaceInput } from './order-validation';
import type { Order } from './order-model';

/** "field:RULE" for every issue, [] when the order is valid: what each table row asserts. */
const problems = (overrides: Partial<OrderInput>): string[] => {
  const result = validateOrder(anOrderInput(overrides));
  return result.ok ? [] : result.issues.map((i) => `${i.field}:${i.rule}`);
};

const market = { type: 'MARKET', price: null, stopPrice: null } as const;
const futures = (symbol: string, price: string): Partial<OrderInput> => ({ symbol, quantity: 1, price });

describe('validateOrder: each rule just inside and just outside', () => {
  it.each<[string, Partial<OrderInput>, string[]]>([
    // quantity: range
    ['quantity 1 (fractional lot)', { symbol: 'PETR4F', quantity: 1 }, []],
    ['quantity 0', { symbol: 'PETR4F', quantity: 0 }, ['quantity:OUT_OF_RANGE']],
    ['quantity 999,999', { symbol: 'PETR4F', quantity: 999_999 }, []],
    ['quantity 1,000,000', { symbol: 'PETR4F', quantity: 1_000_000 }, ['quantity:OUT_OF_RANGE']],
    ['quantity 999,900 of a round-lot stock', { quantity: 999_900 }, []],
    ['quantity 1.5', { symbol: 'PETR4F', quantity: 1.5 }, ['quantity:OUT_OF_RANGE']],
    ['quantity -100', { quantity: -100 }, ['quantity:OUT_OF_RANGE']],
    ['quantity NaN', { quantity: Number.NaN }, ['quantity:OUT_OF_RANGE']],
    // quantity: lot size
    ['150 PETR4 (lot 100)', { quantity: 150 }, ['quantity:NOT_A_LOT_MULTIPLE']],
    ['200 PETR4', { quantity: 200 }, []],
    ['150 PETR4F (lot 1)', { symbol: 'PETR4F', quantity: 150 }, []],
    ['99 TAEE11', { symbol: 'TAEE11', quantity: 99 }, ['quantity:NOT_A_LOT_MULTIPLE']],
    ['7 WINZ26 (lot 1)', { symbol: 'WINZ26', quantity: 7, price: '125005' }, []],
    // price: decimals and format
    ['price 38.51', { price: '38.51' }, []],
    ['price 38.515 (3 decimals)', { price: '38.515' }, ['price:TOO_MANY_DECIMALS']],
    ['price 38.51234 (beyond the 4-decimal scale)', { price: '38.51234' }, ['price:TOO_MANY_DECIMALS']],
    ['price 38.5000 (padding zeros do not count)', { price: '38.5000' }, []],
    ['price 0.01', { price: '0.01' }, []],
    ['price 0', { price: '0' }, ['price:NOT_POSITIVE']],
    ['price 0.00', { price: '0.00' }, ['price:NOT_POSITIVE']],
    ['price -1', { price: '-1' }, ['price:MALFORMED']],
    ['price 1e3', { price: '1e3' }, ['price:MALFORMED']],
    ['price 38,50 (comma)', { price: '38,50' }, ['price:MALFORMED']],
    ['price empty', { price: '' }, ['price:MALFORMED']],
    ['price with 15 integer digits', { price: '100000000000000' }, ['price:TOO_LARGE']],
    // price: tick grid
    ['WIN 125005', futures('WINZ26', '125005'), []],
    ['WIN 125003', futures('WINZ26', '125003'), ['price:OFF_TICK']],
    ['WIN 125005.5', futures('WINZ26', '125005.5'), ['price:OFF_TICK']],
    ['WDO 5432.5', futures('WDOF27', '5432.5'), []],
    ['WDO 5432.25 (2 decimals, off the 0.5 grid)', futures('WDOF27', '5432.25'), ['price:OFF_TICK']],
    ['DI1 13.28', futures('DI1F27', '13.28'), []],
    ['DI1 13.285 (2-decimal rule wins over the real 0.005 grid)', futures('DI1F27', '13.285'), ['price:TOO_MANY_DECIMALS']],
    ['BGI 310.05', futures('BGIZ26', '310.05'), []],
    ['BGI 310.03', futures('BGIZ26', '310.03'), ['price:OFF_TICK']],
    // which prices each type carries
    ['MARKET without prices', market, []],
    ['MARKET with a price', { ...market, price: '38.5' }, ['price:NOT_ALLOWED']],
    ['MARKET with a stop price', { ...market, stopPrice: '38.5' }, ['stopPrice:NOT_ALLOWED']],
    ['LIMIT without a price', { price: null }, ['price:REQUIRED']],
    ['LIMIT with price undefined', { price: undefined }, ['price:REQUIRED']],
    ['LIMIT with a stop price', { stopPrice: '38' }, ['stopPrice:NOT_ALLOWED']],
    ['STOP with a stop price', { type: 'STOP', price: null, stopPrice: '38' }, []],
    ['STOP without a stop price', { type: 'STOP', price: null }, ['stopPrice:REQUIRED']],
    ['STOP with a limit price', { type: 'STOP', price: '38', stopPrice: '38' }, ['price:NOT_ALLOWED']],
    ['STOP_LIMIT with both', { type: 'STOP_LIMIT', price: '38.1', stopPrice: '38' }, []],
    ['STOP_LIMIT without a stop', { type: 'STOP_LIMIT', price: '38.1' }, ['stopPrice:REQUIRED']],
    ['STOP_LIMIT without a limit', { type: 'STOP_LIMIT', price: null, stopPrice: '38' }, ['price:REQUIRED']],
    ['STOP stop price off the grid', { type: 'STOP', symbol: 'WINZ26', quantity: 1, price: null, stopPrice: '125001' }, ['stopPrice:OFF_TICK']],
    // STOP_LIMIT relation by side
    ['BUY stop-limit, limit = stop', { type: 'STOP_LIMIT', side: 'BUY', stopPrice: '38', price: '38' }, []],
    ['BUY stop-limit, limit one tick above', { type: 'STOP_LIMIT', side: 'BUY', stopPrice: '38', price: '38.01' }, []],
    ['BUY stop-limit, limit one tick below', { type: 'STOP_LIMIT', side: 'BUY', stopPrice: '38', price: '37.99' }, ['price:STOP_LIMIT_RELATION']],
    ['SELL stop-limit, limit = stop', { type: 'STOP_LIMIT', side: 'SELL', stopPrice: '38', price: '38' }, []],
    ['SELL stop-limit, limit one tick below', { type: 'STOP_LIMIT', side: 'SELL', stopPrice: '38', price: '37.99' }, []],
    ['SELL stop-limit, limit one tick above', { type: 'STOP_LIMIT', side: 'SELL', stopPrice: '38', price: '38.01' }, ['price:STOP_LIMIT_RELATION']],
    // time in force by type
    ['MARKET DAY', { ...market, timeInForce: 'DAY' }, []],
    ['MARKET IOC', { ...market, timeInForce: 'IOC' }, []],
    ['MARKET FOK', { ...market, timeInForce: 'FOK' }, []],
    ['MARKET GTC', { ...market, timeInForce: 'GTC' }, ['timeInForce:TIME_IN_FORCE']],
    ['LIMIT GTC', { timeInForce: 'GTC' }, []],
    ['LIMIT IOC', { timeInForce: 'IOC' }, []],
    ['LIMIT FOK', { timeInForce: 'FOK' }, []],
    ['STOP GTC', { type: 'STOP', price: null, stopPrice: '38', timeInForce: 'GTC' }, []],
    ['STOP IOC', { type: 'STOP', price: null, stopPrice: '38', timeInForce: 'IOC' }, ['timeInForce:TIME_IN_FORCE']],
    ['STOP_LIMIT FOK', { type: 'STOP_LIMIT', stopPrice: '38', timeInForce: 'FOK' }, ['timeInForce:TIME_IN_FORCE']],
    ['time in force GTD', { timeInForce: 'GTD' }, ['timeInForce:UNKNOWN_VALUE']],
    // idempotency key
    ['key of 8 characters', { idempotencyKey: 'abcd_-12' }, []],
    ['key of 7 characters', { idempotencyKey: 'abcd_-1' }, ['idempotencyKey:MALFORMED']],
    ['key of 64 characters', { idempotencyKey: 'k'.repeat(64) }, []],
    ['key of 65 characters', { idempotencyKey: 'k'.repeat(65) }, ['idempotencyKey:MALFORMED']],
    ['key with a space', { idempotencyKey: 'key 00000001' }, ['idempotencyKey:MALFORMED']],
    ['key with an accent', { idempotencyKey: 'ordem-ção-01' }, ['idempotencyKey:MALFORMED']],
    ['key padded with spaces (not trimmed)', { idempotencyKey: ' key-00000001' }, ['idempotencyKey:MALFORMED']],
    // account, symbol, side, type
    ['account of one character', { account: 'a' }, []],
    ['empty account', { account: '' }, ['account:REQUIRED']],
    ['blank account', { account: '   ' }, ['account:REQUIRED']],
    ['lower-case symbol with spaces', { symbol: ' petr4 ' }, []],
    ['unknown symbol', { symbol: 'XPTO' }, ['symbol:UNKNOWN_SYMBOL']],
    ['future in a month it is not listed', { symbol: 'WINH26', quantity: 1, price: '125005' }, ['symbol:UNKNOWN_SYMBOL']],
    ['side HOLD', { side: 'HOLD' }, ['side:UNKNOWN_VALUE']],
    ['type TRAILING_STOP', { type: 'TRAILING_STOP' }, ['type:UNKNOWN_VALUE']],
  ])('%s', (_name, overrides, expected) => {
    expect(problems(overrides)).toEqual(expected);
  });

  it('lists every problem at once, in field order', () => {
    expect(
      problems({ idempotencyKey: 'short', account: '', symbol: 'PETR4', quantity: 150, type: 'MARKET', timeInForce: 'GTC', price: '38.5', stopPrice: '1' }),
    ).toEqual(['idempotencyKey:MALFORMED', 'account:REQUIRED', 'timeInForce:TIME_IN_FORCE', 'quantity:NOT_A_LOT_MULTIPLE', 'price:NOT_ALLOWED', 'stopPrice:NOT_ALLOWED']);
  });

  it('still checks the format of prices when the type is unknown', () => {
    expect(problems({ type: 'BOGUS', price: '38.555', stopPrice: '1' })).toEqual(['type:UNKNOWN_VALUE', 'price:TOO_MANY_DECIMALS']);
  });

  it('returns the normalised order and its instrument', () => {
    const result = validateOrder(anOrderInput({ symbol: ' winz26 ', account: ' acc-9 ', quantity: 3, price: '0125005.00' }));
    expect(result).toEqual({
      ok: true,
      order: {
        idempotencyKey: 'key-00000001',
        account: 'acc-9',
        symbol: 'WINZ26',
        side: 'BUY',
        type: 'LIMIT',
        timeInForce: 'DAY',
        quantity: 3,
        price: '125005',
        stopPrice: null,
      },
      instrument: expect.objectContaining({ symbol: 'WINZ26', assetClass: 'FUTURE', multiplier: '0.2' }),
    });
  });

  it('gives every issue a message for people', () => {
    const result = validateOrder(anOrderInput({ quantity: 150, price: '38.515' }));
    expect(result.ok).toBe(false);
    if (!result.ok) for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(5);
  });

  it('documents the time-in-force table it enforces', () => {
    expect(ALLOWED_TIME_IN_FORCE).toEqual({
      MARKET: ['DAY', 'IOC', 'FOK'],
      LIMIT: ['DAY', 'GTC', 'IOC', 'FOK'],
      STOP: ['DAY', 'GTC'],
      STOP_LIMIT: ['DAY', 'GTC'],
    });
  });
});

describe('validateReplace', () => {
  const replaceProblems = (order: Order, input: ReplaceInput): string[] => {
    const result = validateReplace(order, input);
    return result.ok ? [] : result.issues.map((i) => `${i.field}:${i.rule}`);
  };
  // 300 PETR4 at 38.5, 100 filled.
  const partial = aPartiallyFilledOrder({ quantity: 300 }, 100);

  it.each<[string, Order, ReplaceInput, string[]]>([
    ['working SUBMITTED order', aSubmittedOrder(), { price: '38.4' }, []],
    ['PENDING order (not at the broker yet)', aPendingOrder(), { price: '38.4' }, ['order:NOT_WORKING']],
    ['FILLED order', aFilledOrder(), { price: '38.4' }, ['order:NOT_WORKING']],
    ['quantity above the filled 100', partial, { quantity: 200 }, []],
    ['quantity equal to the filled 100', partial, { quantity: 100 }, ['quantity:BELOW_FILLED']],
    ['quantity below the filled 100', partial, { quantity: 0 }, ['quantity:OUT_OF_RANGE']],
    ['quantity off the lot', partial, { quantity: 250 }, ['quantity:NOT_A_LOT_MULTIPLE']],
    ['quantity 1,000,000', partial, { quantity: 1_000_000 }, ['quantity:OUT_OF_RANGE']],
    ['price on the grid', partial, { price: '38.49' }, []],
    ['price with 3 decimals', partial, { price: '38.495' }, ['price:TOO_MANY_DECIMALS']],
    ['WIN price off the grid', aSubmittedOrder({ symbol: 'WINZ26', quantity: 1, price: '125005' }), { price: '125003' }, ['price:OFF_TICK']],
    ['WIN price on the grid', aSubmittedOrder({ symbol: 'WINZ26', quantity: 1, price: '125005' }), { price: '125010' }, []],
    ['price of a MARKET order', aSubmittedOrder({ type: 'MARKET', price: null }), { price: '38' }, ['price:NOT_ALLOWED']],
    ['price of a STOP order (its trigger is not replaceable)', aSubmittedOrder({ type: 'STOP', price: null, stopPrice: '38' }), { price: '38' }, ['price:NOT_ALLOWED']],
    ['BUY stop-limit keeping limit ≥ stop', aSubmittedOrder({ type: 'STOP_LIMIT', price: '38.2', stopPrice: '38' }), { price: '38' }, []],
    ['BUY stop-limit breaking limit ≥ stop', aSubmittedOrder({ type: 'STOP_LIMIT', price: '38.2', stopPrice: '38' }), { price: '37.99' }, ['price:STOP_LIMIT_RELATION']],
    ['nothing requested', partial, {}, ['order:NO_CHANGE']],
    ['nulls requested', partial, { price: null, quantity: null }, ['order:NO_CHANGE']],
    ['the same values', partial, { price: '38.50', quantity: 300 }, ['order:NO_CHANGE']],
    ['several problems at once', aFilledOrder(), { price: '0', quantity: 150 }, ['order:NOT_WORKING', 'price:NOT_POSITIVE', 'quantity:NOT_A_LOT_MULTIPLE']],
  ])('%s', (_name, order, input, expected) => {
    expect(replaceProblems(order, input)).toEqual(expected);
  });

  it('returns only what actually changes, normalised', () => {
    expect(validateReplace(partial, { price: '38.50', quantity: 400 })).toEqual({ ok: true, change: { quantity: 400 } });
    expect(validateReplace(partial, { price: '38.400' })).toEqual({ ok: true, change: { price: '38.4' } });
  });
});
