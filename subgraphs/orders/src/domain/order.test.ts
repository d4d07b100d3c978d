import { checkNewOrder, type OrderRequest } from './order';

const limit = (overrides: Partial<OrderRequest> = {}): OrderRequest => ({
  symbol: 'PETR4', side: 'BUY', type: 'LIMIT', quantity: 100, limitPrice: '38.50', ...overrides,
});
const fieldsOf = (request: OrderRequest) => checkNewOrder(request).issues.map((i) => i.field);

describe('checkNewOrder', () => {
  it('normalises the symbol and the price without touching its value', () => {
    const { order, issues } = checkNewOrder(limit({ symbol: ' petr4 ', limitPrice: '0038.5000' }));
    expect(issues).toEqual([]);
    expect(order).toEqual({ symbol: 'PETR4', side: 'BUY', type: 'LIMIT', quantity: 100, limitPrice: '38.5', stopPrice: null });
  });

  it('keeps large prices exact', () => {
    expect(checkNewOrder(limit({ symbol: 'WINZ26', limitPrice: '125005.5' })).order.limitPrice).toBe('125005.5');
    expect(checkNewOrder(limit({ limitPrice: '99999999999999.9999' })).order.limitPrice).toBe('99999999999999.9999');
  });

  it('accepts a MARKET order without prices', () => {
    expect(fieldsOf({ symbol: 'VALE3', side: 'SELL', type: 'MARKET', quantity: 1 })).toEqual([]);
  });

  it('refuses a MARKET order that carries a price', () => {
    expect(fieldsOf(limit({ type: 'MARKET' }))).toEqual(['limitPrice']);
  });

  it('requires a limit price for LIMIT and both prices for STOP_LIMIT', () => {
    expect(fieldsOf(limit({ limitPrice: null }))).toEqual(['limitPrice']);
    expect(fieldsOf(limit({ type: 'STOP_LIMIT', limitPrice: undefined }))).toEqual(['limitPrice', 'stopPrice']);
    expect(fieldsOf(limit({ type: 'STOP_LIMIT', stopPrice: '38.40' }))).toEqual([]);
    expect(fieldsOf(limit({ stopPrice: '38.40' }))).toEqual(['stopPrice']);
  });

  it.each([['0'], ['0.0000'], ['-1'], ['38.12345'], ['100000000000000'], ['1e3'], ['abc']])('rejects limit price %s', (limitPrice) => {
    expect(fieldsOf(limit({ limitPrice }))).toEqual(['limitPrice']);
  });

  it.each([[0], [-5], [1_000_001], [1.5]])('rejects quantity %s', (quantity) => {
    expect(fieldsOf(limit({ quantity }))).toEqual(['quantity']);
  });

  it('accepts the quantity bounds', () => {
    expect(fieldsOf(limit({ quantity: 1 }))).toEqual([]);
    expect(fieldsOf(limit({ quantity: 1_000_000 }))).toEqual([]);
  });

  it('reports every broken rule at once', () => {
    expect(fieldsOf(limit({ symbol: 'PETR4!', quantity: 0, limitPrice: '-1' }))).toEqual(['symbol', 'quantity', 'limitPrice']);
  });
});
