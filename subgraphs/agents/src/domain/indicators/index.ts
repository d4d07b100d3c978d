export { atr, trueRange } from './atr';
export { bollinger, type BollingerBands } from './bollinger';
export { macd, type Macd } from './macd';
export { ema, emaSeries, smaSeries } from './moving-average';
export { rsi } from './rsi';
export { vwap, type VolumeBar } from './vwap';
