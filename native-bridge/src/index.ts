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
