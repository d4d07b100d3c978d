import { registerEnumType } from 'type-graphql';
import { ORDER_SIDES, ORDER_STATUSES, ORDER_TYPES, TIME_IN_FORCES } from '../domain/order-model';

/**
 * GraphQL enums straight from the domain's `as const` lists, so a value added there appears in the
 * schema without a second list to keep in step, and resolvers pass domain values through unmapped.
 */
export function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const OrderSideEnum = enumOf(ORDER_SIDES);
registerEnumType(OrderSideEnum, { name: 'OrderSide' });

export const OrderTypeEnum = enumOf(ORDER_TYPES);
registerEnumType(OrderTypeEnum, {
  name: 'OrderType',
  valuesConfig: {
    MARKET: { description: 'Executes at the best available price; takes no price' },
    LIMIT: { description: 'Executes at `price` or better' },
    STOP: { description: 'Becomes a MARKET order once the market trades at `stopPrice`' },
    STOP_LIMIT: { description: 'Becomes a LIMIT order at `price` once the market trades at `stopPrice`' },
  },
});

export const TimeInForceEnum = enumOf(TIME_IN_FORCES);
registerEnumType(TimeInForceEnum, {
  name: 'TimeInForce',
  valuesConfig: {
    DAY: { description: 'Until the end of the trading session' },
    GTC: { description: 'Good till cancelled: stays working across sessions' },
    IOC: { description: 'Immediate or cancel: whatever fills at once, the rest is cancelled' },
    FOK: { description: 'Fill or kill: all at once, or nothing' },
  },
});

export const OrderStatusEnum = enumOf(ORDER_STATUSES);
registerEnumType(OrderStatusEnum, {
  name: 'OrderStatus',
  valuesConfig: {
    PENDING: { description: 'Accepted and stored by the platform, not yet acknowledged by the broker' },
    SUBMITTED: { description: 'Acknowledged by the broker and working, nothing filled yet' },
    PARTIALLY_FILLED: { description: 'Working, with part of the quantity filled' },
    FILLED: { description: 'The whole quantity filled' },
    CANCELED: { description: 'Cancelled; fills before the cancel took effect still count' },
    EXPIRED: { description: 'Ended by its time in force' },
    REJECTED: { description: 'Refused by the broker or the exchange (see rejectReason)' },
    FAILED: { description: 'Could not be routed; the broker never saw it (see rejectReason)' },
  },
});
