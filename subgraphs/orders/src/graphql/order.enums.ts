import { registerEnumType } from 'type-graphql';
import type { OrderSide, OrderType } from '../domain/order';
import type { OrderStatus } from '../domain/order-state';

export enum OrderSideEnum {
  BUY = 'BUY',
  SELL = 'SELL',
}
registerEnumType(OrderSideEnum, { name: 'OrderSide' });

export enum OrderTypeEnum {
  MARKET = 'MARKET',
  LIMIT = 'LIMIT',
  STOP_LIMIT = 'STOP_LIMIT',
}
registerEnumType(OrderTypeEnum, {
  name: 'OrderType',
  valuesConfig: {
    MARKET: { description: 'Executes at the best available price; takes no price' },
    LIMIT: { description: 'Executes at limitPrice or better' },
    STOP_LIMIT: { description: 'Becomes a LIMIT order at limitPrice once the market trades at stopPrice' },
  },
});

export enum OrderStatusEnum {
  PENDING_NEW = 'PENDING_NEW',
  NEW = 'NEW',
  PARTIALLY_FILLED = 'PARTIALLY_FILLED',
  FILLED = 'FILLED',
  CANCELED = 'CANCELED',
  REJECTED = 'REJECTED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(OrderStatusEnum, {
  name: 'OrderStatus',
  valuesConfig: { PENDING_NEW: { description: 'Accepted by the platform, not yet acknowledged by the exchange' } },
});

export const sideToEnum: Record<OrderSide, OrderSideEnum> = { BUY: OrderSideEnum.BUY, SELL: OrderSideEnum.SELL };

export const typeToEnum: Record<OrderType, OrderTypeEnum> = {
  MARKET: OrderTypeEnum.MARKET,
  LIMIT: OrderTypeEnum.LIMIT,
  STOP_LIMIT: OrderTypeEnum.STOP_LIMIT,
};

export const statusToEnum: Record<OrderStatus, OrderStatusEnum> = {
  PENDING_NEW: OrderStatusEnum.PENDING_NEW,
  NEW: OrderStatusEnum.NEW,
  PARTIALLY_FILLED: OrderStatusEnum.PARTIALLY_FILLED,
  FILLED: OrderStatusEnum.FILLED,
  CANCELED: OrderStatusEnum.CANCELED,
  REJECTED: OrderStatusEnum.REJECTED,
  EXPIRED: OrderStatusEnum.EXPIRED,
};
