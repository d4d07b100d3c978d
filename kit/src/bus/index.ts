export type { BusHandler, BusKind, BusLogger, BusMessage, CreateEventBusOptions, EventBus } from './event-bus';
export { BUS_KINDS } from './event-bus';
export { createEventBus } from './create-event-bus';
export { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker';
export { isTopic } from './topic';
export { MARKET_TOPICS, parseFeedTrade, parseFeedDaily, feedTradeItems, type FeedTrade } from './market-feed';
