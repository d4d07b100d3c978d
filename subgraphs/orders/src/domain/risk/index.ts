/** The risk domain's public surface: services import from here, not from the files inside. */
export * from './fixed-point';
export * from './order-rate-limiter';
export * from './risk-engine';
export * from './risk-limits';
export * from './trading-calendar';
