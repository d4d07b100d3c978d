export * from './market-data.types';
export {
  createProfitMarketData,
  DEFAULT_INSTRUMENTS,
  simulatorControls,
  type MarketDataClient,
  type ProfitMarketDataOptions,
} from './market-data.client';
export { SimulatorControls, type PushedTrade, type SimulatorStats } from './profit/simulator.controls';
export { BRIDGE_ERROR_CODES, BridgeError, type BridgeErrorCode } from './errors';
export {
  OrderRouter,
  type AccountRef,
  type BrokerAccount,
  type BrokerOrder,
  type BrokerPosition,
  type OrderRef,
  type RouteOrderInput,
} from './order-router';
export { ORDER_SIDES, ORDER_TYPES, type BrokerOrderStatus, type OrderSide, type OrderType } from './profit/order-codes';
export { ROUTING_CALLER_ID, signRoutingCaller } from './routing-caller';
