import { domainEnum } from '@b3/kit';
import { ORDER_SIDES, ORDER_STATUSES, ORDER_TYPES, TIME_IN_FORCES } from '../domain/order-model';

export const OrderSideEnum = domainEnum(ORDER_SIDES, { name: 'OrderSide' });

export const OrderTypeEnum = domainEnum(ORDER_TYPES, {
  name: 'OrderType',
  valuesConfig: {
    MARKET: { description: 'Executes at the best available price; takes no price' },
    LIMIT: { description: 'Executes at `price` or better' },
    STOP: { description: 'Becomes a MARKET order once the market trades at `stopPrice`' },
    STOP_LIMIT: { description: 'Becomes a LIMIT order at `price` once the market trades at `stopPrice`' },
  },
});

export const TimeInForceEnum = domainEnum(TIME_IN_FORCES, {
  name: 'TimeInForce',
  valuesConfig: {
    DAY: { description: 'Until the end of the trading session' },
    GTC: { description: 'Good till cancelled: stays working across sessions' },
    IOC: { description: 'Immediate or cancel: whatever fills at once, the rest is cancelled' },
    FOK: { description: 'Fill or kill: all at once, or nothing' },
  },
});

export const OrderStatusEnum = domainEnum(ORDER_STATUSES, {
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
