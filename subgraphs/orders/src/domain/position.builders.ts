import { parseMultiplier } from './money';
import { type Fill, type Position, positionFromFills } from './position';

/**
 * Test-data builders for fills and positions (STYLE.md §4: a builder beside each domain type). Only the
 * fields a test cares about need writing; ids are unique per test run so fills never collide by accident.
 */
let nextFillId = 1;

export function aFill(overrides: Partial<Fill> = {}): Fill {
  return {
    fillId: `F${nextFillId++}`,
    side: 'BUY',
    quantity: 100,
    price: '10.00',
    time: new Date('2025-03-10T13:00:00Z'),
    ...overrides,
  };
}

export function buy(quantity: number, price: string, overrides: Partial<Fill> = {}): Fill {
  return aFill({ side: 'BUY', quantity, price, ...overrides });
}

export function sell(quantity: number, price: string, overrides: Partial<Fill> = {}): Fill {
  return aFill({ side: 'SELL', quantity, price, ...overrides });
}

export interface PositionSpec {
  account?: string;
  symbol?: string;
  /** BRL per point as text, as the instrument rules would give it: "1", "0.20", "10". */
  multiplier?: string;
  fills?: readonly Fill[];
}

export function aPosition(spec: PositionSpec = {}): Position {
  return positionFromFills(spec.account ?? 'ACC-1', spec.symbol ?? 'PETR4', parseMultiplier(spec.multiplier ?? '1'), spec.fills ?? []);
}
